#include "roster_check.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"

namespace opsreport::coordination_rules {

void CheckRoster(const Roster& roster, bool participants_required, base::Violations& violations) {
  if (roster.chair.empty()) violations.Add("roster.chair", "must not be empty");
  std::map<std::string, size_t> first;
  bool anyone_besides_chair = false;
  for (size_t i = 0; i < roster.participants.size(); ++i) {
    const std::string& p = roster.participants[i];
    const std::string field = absl::StrCat("roster.participants[", i, "]");
    if (p.empty()) {
      violations.Add(field, "must not be empty");
      continue;
    }
    auto [it, inserted] = first.emplace(p, i);
    if (!inserted) {
      violations.Add(field,
                     absl::StrCat("\"", p, "\" repeats roster.participants[", it->second, "]"));
    }
    anyone_besides_chair = anyone_besides_chair || p != roster.chair;
  }
  if (participants_required && !anyone_besides_chair) {
    violations.Add("roster.participants",
                   "must name at least one participant besides the chair, since participants sign");
  }
}

bool IsParticipant(const Roster& roster, std::string_view person) {
  for (const std::string& p : roster.participants) {
    if (p == person) return true;
  }
  return false;
}

bool IsOnRoster(const Roster& roster, std::string_view person) {
  return person == roster.chair || IsParticipant(roster, person);
}

}  // namespace opsreport::coordination_rules
