#pragma once
// Fires due timers from a TimerStore on a background thread: each pass
// returns expired leases to the due set, claims due timers with a lease,
// runs the handler on each and acks those it handled. Any number of pollers
// (threads or processes) may share a store: each timer goes to one of them,
// and one killed mid-batch loses nothing - its claims fire again when their
// lease ends. So a handler may see a timer more than once and must be
// idempotent (emit its event with a dedup key).

#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "opsreport/base/clock.h"
#include "opsreport/timers/timer_store.h"

namespace opsreport::timers {

struct PollerOptions {
  // Sleep between passes that found less than a full batch.
  absl::Duration poll_interval = absl::Milliseconds(200);
  // How long a claimed timer is reserved for this poller's handler before
  // another poller may fire it again; longer than the slowest handler.
  absl::Duration lease = absl::Seconds(30);
  int batch = 256;
};

// Every fault at once, fields named "poller.<field>".
absl::Status ValidatePollerOptions(const PollerOptions& options);

class TimerPoller {
 public:
  // OK acks the timer. An error leaves it in flight: it fires again once
  // its lease ends (the lease doubles as the retry delay).
  using Handler = std::function<absl::Status(const Timer&)>;

  // `store` and `clock` are not owned and must outlive the poller.
  TimerPoller(TimerStore* store, const base::Clock* clock, Handler handler,
              PollerOptions options = {});
  ~TimerPoller();  // Stop()
  TimerPoller(const TimerPoller&) = delete;
  TimerPoller& operator=(const TimerPoller&) = delete;

  // Starts the thread; INVALID_ARGUMENT for bad options, FAILED_PRECONDITION
  // if already started.
  absl::Status Start();
  // Finishes the current pass and joins. Idempotent.
  void Stop();

  // One pass on the caller's thread (tests drive this with a FakeClock).
  // Returns how many timers were claimed; a Redis error ends the pass.
  absl::StatusOr<int> RunOnce();

  int64_t fired() const { return fired_.load(); }  // handled OK and acked
  int64_t handler_errors() const { return handler_errors_.load(); }
  int64_t store_errors() const { return store_errors_.load(); }  // failed passes (thread)

 private:
  void Loop();

  TimerStore* store_;
  const base::Clock* clock_;
  Handler handler_;
  PollerOptions options_;
  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
  std::atomic<int64_t> fired_{0};
  std::atomic<int64_t> handler_errors_{0};
  std::atomic<int64_t> store_errors_{0};
};

}  // namespace opsreport::timers
