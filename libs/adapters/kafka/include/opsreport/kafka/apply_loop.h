#pragma once
// A consumer-group member that applies each record with an idempotent
// handler and commits offsets only after the handler's effect is durable,
// and never stalls on one record:
//   - OK moves on.
//   - INVALID_ARGUMENT means the record can never be applied as it is: it is
//     parked at once (DeadLetters, with the reason) and the loop moves on.
//   - Anything else is transient (Redis down, a conflict): retried with
//     exponential backoff and jitter up to RetryPolicy::attempts, then
//     parked. A record whose park fails too (Redis down) is kept and retried
//     with the longest backoff: nothing is committed past it, and the loop
//     reports itself stalled once that lasts beyond the stall limit.
//   - On a topic that keeps its keys' order, a record whose key is held by a
//     parked one is parked behind it unapplied, and replayed after it.
// "Waiting for a prerequisite" is not a failure: handlers store such a
// record as held (consumer::HoldStore) and return OK.
//
// Commits are asynchronous and periodic: a lost commit only means
// redelivery, which the handler's idempotence absorbs, whereas a synchronous
// commit can block while the group coordinator is unreachable.

#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/dead_letters.h"

namespace opsreport::kafka {

struct RetryPolicy {
  int attempts = 8;  // handler calls before a transient failure is parked
  absl::Duration initial_backoff = absl::Milliseconds(100);
  absl::Duration max_backoff = absl::Seconds(5);
};

struct ApplyLoopOptions {
  std::string name;  // labels log lines
  RetryPolicy retry;
  // Topics whose records with one key must be applied in order.
  std::function<bool(const std::string& topic)> keeps_key_order;
};

// What an operator sees of a loop.
struct LoopSnapshot {
  std::string name;
  int64_t applied = 0;
  int64_t parked = 0;
  absl::Time last_advanced_at = absl::InfinitePast();
  std::string current;  // the record in hand ("" = none)
  absl::Time current_since = absl::InfinitePast();
  std::string last_error;  // of the record in hand
};

struct ReplayOutcome {
  std::vector<std::string> replayed;
  std::vector<Parked> still_parked;  // with the new error
};

class ApplyLoop {
 public:
  using Handler = std::function<absl::Status(const Message&)>;

  // `consumer` and `dead_letters` are not owned and must outlive the loop.
  ApplyLoop(Consumer* consumer, Handler handler, DeadLetters* dead_letters,
            ApplyLoopOptions options);
  ~ApplyLoop();  // Stop()

  void Start();
  void Stop();
  // Runs queued replays, polls once and applies what came; false on a
  // timeout (or when stopped while retrying: the record stays uncommitted).
  bool RunOnce(absl::Duration timeout);
  void CommitApplied();

  // Replays parked records on the loop's own thread (so they are applied in
  // turn with what it reads), waiting up to `timeout` for it to get to them.
  absl::StatusOr<ReplayOutcome> Replay(std::vector<std::string> ids, bool all,
                                       absl::Duration timeout);

  LoopSnapshot Snapshot() const;
  // Why the loop is stuck, when one record has been in hand for longer than
  // `limit`; nullopt otherwise.
  std::optional<std::string> Stalled(absl::Time now, absl::Duration limit) const;

  int64_t applied() const { return applied_.load(); }
  int64_t parked() const { return parked_.load(); }

 private:
  struct ReplayRequest;
  enum class Outcome { kApplied, kParked, kStopped };

  Outcome Apply(const Message& message);
  // Parks, retrying a failed park until it is stored or the loop stops.
  bool ParkDurably(const Parked& parked, int* attempt);
  // Sleeps the backoff of `attempt`; false when stopped meanwhile.
  bool Backoff(int attempt);
  void RunReplays();
  ReplayOutcome DoReplay(const std::vector<std::string>& ids, bool all, absl::Status* error);
  void Begin(const Message& message);
  void Note(const absl::Status& status);
  void End(Outcome outcome);
  bool KeepsOrder(const std::string& topic) const;

  Consumer* consumer_;
  Handler handler_;
  DeadLetters* dead_letters_;
  ApplyLoopOptions options_;
  std::map<std::pair<std::string, int32_t>, Message> to_commit_;
  // When each partition was last read: an ordered topic's partition read
  // after a pause may come from another process (a rebalance).
  std::map<std::pair<std::string, int32_t>, absl::Time> last_read_;
  absl::Time last_commit_ = absl::InfinitePast();
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::atomic<int64_t> applied_{0};
  std::atomic<int64_t> parked_{0};

  mutable absl::Mutex mu_;
  LoopSnapshot snapshot_ ABSL_GUARDED_BY(mu_);
  std::deque<std::shared_ptr<ReplayRequest>> replays_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;  // cuts a backoff short
};

}  // namespace opsreport::kafka
