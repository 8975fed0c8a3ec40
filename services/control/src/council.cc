// Council meetings under the jurisdiction's rules (seed 003 §9–§11): the
// verdicts are computed here and stored with the meeting.
#include "opsreport/coordination_rules/council.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "coordinator.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coordination_rules/meeting_deadlines.h"
#include "opsreport/coordination_rules/periods.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::control {
namespace {

using base::ToProto;
using base::ToTime;

coordination_rules::Ballot BallotOf(v1::Ballot b) {
  return b == v1::BALLOT_FOR       ? coordination_rules::Ballot::kFor
         : b == v1::BALLOT_AGAINST ? coordination_rules::Ballot::kAgainst
                                   : coordination_rules::Ballot::kAbstain;
}

// A term given by the rules and the act that should meet it: a violation
// when the act is missing after the term or happened after it.
void CheckTerm(std::vector<std::string>& out, const std::string& what,
               std::optional<absl::Time> due, const google::protobuf::Timestamp& done,
               bool done_set, absl::Time now, bool before) {
  if (!due) return;
  const std::string when = calendar::FormatKyiv(*due);
  if (done_set && ToTime(done) > *due) {
    out.push_back(absl::StrCat(what, ": late, due ", before ? "before " : "by ", when));
  } else if (!done_set && now > *due) {
    out.push_back(absl::StrCat(what, ": missing, was due ", when));
  }
}

absl::StatusOr<calendar::Date> ParseDate(const std::string& text, const std::string& field) {
  std::optional<calendar::Date> date = calendar::ParseDate(text);
  if (!date)
    return absl::InvalidArgumentError(absl::StrCat(field, ": '", text, "' is not YYYY-MM-DD"));
  return *date;
}

}  // namespace

absl::StatusOr<v1::CouncilMeeting> Coordinator::RecordCouncilMeeting(const auth::Principal& caller,
                                                                     v1::CouncilMeeting meeting) {
  base::Violations v;
  if (meeting.id().empty()) v.Add("id", "required");
  absl::StatusOr<const coordination_rules::RuleSet*> rules_or = RulesFor(meeting.jurisdiction());
  if (!rules_or.ok()) v.Add("jurisdiction", std::string(rules_or.status().message()));
  if (!meeting.has_held_at()) v.Add("held_at", "required");
  if (meeting.chair().empty()) v.Add("chair", "required");
  if (meeting.permanent_members().empty()) v.Add("permanent_members", "required");
  const std::set<std::string> members(meeting.permanent_members().begin(),
                                      meeting.permanent_members().end());
  std::set<std::string> present;
  for (int i = 0; i < meeting.present_size(); ++i) {
    if (!members.count(meeting.present(i))) {
      v.Add(absl::StrCat("present[", i, "]"),
            absl::StrCat("'", meeting.present(i), "' is not a permanent member"));
    }
    present.insert(meeting.present(i));
  }
  for (int i = 0; i < meeting.decisions_size(); ++i) {
    const auto& d = meeting.decisions(i);
    if (d.votes_for() < 0 || d.votes_against() < 0 ||
        d.votes_for() + d.votes_against() > static_cast<int64_t>(present.size())) {
      v.Add(absl::StrCat("decisions[", i, "]"), "votes must be 0..the members present");
    }
  }
  RETURN_IF_ERROR(v.ToStatus("council meeting"));
  if (caller.officer != meeting.chair()) {
    return absl::PermissionDeniedError("the chair records his council's meeting");
  }
  const coordination_rules::RuleSet& rules = **rules_or;
  const absl::Time held = ToTime(meeting.held_at());
  const absl::Time now = clock_->Now();
  std::vector<std::string> violations;

  absl::StatusOr<bool> quorum = coordination_rules::HasQuorum(
      rules, static_cast<int64_t>(present.size()), static_cast<int64_t>(members.size()));
  meeting.set_quorum(!quorum.ok() || *quorum);  // no quorum rule: every meeting may decide
  if (absl::StatusOr<int64_t> size =
          coordination_rules::QuorumSize(rules, static_cast<int64_t>(members.size()));
      size.ok()) {
    meeting.set_quorum_size(*size);
  }
  if (!meeting.quorum()) {
    violations.push_back(absl::StrCat("no quorum: ", present.size(), " of ", members.size(),
                                      " permanent members present, ", meeting.quorum_size(),
                                      " needed; nothing is decided"));
  }
  for (auto& d : *meeting.mutable_decisions()) {
    absl::StatusOr<bool> adopted = coordination_rules::IsAdopted(
        rules, {d.votes_for(), d.votes_against(), BallotOf(d.chair_vote())});
    d.set_adopted(meeting.quorum() && adopted.ok() && *adopted);
  }
  for (int i = 0; i < meeting.materials_size(); ++i) {
    const auto& m = meeting.materials(i);
    if (!coordination_rules::CheckMaterialsLength(rules, m.pages()).ok()) {
      violations.push_back(absl::StrCat("materials[", i, "] '", m.title(), "': ", m.pages(),
                                        " pages, over the limit"));
    }
    CheckTerm(violations, absl::StrCat("materials[", i, "] '", m.title(), "'"),
              coordination_rules::MaterialsDue(rules, held), m.submitted_at(), m.has_submitted_at(),
              now, true);
    if (m.has_returned_at()) {
      CheckTerm(violations, absl::StrCat("materials[", i, "] '", m.title(), "' rework"),
                coordination_rules::ReworkDue(rules, ToTime(m.returned_at())), m.resubmitted_at(),
                m.has_resubmitted_at(), now, false);
    }
  }
  if (auto due = coordination_rules::MaterialsDue(rules, held))
    *meeting.mutable_materials_due() = ToProto(*due);
  if (auto due = coordination_rules::AgendaDue(rules, held))
    *meeting.mutable_agenda_due() = ToProto(*due);
  if (auto due = coordination_rules::ProtocolDue(rules, held))
    *meeting.mutable_protocol_due() = ToProto(*due);
  CheckTerm(violations, "agenda", coordination_rules::AgendaDue(rules, held),
            meeting.agenda_sent_at(), meeting.has_agenda_sent_at(), now, true);
  CheckTerm(violations, "protocol", coordination_rules::ProtocolDue(rules, held),
            meeting.protocol_signed_at(), meeting.has_protocol_signed_at(), now, false);
  if (meeting.has_protocol_signed_at()) {
    std::optional<absl::Time> send =
        coordination_rules::ProtocolSendDue(rules, ToTime(meeting.protocol_signed_at()));
    if (send) *meeting.mutable_protocol_send_due() = ToProto(*send);
    CheckTerm(violations, "protocol sent", send, meeting.protocol_sent_at(),
              meeting.has_protocol_sent_at(), now, false);
  }
  meeting.clear_violations();
  for (auto& s : violations) meeting.add_violations(std::move(s));

  redis::Mutation m;
  CoordinationStore::PutMeeting(m, meeting);
  absl::Status committed = outbox::CommitMutation(*redis_, m);
  if (absl::IsAlreadyExists(committed)) {
    return absl::AlreadyExistsError(absl::StrCat("meeting ", meeting.id(), " already recorded"));
  }
  RETURN_IF_ERROR(committed);
  return meeting;
}

