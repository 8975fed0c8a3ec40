#pragma once
// Extending a measure's deadline (UA 000 II.13: by the chair, on a
// participant's proposal or his own, no later than 5 working days before the
// deadline). Each limit comes from the rule set and is skipped when unset.

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "opsreport/coordination_rules/roster.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

struct ExtensionRequest {
  std::string granted_by;   // who extends
  std::string proposed_by;  // whose proposal it follows (granted_by for his own)
  absl::Time granted_at;    // when the extension is made: II.13 times the act
  absl::Time deadline;      // the measure's current deadline
  absl::Time new_deadline;
};

// The last instant at which the measure due at `deadline` may still be
// extended: the end of the last local day D such that at least
// extension_min_lead lies between D and the deadline (working days counted
// in (D, deadline's day], as calendar::DeadlineCalculator::WorkingDaysBetween
// does; calendar days likewise; hours and minutes exactly). nullopt when the
// rule set has no extension_min_lead.
std::optional<absl::Time> ExtensionCutoff(const RuleSet& rules, absl::Time deadline);

// OK when the extension may be made. Otherwise, in this order:
//  INVALID_ARGUMENT naming every malformed field (roster.chair, granted_by,
//    proposed_by, granted_at, deadline, new_deadline: infinite, empty, or a
//    new deadline not after the current one);
//  PERMISSION_DENIED when granted_by is not allowed to extend (extension_by),
//    or proposed_by may not propose (extension_proposers);
//  FAILED_PRECONDITION when granted_at is past ExtensionCutoff.
absl::Status CheckExtension(const RuleSet& rules, const Roster& roster,
                            const ExtensionRequest& request);

}  // namespace opsreport::coordination_rules
