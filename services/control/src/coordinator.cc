#include "coordinator.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "control_store.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coordination_rules/extension.h"
#include "opsreport/coordination_rules/meeting_deadlines.h"
#include "opsreport/coordination_rules/signing.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::control {
namespace {

constexpr int kAttempts = 8;

using base::ToProto;
using base::ToTime;

coordination_rules::Roster RosterOf(const v1::Resolution& r) {
  return {r.chair(), {r.participants().begin(), r.participants().end()}};
}

std::vector<std::string> Everyone(const v1::Resolution& r) {
  std::vector<std::string> out = {r.chair()};
  out.insert(out.end(), r.participants().begin(), r.participants().end());
  return out;
}

v1::Measure* FindMeasure(v1::Resolution& r, const std::string& id) {
  for (auto& m : *r.mutable_measures()) {
    if (m.id() == id) return &m;
  }
  return nullptr;
}

std::string ReminderTimer(const v1::Resolution& r, const v1::Measure& m) {
  return absl::StrCat(r.id(), ":", m.id(), ":reminder");
}

}  // namespace

Coordinator::Coordinator(const org::OrgDirectory* org,
                         std::map<std::string, coordination_rules::RuleSet> rules,
                         redis::Client* redis, const base::Clock* clock, CoordinatorOptions options,
                         outbox::Sink events)
    : org_(org),
      rules_(std::move(rules)),
      redis_(redis),
      store_(redis),
      clock_(clock),
      options_(std::move(options)),
      events_(std::move(events)),
      timers_(redis, "coord") {}

absl::StatusOr<const coordination_rules::RuleSet*> Coordinator::RulesFor(
    const std::string& jurisdiction) const {
  auto it = rules_.find(jurisdiction);
  if (it == rules_.end()) {
    std::vector<std::string> known;
    for (const auto& [k, v] : rules_) known.push_back(k);
    return absl::InvalidArgumentError(absl::StrCat("jurisdiction: no rule set '", jurisdiction,
                                                   "'; known: ", absl::StrJoin(known, ", ")));
  }
  return &it->second;
}

absl::StatusOr<const coordination_rules::RuleSet*> Coordinator::RulesOf(
    const v1::Resolution& r) const {
  return RulesFor(r.jurisdiction());
}

absl::Status Coordinator::Annotate(v1::Resolution& r) const {
  ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesOf(r));
  std::vector<coordination_rules::Signature> signatures;
  for (const auto& s : r.signatures()) signatures.push_back({s.signer(), ToTime(s.signed_at())});
  ASSIGN_OR_RETURN(coordination_rules::SigningState state,
                   coordination_rules::EvaluateSigning(*rules, RosterOf(r), ToTime(r.meeting_at()),
                                                       signatures, clock_->Now()));
  r.set_agreed(state.agreed);
  r.clear_missing_signatures();
  for (const auto& m : state.missing) r.add_missing_signatures(m);
  if (state.due) *r.mutable_signing_due() = ToProto(*state.due);
  r.set_signing_overdue(state.overdue);
  return absl::OkStatus();
}

absl::StatusOr<StoredResolution> Coordinator::Load(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<StoredResolution> loaded, store_.LoadResolution(id));
  if (!loaded) return absl::NotFoundError(absl::StrCat("id: no resolution '", id, "'"));
  return *std::move(loaded);
}

void Coordinator::AddEvent(redis::Mutation& m, std::vector<outbox::Message>& out,
                           const std::string& id, const std::string& kind, const v1::Resolution& r,
                           const std::string& measure, const std::string& text) const {
  v1::CoordinationEvent e;
  e.set_id(id);
  *e.mutable_at() = ToProto(clock_->Now());
  e.set_kind(kind);
  e.set_resolution_id(r.id());
  e.set_measure_id(measure);
  for (const auto& a : Everyone(r)) e.add_addressees(a);
  for (const auto& mm : r.measures()) {
    if (mm.id() != measure) continue;
    for (const auto& x : mm.executors()) e.add_addressees(x);
  }
  e.set_text(text);
  outbox::Message message{id, options_.events_topic, r.id(), e.SerializeAsString()};
  events_.store->AddPut(m, message, clock_->Now() + options_.publish_lease);
  v1::ControlStreamEvent live;
  *live.mutable_coordination() = e;
  AddLiveEvent(m, live);
  out.push_back(std::move(message));
}

