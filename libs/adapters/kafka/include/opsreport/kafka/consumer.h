#pragma once

#include <optional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/kafka/message.h"

namespace opsreport::kafka {

// Reads records of a consumer group. Nothing is committed implicitly: a record
// that was polled but never acknowledged is delivered again to whichever
// consumer of the group next owns its partition (e.g. after a crash).
// Poll from one thread at a time; Ack may be called from any thread.
class Consumer {
 public:
  virtual ~Consumer() = default;

  // nullopt on timeout. Errors other than partition EOF become a Status; they
  // are usually transient (e.g. a subscribed topic not yet created) and the
  // caller may keep polling.
  virtual absl::StatusOr<std::optional<Message>> Poll(absl::Duration timeout) = 0;

  // Explicit acknowledgement: synchronously commits offset+1 of this message
  // for its partition. Call only after the message's effect is durable.
  // Acknowledging a message at or below one this consumer already acknowledged
  // on the same partition is a no-op (the commit never moves backwards).
  virtual absl::Status Ack(const Message& message) = 0;

  // Commits offset+1 without waiting for the coordinator. For consumers
  // whose every step is idempotent: a commit lost to a broker outage only
  // means redelivery, while a synchronous commit can block for as long as
  // the group coordinator is unreachable (librdkafka 2.0.2 on the mock
  // cluster: indefinitely). INVALID_ARGUMENT for a malformed message.
  virtual absl::Status AckAsync(const Message& message) { return Ack(message); }
};

}  // namespace opsreport::kafka
