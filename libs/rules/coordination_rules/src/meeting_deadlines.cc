#include "opsreport/coordination_rules/meeting_deadlines.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"
#include "terms.h"

namespace opsreport::coordination_rules {

std::optional<absl::Time> MaterialsDue(const RuleSet& rules, absl::Time meeting_at) {
  if (!rules.materials_lead) return std::nullopt;
  return LeadBeforeDay(rules, meeting_at, *rules.materials_lead);
}

std::optional<absl::Time> AgendaDue(const RuleSet& rules, absl::Time meeting_at) {
  if (!rules.agenda_lead) return std::nullopt;
  return LeadBefore(rules, meeting_at, *rules.agenda_lead);
}

std::optional<absl::Time> ProtocolDue(const RuleSet& rules, absl::Time meeting_at) {
  if (!rules.protocol_within) return std::nullopt;
  return TermEnd(rules, meeting_at, *rules.protocol_within);
}

std::optional<absl::Time> ProtocolSendDue(const RuleSet& rules, absl::Time signed_at) {
  if (!rules.protocol_send_within) return std::nullopt;
  return TermEnd(rules, signed_at, *rules.protocol_send_within);
}

std::optional<absl::Time> ReworkDue(const RuleSet& rules, absl::Time returned_at) {
  if (!rules.rework_within) return std::nullopt;
  return TermEnd(rules, returned_at, *rules.rework_within);
}

std::optional<absl::Time> CoexecutorMaterialsDue(const RuleSet& rules,
                                                 absl::Time measure_deadline) {
  if (!rules.coexecutor_lead) return std::nullopt;
  return LeadBefore(rules, measure_deadline, *rules.coexecutor_lead);
}

absl::Status CheckMaterialsLength(const RuleSet& rules, int64_t pages) {
  base::Violations violations;
  if (pages < 1) {
    violations.Add("pages", absl::StrCat(pages, " is not a positive number of pages"));
  } else if (rules.materials_max_pages && pages > *rules.materials_max_pages) {
    violations.Add("pages", absl::StrCat(pages, " pages exceed materials_max_pages (",
                                         *rules.materials_max_pages, ")"));
  }
  return violations.ToStatus("materials");
}

}  // namespace opsreport::coordination_rules