absl::Status Coordinator::ScheduleReminder(redis::Mutation& m, const v1::Resolution& r,
                                           const v1::Measure& measure, absl::Time from) const {
  ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesOf(r));
  ASSIGN_OR_RETURN(
      coordination_rules::ReminderState state,
      coordination_rules::NextReminder(*rules, ToTime(measure.deadline()), options_.reminders, from,
                                       measure.state() != v1::MEASURE_STATE_ON_CONTROL));
  if (!state.next) return timers_.CancelIn(m, ReminderTimer(r, measure));
  return timers_.ScheduleIn(
      m, {ReminderTimer(r, measure), *state.next, absl::StrCat(r.id(), "\n", measure.id())});
}

absl::StatusOr<v1::Resolution> Coordinator::Create(const auth::Principal& caller,
                                                   v1::Resolution r) {
  base::Violations v;
  if (r.id().empty()) v.Add("id", "required");
  if (!RulesOf(r).ok()) v.Add("jurisdiction", std::string(RulesOf(r).status().message()));
  if (!r.has_meeting_at()) v.Add("meeting_at", "required: the signing term runs from it");
  if (r.chair().empty()) v.Add("chair", "required");
  if (r.measures().empty()) v.Add("measures", "a resolution lists at least one measure");
  for (int i = 0; i < r.measures_size(); ++i) {
    const v1::Measure& m = r.measures(i);
    const std::string f = absl::StrCat("measures[", i, "]");
    if (m.id().empty()) v.Add(f + ".id", "required");
    if (m.text().empty()) v.Add(f + ".text", "required");
    if (m.executors().empty()) v.Add(f + ".executors", "required: the bodies it binds");
    for (int j = 0; j < m.executors_size(); ++j) {
      if (org_->Find(m.executors(j)) == nullptr) {
        v.Add(absl::StrCat(f, ".executors[", j, "]"),
              absl::StrCat("unknown unit '", m.executors(j), "'"));
      }
    }
    if (!m.has_deadline()) v.Add(f + ".deadline", "required");
    if (m.report_form().empty()) v.Add(f + ".report_form", "required: how to report back");
  }
  RETURN_IF_ERROR(v.ToStatus("resolution"));
  if (caller.officer != r.chair()) {
    return absl::PermissionDeniedError("the chair records the resolution of his meeting");
  }
  r.clear_signatures();
  r.clear_notices();
  for (auto& m : *r.mutable_measures()) {
    m.set_state(v1::MEASURE_STATE_ON_CONTROL);
    m.clear_extensions();
    m.clear_reports();
  }
  ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesOf(r));
  redis::Mutation m;
  r.set_version(1);
  CoordinationStore::CreateResolution(m, r);
  if (std::optional<absl::Time> due =
          coordination_rules::SigningDue(*rules, ToTime(r.meeting_at()))) {
    RETURN_IF_ERROR(timers_.ScheduleIn(
        m, {absl::StrCat(r.id(), ":signing"), *due + absl::Nanoseconds(1), r.id()}));
  }
  for (const auto& measure : r.measures())
    RETURN_IF_ERROR(ScheduleReminder(m, r, measure, clock_->Now()));
  absl::Status committed = outbox::CommitMutation(*redis_, m);
  if (absl::IsAlreadyExists(committed)) {
    return absl::AlreadyExistsError(absl::StrCat("resolution ", r.id(), " already exists"));
  }
  RETURN_IF_ERROR(committed);
  RETURN_IF_ERROR(Annotate(r));
  return r;
}

absl::StatusOr<v1::Resolution> Coordinator::Get(const auth::Principal&, const std::string& id) {
  ASSIGN_OR_RETURN(StoredResolution loaded, Load(id));
  RETURN_IF_ERROR(Annotate(loaded.resolution));
  return loaded.resolution;
}

template <typename Change>
absl::StatusOr<v1::Resolution> Coordinator::Update(const std::string& id, Change change) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    ASSIGN_OR_RETURN(StoredResolution loaded, Load(id));
    v1::Resolution r = loaded.resolution;
    redis::Mutation m;
    std::vector<outbox::Message> events;
    RETURN_IF_ERROR(change(r, m, events));
    r.set_version(loaded.version + 1);
    CoordinationStore::PutResolution(m, loaded.version, r);
    absl::Status committed = outbox::CommitMutation(*redis_, m);
    if (absl::IsAborted(committed)) continue;  // read again and rebuild
    RETURN_IF_ERROR(committed);
    for (const auto& e : events) events_.handoff(e);
    RETURN_IF_ERROR(Annotate(r));
    return r;
  }
  return absl::AbortedError("resolution kept changing");
}

