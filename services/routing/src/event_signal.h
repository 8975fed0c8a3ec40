#pragma once
// Wakes live-view streams as soon as this process stores an event, instead
// of each stream polling Redis on a timer. Events stored by other replicas
// are still picked up by the streams' fallback poll.

#include <cstdint>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace opsreport::routing {

class EventSignal {
 public:
  void Notify() {
    absl::MutexLock lock(&mu_);
    ++generation_;
  }
  uint64_t generation() {
    absl::MutexLock lock(&mu_);
    return generation_;
  }
  // Returns once the generation moved past `seen` or `timeout` passed.
  void WaitPast(uint64_t seen, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto moved = [this, seen]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return generation_ != seen; };
    mu_.AwaitWithTimeout(absl::Condition(&moved), timeout);
  }

 private:
  absl::Mutex mu_;
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace opsreport::routing
