// Deadline timers: when one falls due, find when (if at all) it was met and
// raise its breach once.
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {
namespace {

std::optional<absl::Time> AutoReplyAt(const std::optional<StoredItem>& item) {
  if (!item || !item->item.auto_reply().has_received_at() ||
      item->item.state() == v1::INBOX_STATE_RECEIVED) {
    return std::nullopt;
  }
  return ToTime(item->item.auto_reply().received_at());
}

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
  absl::Status status;
  for (int attempt = 0; attempt < internal::kAttempts; ++attempt) {
    absl::StatusOr<bool> r = record.kind() == routing_rules::kOngoingUpdate
                                 ? EvaluateOngoing(record, clock_->Now())
                                 : EvaluateTimer(record, clock_->Now());
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
  const routing_rules::Route route = FromPlan(kase->route);
  const routing_rules::Deadline deadline = FromRecord(record);
  const std::string& kind = record.kind();

  std::optional<routing_rules::Breach> breach;
  if (kind == routing_rules::kHopReceipt || kind == routing_rules::kHopAcknowledgement) {
    ASSIGN_OR_RETURN(std::optional<StoredItem> item,
                     store_.LoadItem(record.unit_responsible(), doc->id()));
    std::optional<absl::Time> met = AutoReplyAt(item);
    if (kind == routing_rules::kHopAcknowledgement && item && !item->item.final()) {
      met = item->item.has_forwarded_at() ? std::optional(ToTime(item->item.forwarded_at()))
                                          : std::nullopt;
    }
    breach = routing_rules::Evaluate(deadline, met, now);
  } else if (kind == routing_rules::kCatalogueDeadline) {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& hop : route.chain) keys.emplace_back(hop.to_unit, doc->id());
    ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));
    auto find = [&](const std::string& unit) -> std::optional<StoredItem> {
      for (const auto& i : items) {
        if (i.item.unit_code() == unit) return i;
      }
      return std::nullopt;
    };
    std::vector<routing_rules::HopProgress> progress;
    for (size_t i = 0; i < route.chain.size(); ++i) {
      routing_rules::HopProgress p;
      if (i == 0) {
        p.sent_at = ToTime(doc->accepted_at());
      } else if (auto from = find(route.chain[i].from_unit);
                 from && from->item.has_forwarded_at()) {
        p.sent_at = ToTime(from->item.forwarded_at());
      }
      if (!p.sent_at) break;
      p.received_at = AutoReplyAt(find(route.chain[i].to_unit));
      progress.push_back(p);
    }
    breach =
        routing_rules::EvaluateChain(deadline, route, ToTime(doc->accepted_at()), progress, now);
  } else if (kind == routing_rules::kFireSupplement || kind == routing_rules::kErdrSupplement) {
    std::optional<absl::Time> met;
    for (const auto& s : kase->supplements) {
      if (kind == routing_rules::kErdrSupplement && !s.supplement().erdr().has_entered_at()) {
        continue;
      }
      met = ToTime(s.accepted_at());
      break;
    }
    breach = routing_rules::Evaluate(deadline, met, now);
  } else {
    return false;
  }
  if (!breach) return false;
  Step step;
  step.mutation.RequireAbsent(RoutingStore::BreachKey(record.id()), internal::kDuplicate);
  RaiseBreach(step, *doc, route.origin_unit, *breach, record.id());
  RETURN_IF_ERROR(Commit(step));
  return true;
}

// The hourly updates of an ongoing event (002 §2.2): the update due at `due`
// is met by the first supplement after the previous one; the series goes on
// from the latest supplement, or from `due` when none came, until a
// supplement says the event is over.
absl::StatusOr<bool> Router::EvaluateOngoing(const v1::DeadlineRecord& record, absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(record.root_report_id()));
  if (!kase || kase->series != record.id()) return false;  // an ended or replaced series
  const absl::Time due = ToTime(record.due());
  const absl::Time since = due - options_.policy.ongoing_update_interval;
  std::optional<absl::Time> first;
  const v1::AcceptedDocument* last = nullptr;
  for (const auto& s : kase->supplements) {
    const absl::Time at = ToTime(s.accepted_at());
    if (at <= since) continue;
    if (!first) first = at;
    last = &s;
  }
  const std::optional<routing_rules::Breach> breach =
      routing_rules::Evaluate(FromRecord(record), first, now);

  CaseRecord updated = *kase;
  Step step;
  if (last != nullptr && !last->supplement().ongoing()) {
    updated.series.clear();  // marked over
  } else {
    const absl::Time from = last != nullptr ? ToTime(last->accepted_at()) : due;
    const routing_rules::Deadline next =
        routing_rules::NextOngoingUpdate(kase->route.origin_unit(), from, options_.policy);
    updated.series_n += 1;
    updated.series = absl::StrCat(record.root_report_id(), ":", next.kind, ":", updated.series_n);
    v1::DeadlineRecord next_record = record;
    next_record.set_id(updated.series);
    *next_record.mutable_due() = ToProto(next.due);
    RETURN_IF_ERROR(timers_.ScheduleIn(
        step.mutation, {next_record.id(), next.due, next_record.SerializeAsString()}));
  }
  RoutingStore::PutCase(step.mutation, *kase, updated);
  if (breach) RaiseBreach(step, kase->report, kase->route.origin_unit(), *breach, record.id());
  RETURN_IF_ERROR(Commit(step));
  return breach.has_value();
}

}  // namespace opsreport::routing