absl::StatusOr<v1::Resolution> Coordinator::Sign(const auth::Principal& caller,
                                                 const std::string& id) {
  return Update(id, [&](v1::Resolution& r, redis::Mutation&, std::vector<outbox::Message>&) {
    std::vector<std::string> all = Everyone(r);
    if (std::find(all.begin(), all.end(), caller.officer) == all.end()) {
      return absl::PermissionDeniedError(
          absl::StrCat(caller.officer, " is neither the chair nor a participant"));
    }
    for (const auto& s : r.signatures()) {
      if (s.signer() == caller.officer) return absl::OkStatus();  // signed already
    }
    v1::CoordinationSignature* s = r.add_signatures();
    s->set_signer(caller.officer);
    *s->mutable_signed_at() = ToProto(clock_->Now());
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Resolution> Coordinator::Extend(const auth::Principal& caller,
                                                   const v1::ExtendMeasureRequest& req) {
  return Update(
      req.resolution_id(),
      [&](v1::Resolution& r, redis::Mutation& m,
          std::vector<outbox::Message>& events) -> absl::Status {
        v1::Measure* measure = FindMeasure(r, req.measure_id());
        if (measure == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("measure_id: no measure '", req.measure_id(), "'"));
        }
        if (measure->state() != v1::MEASURE_STATE_ON_CONTROL) {
          return absl::FailedPreconditionError("the measure is no longer on control");
        }
        if (!req.has_new_deadline()) {
          return absl::InvalidArgumentError("new_deadline: required");
        }
        ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesOf(r));
        const std::string proposer = req.proposed_by().empty() ? caller.officer : req.proposed_by();
        RETURN_IF_ERROR(coordination_rules::CheckExtension(
            *rules, RosterOf(r),
            {caller.officer, proposer, clock_->Now(), ToTime(measure->deadline()),
             ToTime(req.new_deadline())}));
        v1::MeasureExtension* e = measure->add_extensions();
        e->set_granted_by(caller.officer);
        e->set_proposed_by(proposer);
        *e->mutable_granted_at() = ToProto(clock_->Now());
        *e->mutable_old_deadline() = measure->deadline();
        *e->mutable_new_deadline() = req.new_deadline();
        *measure->mutable_deadline() = req.new_deadline();
        v1::WrittenNotice* notice = r.add_notices();
        *notice->mutable_at() = ToProto(clock_->Now());
        notice->set_kind("extended");
        for (const auto& a : Everyone(r)) notice->add_addressees(a);
        notice->set_text(
            absl::StrCat("Строк виконання заходу ", measure->id(), " («", measure->text(),
                         "») продовжено до ", calendar::FormatKyiv(ToTime(req.new_deadline())),
                         " за пропозицією ", proposer, ". Головуючий ", caller.officer, "."));
        RETURN_IF_ERROR(ScheduleReminder(m, r, *measure, clock_->Now()));
        AddEvent(m, events,
                 absl::StrCat(r.id(), ":", measure->id(), ":extended:", measure->extensions_size()),
                 "extended", r, measure->id(), notice->text());
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::Resolution> Coordinator::Report(const auth::Principal& caller,
                                                   const v1::ReportMeasureRequest& req) {
  return Update(
      req.resolution_id(),
      [&](v1::Resolution& r, redis::Mutation&, std::vector<outbox::Message>&) -> absl::Status {
        v1::Measure* measure = FindMeasure(r, req.measure_id());
        if (measure == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("measure_id: no measure '", req.measure_id(), "'"));
        }
        if (std::find(measure->executors().begin(), measure->executors().end(), caller.unit_code) ==
            measure->executors().end()) {
          return absl::PermissionDeniedError(absl::StrCat(
              "unit ", caller.unit_code, " is not an executor of measure ", measure->id()));
        }
        if (req.text().empty()) return absl::InvalidArgumentError("text: required: what was done");
        v1::MeasureReport* rep = measure->add_reports();
        rep->set_executor(caller.unit_code);
        rep->set_reported_by(caller.officer);
        *rep->mutable_at() = ToProto(clock_->Now());
        rep->set_text(req.text());
        // Co-executors owe the lead executor their materials ahead of the
        // deadline where the rule set says so.
        const std::string lead =
            measure->lead_executor().empty() ? measure->executors(0) : measure->lead_executor();
        ASSIGN_OR_RETURN(const coordination_rules::RuleSet* rules, RulesOf(r));
        if (caller.unit_code != lead) {
          std::optional<absl::Time> due =
              coordination_rules::CoexecutorMaterialsDue(*rules, ToTime(measure->deadline()));
          rep->set_late(due.has_value() && clock_->Now() > *due);
        }
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::Resolution> Coordinator::RemoveMeasure(const auth::Principal& caller,
                                                          const v1::RemoveMeasureRequest& req) {
  return Update(
      req.resolution_id(),
      [&](v1::Resolution& r, redis::Mutation& m,
          std::vector<outbox::Message>& events) -> absl::Status {
        v1::Measure* measure = FindMeasure(r, req.measure_id());
        if (measure == nullptr) {
          return absl::NotFoundError(
              absl::StrCat("measure_id: no measure '", req.measure_id(), "'"));
        }
        if (caller.officer != r.chair()) {
          return absl::PermissionDeniedError(
              "only the chair removes a measure from control (II.14)");
        }
        if (measure->state() != v1::MEASURE_STATE_ON_CONTROL) {
          return absl::FailedPreconditionError("the measure is no longer on control");
        }
        if (measure->reports().empty()) {
          return absl::FailedPreconditionError(
              "the chair removes a measure after reviewing the executors' reports; none yet");
        }
        if (req.note().empty()) return absl::InvalidArgumentError("note: required: the conclusion");
        measure->set_state(v1::MEASURE_STATE_REMOVED);
        *measure->mutable_removed_at() = ToProto(clock_->Now());
        measure->set_removal_note(req.note());
        v1::WrittenNotice* notice = r.add_notices();
        *notice->mutable_at() = ToProto(clock_->Now());
        notice->set_kind("removed");
        for (const auto& a : Everyone(r)) notice->add_addressees(a);
        notice->set_text(absl::StrCat("Захід ", measure->id(), " («", measure->text(),
                                      "») знято з контролю: ", req.note(), ". Головуючий ",
                                      caller.officer, "."));
        RETURN_IF_ERROR(ScheduleReminder(m, r, *measure, clock_->Now()));  // cancels it
        AddEvent(m, events, absl::StrCat(r.id(), ":", measure->id(), ":removed"), "removed", r,
                 measure->id(), notice->text());
        return absl::OkStatus();
      });
}

absl::Status Coordinator::OnTimer(const timers::Timer& timer) {
  const bool signing = absl::EndsWith(timer.id, ":signing");
  const std::string id =
      signing ? timer.payload : timer.payload.substr(0, timer.payload.find('\n'));
  const std::string measure_id = signing ? "" : timer.payload.substr(timer.payload.find('\n') + 1);
  absl::StatusOr<v1::Resolution> done = Update(
      id,
      [&](v1::Resolution& r, redis::Mutation& m,
          std::vector<outbox::Message>& events) -> absl::Status {
        const std::string event_id = absl::StrCat(timer.id, "@", absl::ToUnixSeconds(timer.due));
        CoordinationStore::MarkFired(m, event_id);
        if (signing) {
          RETURN_IF_ERROR(Annotate(r));
          if (r.agreed()) return absl::CancelledError("agreed in time");
          AddEvent(m, events, event_id, "signing_overdue", r, "",
                   absl::StrCat("Постанову ", r.id(),
                                " не підписали: ", absl::StrJoin(r.missing_signatures(), ", ")));
          return absl::OkStatus();
        }
        v1::Measure* measure = FindMeasure(r, measure_id);
        if (measure == nullptr || measure->state() != v1::MEASURE_STATE_ON_CONTROL) {
          return absl::CancelledError("closed");
        }
        const bool overdue = clock_->Now() > ToTime(measure->deadline());
        AddEvent(m, events, event_id, overdue ? "overdue" : "reminder", r, measure->id(),
                 absl::StrCat(overdue ? "Прострочено захід " : "Наближається строк заходу ",
                              measure->id(), " («", measure->text(), "»): строк ",
                              calendar::FormatKyiv(ToTime(measure->deadline()))));
        return ScheduleReminder(m, r, *measure, clock_->Now() + absl::Nanoseconds(1));
      });
  // Nothing to announce (agreed, closed, or announced before) is fine.
  if (done.ok() || absl::IsCancelled(done.status()) || absl::IsNotFound(done.status()) ||
      absl::IsAlreadyExists(done.status())) {
    return absl::OkStatus();
  }
  return done.status();
}

}  // namespace opsreport::control
