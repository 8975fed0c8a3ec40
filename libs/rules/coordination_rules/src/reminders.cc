#include "opsreport/coordination_rules/reminders.h"

#include <algorithm>

#include "opsreport/base/violations.h"
#include "terms.h"

namespace opsreport::coordination_rules {
namespace {

absl::Status CheckInputs(absl::Time due, const ReminderPolicy& policy, absl::Time now) {
  base::Violations violations;
  if (IsInfinite(due)) violations.Add("due", "must be a finite time");
  if (IsInfinite(now)) violations.Add("now", "must be a finite time");
  if (policy.interval.amount <= 0) violations.Add("policy.interval", "must be positive");
  if (policy.time_of_day) {
    if (!CountsDays(policy.lead)) {
      violations.Add("policy.time_of_day", "applies only to a lead in days (d or wd)");
    } else if (*policy.time_of_day < absl::ZeroDuration() ||
               *policy.time_of_day >= absl::Hours(24)) {
      violations.Add("policy.time_of_day", "must be in [0, 24h)");
    }
  }
  return violations.ToStatus("reminder");
}

}  // namespace

absl::StatusOr<ReminderState> NextReminder(const RuleSet& rules, absl::Time due,
                                           const ReminderPolicy& policy, absl::Time now,
                                           bool closed) {
  if (absl::Status s = CheckInputs(due, policy, now); !s.ok()) return s;
  ReminderState state;
  if (closed) return state;
  state.overdue = calendar::IsOverdue(due, now);

  // Reminders are notices, not deadlines: a day off does not move them.
  const calendar::DeadlineCalculator calc = rules.Calculator(calendar::NonWorkingDayRule::kKeep);
  absl::Time first = calc.DueAt(due, Negated(policy.lead));
  if (policy.time_of_day) {
    const absl::CivilSecond midnight(LocalDay(rules.zone, first));
    first = AtWallTime(rules.zone, midnight + absl::ToInt64Seconds(*policy.time_of_day));
  }
  if (now <= first) {
    state.next = first;
    return state;
  }

  const calendar::Deadline& step = policy.interval;
  if (!CountsDays(step)) {
    const absl::Duration d = step.unit == calendar::DeadlineUnit::kMinutes
                                 ? absl::Minutes(step.amount)
                                 : absl::Hours(step.amount);
    absl::Duration remainder;
    int64_t k = absl::IDivDuration(now - first, d, &remainder);
    if (first + k * d < now) ++k;
    state.next = first + k * d;
    return state;
  }
  // Jump close to `now`, then walk: each day-counted step is a calendar walk.
  const int64_t elapsed = step.unit == calendar::DeadlineUnit::kWorkingDays
                              ? calc.WorkingDaysBetween(first, now)
                              : LocalDay(rules.zone, now) - LocalDay(rules.zone, first);
  int64_t k = std::max<int64_t>(0, elapsed / step.amount - 1);
  absl::Time at = calc.DueAt(first, {k * step.amount, step.unit});
  while (at < now) {
    ++k;
    at = calc.DueAt(first, {k * step.amount, step.unit});
  }
  if (at != absl::InfiniteFuture()) state.next = at;
  return state;
}

}  // namespace opsreport::coordination_rules
