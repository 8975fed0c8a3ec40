#include "opsreport/coordination_rules/extension.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"
#include "roster_check.h"
#include "terms.h"

namespace opsreport::coordination_rules {
namespace {

std::string Format(absl::Time t, absl::TimeZone zone) {
  return absl::FormatTime(absl::RFC3339_full, t, zone);
}

absl::Status CheckRequestFields(const RuleSet& rules, const Roster& roster,
                                const ExtensionRequest& r) {
  base::Violations violations;
  CheckRoster(roster, /*participants_required=*/false, violations);
  if (r.granted_by.empty()) violations.Add("granted_by", "must not be empty");
  if (r.proposed_by.empty()) violations.Add("proposed_by", "must not be empty");
  if (IsInfinite(r.granted_at)) violations.Add("granted_at", "must be a finite time");
  if (IsInfinite(r.deadline)) violations.Add("deadline", "must be a finite time");
  if (IsInfinite(r.new_deadline)) {
    violations.Add("new_deadline", "must be a finite time");
  } else if (!IsInfinite(r.deadline) && r.new_deadline <= r.deadline) {
    violations.Add("new_deadline", absl::StrCat(Format(r.new_deadline, rules.zone),
                                                " is not after the current deadline ",
                                                Format(r.deadline, rules.zone)));
  }
  return violations.ToStatus("extension");
}

}  // namespace

std::optional<absl::Time> ExtensionCutoff(const RuleSet& rules, absl::Time deadline) {
  if (!rules.extension_min_lead) return std::nullopt;
  const calendar::Deadline& lead = *rules.extension_min_lead;
  if (IsInfinite(deadline) || lead.amount == 0) return deadline;
  const absl::CivilDay deadline_day = LocalDay(rules.zone, deadline);
  switch (lead.unit) {
    case calendar::DeadlineUnit::kWorkingDays: {
      // The n-th working day counting back from the deadline's own day: the
      // extension must come before that day begins to leave n working days.
      const absl::Time nth =
          rules.ForwardCalculator().DueAt(StartOfDay(rules.zone, deadline_day + 1), Negated(lead));
      if (IsInfinite(nth)) return nth;
      return StartOfDay(rules.zone, LocalDay(rules.zone, nth)) - absl::Nanoseconds(1);
    }
    case calendar::DeadlineUnit::kCalendarDays:
      return EndOfDay(rules.zone, deadline_day - lead.amount);
    case calendar::DeadlineUnit::kHours:
    case calendar::DeadlineUnit::kMinutes:
      break;
  }
  return rules.Calculator(calendar::NonWorkingDayRule::kKeep).DueAt(deadline, Negated(lead));
}

absl::Status CheckExtension(const RuleSet& rules, const Roster& roster,
                            const ExtensionRequest& request) {
  if (absl::Status s = CheckRequestFields(rules, roster, request); !s.ok()) return s;

  if (rules.extension_by == ExtensionGrantor::kChair && request.granted_by != roster.chair) {
    return absl::PermissionDeniedError(
        absl::StrCat("\"", request.granted_by,
                     "\" may not extend a measure's deadline: only the "
                     "chair \"",
                     roster.chair, "\" may (extension_by = chair)"));
  }
  if (rules.extension_proposers == ExtensionProposers::kParticipantOrChair &&
      !IsOnRoster(roster, request.proposed_by)) {
    return absl::PermissionDeniedError(
        absl::StrCat("a proposal by \"", request.proposed_by,
                     "\" cannot ground an extension: only a "
                     "participant of the meeting or the chair may propose one "
                     "(extension_proposers = participant_or_chair)"));
  }
  const std::optional<absl::Time> cutoff = ExtensionCutoff(rules, request.deadline);
  if (cutoff && request.granted_at > *cutoff) {
    std::string remaining;
    if (request.granted_at > request.deadline) {
      remaining = ", which has passed";
    } else if (rules.extension_min_lead->unit == calendar::DeadlineUnit::kWorkingDays) {
      remaining = absl::StrCat(
          ", with only ",
          rules.ForwardCalculator().WorkingDaysBetween(request.granted_at, request.deadline),
          " working day(s) left");
    }
    return absl::FailedPreconditionError(absl::StrCat(
        "too late to extend: granted at ", Format(request.granted_at, rules.zone),
        ", after the last moment ", Format(*cutoff, rules.zone), " that leaves ",
        rules.extension_min_lead->ToString(), " (extension_min_lead) before the deadline ",
        Format(request.deadline, rules.zone), remaining));
  }
  return absl::OkStatus();
}

}  // namespace opsreport::coordination_rules
