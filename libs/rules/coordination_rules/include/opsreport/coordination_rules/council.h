#pragma once
// Quorum and voting of a council (KZ 003 §9: a quorum of at least two thirds
// of the permanent members; simple majority, the presiding member's vote
// decides a tie). Ukraine has neither: its resolutions bind by signature.

#include <cstdint>

#include "absl/status/statusor.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

// The fewest permanent members present that make a quorum:
// ceil(numerator * permanent / denominator), so 4 of 6 and 6 of 9 for 2/3.
// 0 when the rule set has no quorum. INVALID_ARGUMENT unless permanent > 0.
absl::StatusOr<int64_t> QuorumSize(const RuleSet& rules, int64_t permanent_members);

// Members acting for an absent permanent member count as present (003 §9).
// INVALID_ARGUMENT naming present_permanent / permanent_members unless
// 0 <= present <= permanent and permanent > 0.
absl::StatusOr<bool> HasQuorum(const RuleSet& rules, int64_t present_permanent,
                               int64_t permanent_members);

enum class Ballot { kFor, kAgainst, kAbstain };

struct VoteTally {
  // Every member's vote, the presiding member's included; abstentions are
  // not counted.
  int64_t votes_for = 0;
  int64_t votes_against = 0;
  Ballot presiding = Ballot::kAbstain;
};

// Adopted when more votes are for than against; on a tie the presiding
// member's vote decides under tie_break = chair (an abstaining chair decides
// nothing, so the tie fails), and a tie fails without tie_break.
// FAILED_PRECONDITION when the rule set has no voting; INVALID_ARGUMENT
// naming votes_for / votes_against when negative or not covering the
// presiding member's own vote.
absl::StatusOr<bool> IsAdopted(const RuleSet& rules, const VoteTally& tally);

}  // namespace opsreport::coordination_rules
