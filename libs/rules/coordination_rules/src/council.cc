#include "opsreport/coordination_rules/council.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"

namespace opsreport::coordination_rules {
namespace {

// Keeps numerator * permanent far from overflow; no council comes near it.
constexpr int64_t kMaxMembers = 1'000'000;

void CheckPermanent(int64_t permanent_members, base::Violations& violations) {
  if (permanent_members < 1 || permanent_members > kMaxMembers) {
    violations.Add("permanent_members",
                   absl::StrCat(permanent_members, " is not between 1 and ", kMaxMembers));
  }
}

}  // namespace

absl::StatusOr<int64_t> QuorumSize(const RuleSet& rules, int64_t permanent_members) {
  base::Violations violations;
  CheckPermanent(permanent_members, violations);
  if (!violations.empty()) return violations.ToStatus("quorum");
  if (!rules.quorum) return 0;
  const Fraction& q = *rules.quorum;
  // "Not less than two thirds": the smallest whole number of people at or
  // above the fraction.
  return (q.numerator * permanent_members + q.denominator - 1) / q.denominator;
}

absl::StatusOr<bool> HasQuorum(const RuleSet& rules, int64_t present_permanent,
                               int64_t permanent_members) {
  base::Violations violations;
  CheckPermanent(permanent_members, violations);
  if (present_permanent < 0 || present_permanent > permanent_members) {
    violations.Add("present_permanent",
                   absl::StrCat(present_permanent, " is not between 0 and ", "permanent_members (",
                                permanent_members, ")"));
  }
  if (!violations.empty()) return violations.ToStatus("quorum");
  absl::StatusOr<int64_t> needed = QuorumSize(rules, permanent_members);
  if (!needed.ok()) return needed.status();
  return present_permanent >= *needed;
}

absl::StatusOr<bool> IsAdopted(const RuleSet& rules, const VoteTally& tally) {
  if (!rules.voting) {
    return absl::FailedPreconditionError(
        absl::StrCat("jurisdiction ", rules.jurisdiction, " has no voting rule (voting = none)"));
  }
  base::Violations violations;
  if (tally.votes_for < 0) violations.Add("votes_for", "must not be negative");
  if (tally.votes_against < 0) violations.Add("votes_against", "must not be negative");
  if (tally.presiding == Ballot::kFor && tally.votes_for < 1) {
    violations.Add("votes_for", "must count the presiding member's vote for");
  }
  if (tally.presiding == Ballot::kAgainst && tally.votes_against < 1) {
    violations.Add("votes_against", "must count the presiding member's vote against");
  }
  if (!violations.empty()) return violations.ToStatus("vote");

  if (tally.votes_for != tally.votes_against) return tally.votes_for > tally.votes_against;
  return rules.tie_break == TieBreak::kChair && tally.presiding == Ballot::kFor;
}

}  // namespace opsreport::coordination_rules
