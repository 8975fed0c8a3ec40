#pragma once
// Whether the outcome of a meeting is final: UA 000 II.8 (the resolution is
// agreed once signed by the chair and every participant, within 7 working
// days of the meeting); KZ 003 §11 (the protocol is signed by the chair).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/coordination_rules/roster.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

struct Signature {
  std::string signer;
  absl::Time signed_at;
};

struct SigningState {
  bool agreed = false;
  // The last required signature; set when agreed.
  std::optional<absl::Time> agreed_at;
  // Required signatories who have not signed: the chair first, then the
  // participants in roster order.
  std::vector<std::string> missing;
  // The end of the signing window (the last nanosecond of its last day);
  // nullopt when the jurisdiction sets none.
  std::optional<absl::Time> due;
  // Not agreed and `now` is past `due`.
  bool overdue = false;
  // Agreed, but after `due`.
  bool late = false;
  bool operator==(const SigningState&) const = default;
};

// The end of the signing window for a meeting held at `held_at`; nullopt when
// the rule set has no signing_window.
std::optional<absl::Time> SigningDue(const RuleSet& rules, absl::Time held_at);

// Evaluates the signatures known at `now`. A signer's earliest signature
// counts. INVALID_ARGUMENT naming every bad field: roster.chair,
// roster.participants[i] (empty, repeated, or none at all when participants
// must sign), held_at, now, signatures[i].signer (empty or not on the
// roster), signatures[i].signed_at (before the meeting or after `now`).
absl::StatusOr<SigningState> EvaluateSigning(const RuleSet& rules, const Roster& roster,
                                             absl::Time held_at,
                                             const std::vector<Signature>& signatures,
                                             absl::Time now);

}  // namespace opsreport::coordination_rules
