#pragma once
// Day arithmetic shared by the rules: where a day begins and ends in the
// jurisdiction's zone, and how a term or a lead time turns into an instant.

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

bool IsInfinite(absl::Time t);
absl::CivilDay LocalDay(absl::TimeZone zone, absl::Time t);
// The first instant of `day` (where midnight is skipped, the instant the day begins).
absl::Time StartOfDay(absl::TimeZone zone, absl::CivilDay day);
// The last nanosecond of `day`.
absl::Time EndOfDay(absl::TimeZone zone, absl::CivilDay day);
// The wall time `cs`: a skipped one at the end of the gap, a repeated one at
// its later occurrence (as calendar::DeadlineCalculator resolves them).
absl::Time AtWallTime(absl::TimeZone zone, absl::CivilSecond cs);

bool CountsDays(const calendar::Deadline& d);
calendar::Deadline Negated(const calendar::Deadline& d);

// "Within `term` after `start`": a term in days ends with its last day.
absl::Time TermEnd(const RuleSet& rules, absl::Time start, const calendar::Deadline& term);
// "`lead` before the day of `event`": the end of the day the lead reaches.
absl::Time LeadBeforeDay(const RuleSet& rules, absl::Time event, const calendar::Deadline& lead);
// "`lead` before `event`" itself, keeping its wall time.
absl::Time LeadBefore(const RuleSet& rules, absl::Time event, const calendar::Deadline& lead);

}  // namespace opsreport::coordination_rules