absl::StatusOr<v1::CouncilCalendarResponse> Coordinator::CouncilCalendar(
    const auth::Principal&, const v1::CouncilCalendarRequest& request) {
  ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesFor(request.jurisdiction()));
  ASSIGN_OR_RETURN(calendar::Date from, ParseDate(request.from(), "from"));
  ASSIGN_OR_RETURN(calendar::Date to, ParseDate(request.to(), "to"));
  ASSIGN_OR_RETURN(std::vector<v1::CouncilMeeting> meetings,
                   store_.Meetings(request.jurisdiction()));
  v1::CouncilCalendarResponse out;
  std::vector<absl::Time> held;
  for (auto& meeting : meetings) {
    held.push_back(ToTime(meeting.held_at()));
    *out.add_meetings() = std::move(meeting);
  }
  ASSIGN_OR_RETURN(std::vector<coordination_rules::CalendarPeriod> missing,
                   coordination_rules::PeriodsWithoutMeeting(*rules, held, from, to));
  for (const auto& p : missing) out.add_periods_without_meeting(p.ToString());
  // Plan periods that began within [from, to) and have no approved plan.
  for (absl::CivilDay day = absl::CivilDay(from.year, from.month, from.day);
       day < absl::CivilDay(to.year, to.month, to.day); day += 1) {
    calendar::Date date{static_cast<int>(day.year()), day.month(), day.day()};
    std::optional<coordination_rules::CalendarPeriod> period =
        coordination_rules::PlanPeriodContaining(*rules, date);
    if (!period) break;
    if (period->start != date) continue;
    ASSIGN_OR_RETURN(bool planned, store_.HasWorkPlan(request.jurisdiction(), period->ToString()));
    if (!planned) out.add_plan_periods_without_plan(period->ToString());
  }
  return out;
}

absl::StatusOr<v1::WorkPlan> Coordinator::RecordWorkPlan(const auth::Principal&,
                                                         v1::WorkPlan plan) {
  ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesFor(plan.jurisdiction()));
  ASSIGN_OR_RETURN(calendar::Date date, ParseDate(plan.period_start(), "period_start"));
  std::optional<coordination_rules::CalendarPeriod> period =
      coordination_rules::PlanPeriodContaining(*rules, date);
  if (!period) {
    return absl::FailedPreconditionError(
        absl::StrCat("jurisdiction ", plan.jurisdiction(), " keeps no work plans"));
  }
  if (plan.items().empty()) return absl::InvalidArgumentError("items: a plan lists its items");
  plan.set_period(period->ToString());
  if (!plan.has_approved_at()) *plan.mutable_approved_at() = ToProto(clock_->Now());
  RETURN_IF_ERROR(store_.PutWorkPlan(plan));
  return plan;
}

}  // namespace opsreport::control
