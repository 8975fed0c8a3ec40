#pragma once
// Deadlines around a council meeting (KZ 003 §10-§11). Each returns nullopt
// when the rule set lacks the rule. Terms counted in days end with the last
// nanosecond of their last local day, as a day-counted term does in civil
// law; hours and minutes are exact. The non-working-day rule moves a
// calendar-day result: non_working_day_rule for terms running forward,
// lead_non_working_day_rule for lead times counted back.

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

// Materials reach the secretary "no later than 20 calendar days before the
// day of the meeting": the end of the day materials_lead before its day.
std::optional<absl::Time> MaterialsDue(const RuleSet& rules, absl::Time meeting_at);
// The agenda goes out "no later than 3 calendar days before the start":
// meeting_at minus agenda_lead, same wall time.
std::optional<absl::Time> AgendaDue(const RuleSet& rules, absl::Time meeting_at);
// The protocol is drawn up within protocol_within after the meeting.
std::optional<absl::Time> ProtocolDue(const RuleSet& rules, absl::Time meeting_at);
// The signed protocol goes to the members within protocol_send_within.
std::optional<absl::Time> ProtocolSendDue(const RuleSet& rules, absl::Time signed_at);
// Materials returned for rework come back within rework_within.
std::optional<absl::Time> ReworkDue(const RuleSet& rules, absl::Time returned_at);
// Co-executors give the lead executor their materials at least
// coexecutor_lead before the measure's deadline, same wall time.
std::optional<absl::Time> CoexecutorMaterialsDue(const RuleSet& rules, absl::Time measure_deadline);

// OK when a summary of `pages` pages fits materials_max_pages (always, when
// unset); INVALID_ARGUMENT naming "pages" when it is longer or pages < 1.
absl::Status CheckMaterialsLength(const RuleSet& rules, int64_t pages);

}  // namespace opsreport::coordination_rules
