#pragma once
// Who sat at a coordination meeting: the chair (or whoever acted for him,
// 000 II.3; 003 §9) and the participants, each by a stable person id.

#include <string>
#include <vector>

namespace opsreport::coordination_rules {

struct Roster {
  std::string chair;
  // Listing the chair here too is harmless: he is one person.
  std::vector<std::string> participants;
};

}  // namespace opsreport::coordination_rules
