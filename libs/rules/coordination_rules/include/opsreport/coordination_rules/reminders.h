#pragma once
// When to remind someone of an open deadline. The service turns the answer
// into a timer and a reminder event; this only does the arithmetic.

#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

struct ReminderPolicy {
  // The first reminder comes this long before the due time ("3d", "2wd").
  calendar::Deadline lead;
  // Then one every interval, past the due time too, until closed ("1d").
  calendar::Deadline interval;
  // For a lead in days: the local time of day reminders fire at (e.g. 09:00)
  // instead of the due time's own wall time.
  std::optional<absl::Duration> time_of_day;
};

struct ReminderState {
  // The first reminder at or after `now`; nullopt once closed.
  std::optional<absl::Time> next;
  // Open and past due.
  bool overdue = false;
  bool operator==(const ReminderState&) const = default;
};

// Reminder times are first + k * interval (k >= 0) in the rule set's zone and
// calendar, where first is `lead` before `due` (at time_of_day if set); a
// day never moves to a working day (use "wd" units for that). INVALID_ARGUMENT
// naming due / now / policy.interval / policy.time_of_day when infinite, the
// interval is zero, or time_of_day is outside [0, 24h).
absl::StatusOr<ReminderState> NextReminder(const RuleSet& rules, absl::Time due,
                                           const ReminderPolicy& policy, absl::Time now,
                                           bool closed);

}  // namespace opsreport::coordination_rules
