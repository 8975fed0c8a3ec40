#pragma once
// Calendar periods: how often the council must meet (KZ 003 §9: at least
// once a quarter) and the half-year work plans (003 §9).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/calendar/date.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

// [start, end) in local dates, aligned to 1 January.
struct CalendarPeriod {
  PeriodKind kind = PeriodKind::kQuarter;
  calendar::Date start;
  calendar::Date end;
  // "2025-05", "2025-Q2", "2025-H1", "2025".
  std::string ToString() const;
  bool operator==(const CalendarPeriod&) const = default;
};

std::string_view PeriodKindName(PeriodKind kind);

CalendarPeriod PeriodContaining(PeriodKind kind, calendar::Date date);

// The work-plan period holding `date`; nullopt when the rule set has no
// plan_period.
std::optional<CalendarPeriod> PlanPeriodContaining(const RuleSet& rules, calendar::Date date);

// The meeting_interval periods lying wholly in [from, to) in which none of
// `meetings` took place (local dates in the rule set's zone), in order.
// A period cut by `from` or `to` is not judged: the council cannot be held
// to a part of a quarter, and a quarter still running is not yet missed.
// Empty when the rule set has no meeting_interval. INVALID_ARGUMENT naming
// from / to / meetings[i] when to < from or a meeting time is infinite.
absl::StatusOr<std::vector<CalendarPeriod>> PeriodsWithoutMeeting(
    const RuleSet& rules, const std::vector<absl::Time>& meetings, calendar::Date from,
    calendar::Date to);

}  // namespace opsreport::coordination_rules
