#pragma once

#include <string_view>

#include "opsreport/base/violations.h"
#include "opsreport/coordination_rules/roster.h"

namespace opsreport::coordination_rules {

// Adds a violation for an empty chair, an empty or repeated participant, and,
// when `participants_required`, a roster with nobody besides the chair.
void CheckRoster(const Roster& roster, bool participants_required, base::Violations& violations);

bool IsParticipant(const Roster& roster, std::string_view person);
bool IsOnRoster(const Roster& roster, std::string_view person);

}  // namespace opsreport::coordination_rules
