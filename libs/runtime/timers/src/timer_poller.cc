#include "opsreport/timers/timer_poller.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"

namespace opsreport::timers {

absl::Status ValidatePollerOptions(const PollerOptions& options) {
  base::Violations v;
  auto positive = [&](const char* field, absl::Duration d) {
    if (d <= absl::ZeroDuration() || d == absl::InfiniteDuration()) {
      v.Add(field, absl::StrCat(absl::FormatDuration(d), " is not a positive finite duration"));
    }
  };
  positive("poller.poll_interval", options.poll_interval);
  positive("poller.lease", options.lease);
  if (options.batch <= 0) v.Add("poller.batch", absl::StrCat(options.batch, " is not positive"));
  return v.ToStatus("timer poller options");
}

TimerPoller::TimerPoller(TimerStore* store, const base::Clock* clock, Handler handler,
                         PollerOptions options)
    : store_(store), clock_(clock), handler_(std::move(handler)), options_(options) {}

TimerPoller::~TimerPoller() { Stop(); }

absl::Status TimerPoller::Start() {
  RETURN_IF_ERROR(ValidatePollerOptions(options_));
  if (thread_.joinable()) return absl::FailedPreconditionError("timer poller already started");
  {
    absl::MutexLock lock(&mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

void TimerPoller::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<int> TimerPoller::RunOnce() {
  absl::Time now = clock_->Now();
  RETURN_IF_ERROR(store_->RecoverExpiredLeases(now).status());
  ASSIGN_OR_RETURN(std::vector<Timer> claimed,
                   store_->ClaimDueLeased(now, options_.lease, options_.batch));
  std::vector<std::string> handled;
  for (const Timer& timer : claimed) {
    if (handler_(timer).ok()) {
      handled.push_back(timer.id);
    } else {
      ++handler_errors_;
    }
  }
  // Unacked after a failure here, the handled ones fire again after the
  // lease: harmless for idempotent handlers.
  RETURN_IF_ERROR(store_->AckMany(handled));
  fired_ += static_cast<int64_t>(handled.size());
  return static_cast<int>(claimed.size());
}

void TimerPoller::Loop() {
  while (true) {
    absl::StatusOr<int> claimed = RunOnce();
    if (!claimed.ok()) ++store_errors_;
    bool full = claimed.ok() && *claimed >= options_.batch;
    absl::MutexLock lock(&mu_);
    if (stop_) return;
    if (full) continue;  // more may be due right now
    mu_.AwaitWithTimeout(absl::Condition(&stop_), options_.poll_interval);
    if (stop_) return;
  }
}

}  // namespace opsreport::timers
