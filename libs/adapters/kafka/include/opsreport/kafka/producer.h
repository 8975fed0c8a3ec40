#pragma once

#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace opsreport::kafka {

// Publishes records. Implementations are safe to call from many threads.
// Records with the same key land on the same partition, so their order is
// preserved.
class Producer {
 public:
  virtual ~Producer() = default;

  // Blocks until the broker's delivery report (acks=all); the report's error
  // becomes the Status. Returns within the producer's delivery timeout.
  virtual absl::Status Send(std::string_view topic, std::string_view key,
                            std::string_view payload) = 0;

  // Non-blocking; `done` runs exactly once with the delivery result, on the
  // producer's delivery thread (so it must not block for long). A record
  // refused before it is queued (e.g. local queue full, producer failed fatally)
  // has `done` run inline, on the caller's thread. The in-memory fake always
  // runs `done` inline.
  virtual void SendAsync(std::string_view topic, std::string_view key, std::string_view payload,
                         std::function<void(absl::Status)> done) = 0;

  // Waits until no record awaits its delivery report, i.e. every `done` of
  // the records sent so far (and of any sent meanwhile) has run.
  // DEADLINE_EXCEEDED, with the count, when some are still outstanding.
  virtual absl::Status Flush(absl::Duration timeout) = 0;
};

}  // namespace opsreport::kafka
