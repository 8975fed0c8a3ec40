#pragma once
// A consumer-group member that applies each record with an idempotent
// handler and commits offsets only after the handler's effect is durable.
//
// The handler's status decides: OK moves on; INVALID_ARGUMENT means the
// record can never be applied (logged, counted, skipped, so it cannot stall
// its partition); anything else is transient (e.g. Redis down) and the same
// record is retried until it succeeds or the loop stops, so no record is
// ever skipped past. Commits are asynchronous and periodic: a lost commit
// only means redelivery, which the handler's idempotence absorbs, whereas a
// synchronous commit can block while the group coordinator is unreachable.

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "opsreport/kafka/consumer.h"

namespace opsreport::kafka {

class ApplyLoop {
 public:
  using Handler = std::function<absl::Status(const Message&)>;

  // `consumer` is not owned. `name` labels log lines.
  ApplyLoop(Consumer* consumer, Handler handler, std::string name);
  ~ApplyLoop();  // Stop()

  void Start();
  void Stop();
  // Polls once and applies what came; false on a timeout.
  bool RunOnce(absl::Duration timeout);
  void CommitApplied();

  int64_t applied() const { return applied_.load(); }
  int64_t rejected() const { return rejected_.load(); }

 private:
  Consumer* consumer_;
  Handler handler_;
  std::string name_;
  std::map<std::pair<std::string, int32_t>, Message> to_commit_;
  absl::Time last_commit_ = absl::InfinitePast();
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::atomic<int64_t> applied_{0};
  std::atomic<int64_t> rejected_{0};
};

}  // namespace opsreport::kafka
