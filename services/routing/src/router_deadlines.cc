// Deadline timers: when one falls due, load the records that decide it, ask
// routing_rules (deadline_met.h) whether it was missed, and raise its breach
// once.
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/routing_rules/deadline_met.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {
namespace {

routing_rules::Deadline FromRecord(const v1::DeadlineRecord& r) {
  return {r.kind(), r.unit_responsible(), ToTime(r.due()), r.hop_seq(), r.section()};
}

}  // namespace

absl::Status Router::OnTimer(const timers::Timer& timer) {
  v1::DeadlineRecord record;
  if (!record.ParseFromString(timer.payload) || record.kind().empty()) {
    // Nothing can be done with it; acking keeps it from firing forever.
    return absl::OkStatus();
  }
  const bool series = routing_rules::WatchOf(FromRecord(record)) == routing_rules::Watch::kSeries;
  absl::Status status;
  for (int attempt = 0; attempt < internal::kAttempts; ++attempt) {
    absl::StatusOr<bool> r =
        series ? EvaluateOngoing(record, clock_->Now()) : EvaluateTimer(record, clock_->Now());
    status = r.status();
    if (status.ok() || absl::IsAlreadyExists(status)) return absl::OkStatus();
    if (!absl::IsAborted(status)) return status;
  }
  return status;
}

absl::StatusOr<bool> Router::EvaluateTimer(const v1::DeadlineRecord& record, absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(record.root_report_id()));
  if (!kase) return false;
  const v1::AcceptedDocument* doc = &kase->report;
  for (const auto& s : kase->supplements) {
    if (s.id() == record.document_id()) doc = &s;
  }
  if (doc->id() != record.document_id()) return false;
  const routing_rules::Deadline deadline = FromRecord(record);
  routing_rules::CaseFacts facts;
  facts.route = FromPlan(kase->route);
  facts.document = *doc;
  facts.supplements = std::move(kase->supplements);
  std::vector<std::pair<std::string, std::string>> keys;
  for (const std::string& unit : routing_rules::LevelsDeciding(deadline, facts.route)) {
    keys.emplace_back(unit, facts.document.id());
  }
  ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));
  for (StoredItem& item : items) facts.items.push_back(std::move(item.item));

  const std::optional<routing_rules::Breach> breach =
      routing_rules::JudgeDeadline(deadline, facts, options_.policy, now);
  if (!breach) return false;
  Step step;
  step.RequireAbsent(RoutingStore::BreachKey(record.id()), outbox::Guard::kDuplicate);
  RaiseBreach(step, facts.document, facts.route.origin_unit, *breach, record.id());
  RETURN_IF_ERROR(Commit(step));
  return true;
}

// The hourly updates of an ongoing event (002 §2.2): one series per case,
// continued or ended as routing_rules::JudgeOngoingUpdate says.
absl::StatusOr<bool> Router::EvaluateOngoing(const v1::DeadlineRecord& record, absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(record.root_report_id()));
  if (!kase || kase->series != record.id()) return false;  // an ended or replaced series
  const routing_rules::CaseFacts facts{FromPlan(kase->route), kase->report, kase->supplements, {}};
  const routing_rules::OngoingVerdict verdict =
      routing_rules::JudgeOngoingUpdate(FromRecord(record), facts, options_.policy, now);

  CaseRecord updated = *kase;
  Step step;
  if (!verdict.next) {
    updated.series.clear();  // marked over
  } else {
    const routing_rules::Deadline& next = *verdict.next;
    updated.series_n += 1;
    updated.series = absl::StrCat(record.root_report_id(), ":", next.kind, ":", updated.series_n);
    v1::DeadlineRecord next_record = record;
    next_record.set_id(updated.series);
    *next_record.mutable_due() = ToProto(next.due);
    RETURN_IF_ERROR(timers_.ScheduleIn(
        step.mutation(), {next_record.id(), next.due, next_record.SerializeAsString()}));
  }
  RoutingStore::PutCase(step.mutation(), *kase, updated);
  if (verdict.breach) {
    RaiseBreach(step, kase->report, kase->route.origin_unit(), *verdict.breach, record.id());
  }
  RETURN_IF_ERROR(Commit(step));
  return verdict.breach.has_value();
}

}  // namespace opsreport::routing
