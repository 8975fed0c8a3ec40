#include "opsreport/coordination_rules/signing.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"
#include "roster_check.h"
#include "terms.h"

namespace opsreport::coordination_rules {
namespace {

std::string Format(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime(absl::RFC3339_full, t, zone);
}

void CheckSignatures(const RuleSet& rules, const Roster& roster, absl::Time held_at,
                     const std::vector<Signature>& signatures, absl::Time now,
                     base::Violations& violations) {
  for (size_t i = 0; i < signatures.size(); ++i) {
    const Signature& s = signatures[i];
    const std::string field = absl::StrCat("signatures[", i, "]");
    if (s.signer.empty()) {
      violations.Add(field + ".signer", "must not be empty");
    } else if (!IsOnRoster(roster, s.signer)) {
      violations.Add(field + ".signer",
                     absl::StrCat("\"", s.signer, "\" is neither the chair nor a participant"));
    }
    if (IsInfinite(s.signed_at)) {
      violations.Add(field + ".signed_at", "must be a finite time");
    } else if (!IsInfinite(held_at) && s.signed_at < held_at) {
      violations.Add(field + ".signed_at",
                     absl::StrCat(Format(s.signed_at, rules.zone), " is before the meeting at ",
                                  Format(held_at, rules.zone)));
    } else if (!IsInfinite(now) && s.signed_at > now) {
      violations.Add(field + ".signed_at",
                     absl::StrCat(Format(s.signed_at, rules.zone), " is after now, ",
                                  Format(now, rules.zone)));
    }
  }
}

}  // namespace

std::optional<absl::Time> SigningDue(const RuleSet& rules, absl::Time held_at) {
  if (!rules.signing_window) return std::nullopt;
  return TermEnd(rules, held_at, *rules.signing_window);
}

absl::StatusOr<SigningState> EvaluateSigning(const RuleSet& rules, const Roster& roster,
                                             absl::Time held_at,
                                             const std::vector<Signature>& signatures,
                                             absl::Time now) {
  const bool participants_sign = rules.signatories == Signatories::kChairAndParticipants;
  base::Violations violations;
  CheckRoster(roster, participants_sign, violations);
  if (IsInfinite(held_at)) violations.Add("held_at", "must be a finite time");
  if (IsInfinite(now)) violations.Add("now", "must be a finite time");
  CheckSignatures(rules, roster, held_at, signatures, now, violations);
  if (!violations.empty()) return violations.ToStatus("signing");

  // A signer who signs again (a corrected copy) was bound from the first time.
  std::map<std::string, absl::Time> first_signed;
  for (const Signature& s : signatures) {
    auto [it, inserted] = first_signed.emplace(s.signer, s.signed_at);
    if (!inserted && s.signed_at < it->second) it->second = s.signed_at;
  }
  std::vector<std::string> required = {roster.chair};
  if (participants_sign) {
    for (const std::string& p : roster.participants) {
      if (p != roster.chair) required.push_back(p);
    }
  }

  SigningState state;
  absl::Time last = absl::InfinitePast();
  for (const std::string& person : required) {
    auto it = first_signed.find(person);
    if (it == first_signed.end()) {
      state.missing.push_back(person);
    } else if (it->second > last) {
      last = it->second;
    }
  }
  state.agreed = state.missing.empty();
  if (state.agreed) state.agreed_at = last;
  state.due = SigningDue(rules, held_at);
  if (state.due) {
    state.overdue = !state.agreed && now > *state.due;
    state.late = state.agreed && *state.agreed_at > *state.due;
  }
  return state;
}

}  // namespace opsreport::coordination_rules
