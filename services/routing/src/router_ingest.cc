// Documents from intake and hops between levels.
#include <algorithm>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/routing_rules/deadline_met.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {
namespace {

// How long a hop's dedup key is kept (see ApplyHop).
constexpr absl::Duration kHopDedupKept = absl::Hours(30 * 24);

std::vector<std::string> NamedCopies(const v1::AcceptedDocument& doc) {
  std::vector<std::string> out;
  const auto& r = doc.special_report();
  out.insert(out.end(), r.addressees().begin(), r.addressees().end());
  out.insert(out.end(), r.copy_addressees().begin(), r.copy_addressees().end());
  return out;
}

// The filing unit's own record: sent up at acceptance, or complete there when
// the origin is the last level the item must reach.
v1::InboxItem OriginItem(const v1::Hop& origin_hop, const routing_rules::Route& route) {
  const v1::AcceptedDocument& doc = origin_hop.document();
  v1::InboxItem item;
  item.set_item_id(doc.id());
  item.set_unit_code(route.origin_unit);
  *item.mutable_hop() = origin_hop;
  *item.mutable_received_at() = doc.accepted_at();
  *item.mutable_auto_reply()->mutable_received_at() = doc.accepted_at();
  item.mutable_auto_reply()->set_receiving_officer(doc.submitted_by());
  if (route.chain.empty()) {
    item.set_state(v1::INBOX_STATE_ACKNOWLEDGED);
    item.set_final(true);
  } else {
    item.set_state(v1::INBOX_STATE_FORWARDED);
    *item.mutable_forwarded_at() = doc.accepted_at();
    *item.mutable_forwarded_by() = origin_hop.sender_signature();
    item.set_forward_outgoing_number(doc.outgoing_number());
    item.set_forwarded_to(route.chain.front().to_unit);
  }
  return item;
}

std::string AwaitsReport(const std::string& report_id) {
  return absl::StrCat("report ", report_id);
}

// One hold per supplement: a re-send read before the report replaces it.
std::string HeldId(const v1::AcceptedDocument& doc) { return absl::StrCat("doc:", doc.id()); }

}  // namespace

absl::Status Router::OnAccepted(const v1::AcceptedDocument& doc) {
  return OnAccepted(doc, kafka::Message{options_.accepted_topic, 0, 0, doc.root_report_id(),
                                        doc.SerializeAsString()});
}

absl::Status Router::OnAccepted(const v1::AcceptedDocument& doc, const kafka::Message& record) {
  absl::Status status;
  for (int attempt = 0; attempt < internal::kAttempts; ++attempt) {
    status = ApplyAccepted(doc, record, nullptr);
    if (!absl::IsAborted(status)) break;
  }
  if (absl::IsAlreadyExists(status)) status = absl::OkStatus();
  RETURN_IF_ERROR(status);
  // The report's case exists (created now, or before a crash that came
  // before its held supplements were applied): they are applied now.
  if (doc.has_special_report()) return ApplyHeld(doc.id());
  return absl::OkStatus();
}

absl::Status Router::ApplyAccepted(const v1::AcceptedDocument& doc, const kafka::Message& record,
                                   const consumer::HoldStore::Waiting* releasing) {
  if (doc.id().empty() || doc.root_report_id().empty() || !doc.has_accepted_at()) {
    return absl::InvalidArgumentError("document: id, root_report_id and accepted_at are required");
  }
  const std::string applied = RoutingStore::AppliedKey("acc:" + doc.id());
  ASSIGN_OR_RETURN(bool seen, store_.IsApplied(applied));
  if (seen) return absl::AlreadyExistsError("already applied");

  const bool is_report = doc.has_special_report();
  if (!is_report && !doc.has_supplement()) {
    return absl::InvalidArgumentError("document: neither a special report nor a supplement");
  }
  CaseRecord loaded;
  CaseRecord updated;
  routing_rules::Route route;
  v1::CatalogueItem item;
  if (is_report) {
    ASSIGN_OR_RETURN(item, ItemOf(doc));
    ASSIGN_OR_RETURN(route,
                     routing_rules::PlanRoute(*org_, item, doc.unit_code(), NamedCopies(doc)));
    updated.route = ToPlan(route);
    updated.report = doc;
  } else {
    ASSIGN_OR_RETURN(std::optional<CaseRecord> existing, store_.LoadCase(doc.root_report_id()));
    if (!existing) {
      // Not an error: the report's record may still come (a re-send read
      // after this one), so the supplement waits for it.
      if (releasing != nullptr) {
        return absl::InternalError(absl::StrCat("held supplement ", doc.id(), ": case ",
                                                doc.root_report_id(), " vanished"));
      }
      return HoldSupplement(doc, record);
    }
    loaded = *existing;
    updated = *existing;
    route = FromPlan(loaded.route);
    ASSIGN_OR_RETURN(item, ItemOf(loaded.report));
  }
  ASSIGN_OR_RETURN(std::vector<routing_rules::Deadline> deadlines,
                   routing_rules::DeadlinesFor(route, item, doc, options_.policy));

  Step step;
  redis::Mutation& m = step.mutation();
  step.RequireAbsent(applied, outbox::Guard::kDuplicate);
  RoutingStore::MarkApplied(m, applied);
  RoutingStore::PutDocument(m, doc);
  if (!is_report) RoutingStore::AppendSupplement(m, doc.root_report_id(), doc.id());
  if (releasing != nullptr) holds_->ReleaseOne(m, *releasing, HeldId(doc));

  v1::Hop origin_hop = MakeHop(doc, v1::HOP_KIND_ORIGIN, 0, route.origin_unit, route.origin_unit);
  v1::InboxItem origin_item = OriginItem(origin_hop, route);
  RoutingStore::PutItem(m, StoredItem{}, origin_item);
  AddEvent(step, route.origin_unit, "filed", origin_item);

  if (!route.chain.empty()) {
    SendHop(step,
            MakeHop(doc, v1::HOP_KIND_CHAIN, 1, route.origin_unit, route.chain.front().to_unit));
  }
  for (const auto& c : route.copies) {
    SendHop(step, MakeHop(doc, v1::HOP_KIND_COPY, 0, route.origin_unit, c));
  }
  for (const auto& n : route.notices) {
    SendHop(step, MakeHop(doc, v1::HOP_KIND_NOTICE, 0, route.origin_unit, n));
  }

  for (const routing_rules::Deadline& d : deadlines) {
    const routing_rules::Watch watch = routing_rules::WatchOf(d);
    if (watch == routing_rules::Watch::kAtFiling) {
      // Decided by this filing: known now, no timer needed.
      const routing_rules::CaseFacts filed{route, doc, {}, {}};
      if (auto breach = routing_rules::JudgeDeadline(d, filed, options_.policy, clock_->Now())) {
        RaiseBreach(step, doc, route.origin_unit, *breach, DeadlineId(doc.id(), d.kind, 0));
      }
    } else if (watch == routing_rules::Watch::kSeries) {
      // One hourly series per case, driven by its timer (OnTimer): a
      // supplement only starts one when none is running.
      if (!updated.series.empty()) continue;
      updated.series_n += 1;
      updated.series = absl::StrCat(doc.root_report_id(), ":", d.kind, ":", updated.series_n);
      v1::DeadlineRecord record;
      record.set_id(updated.series);
      record.set_document_id(doc.root_report_id());
      record.set_root_report_id(doc.root_report_id());
      record.set_kind(d.kind);
      record.set_unit_responsible(d.unit_responsible);
      *record.mutable_due() = ToProto(d.due);
      record.set_section(d.section);
      RETURN_IF_ERROR(timers_.ScheduleIn(m, {record.id(), d.due, record.SerializeAsString()}));
    } else {
      RETURN_IF_ERROR(ScheduleDeadline(step, doc, d));
    }
  }
  RoutingStore::PutCase(m, loaded, updated);

  // A supplement filed at the origin answers the questions the origin received.
  if (!is_report) {
    ASSIGN_OR_RETURN(std::vector<std::string> questions,
                     store_.Questions(route.origin_unit, doc.root_report_id()));
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& q : questions) keys.emplace_back(route.origin_unit, q);
    ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));
    for (StoredItem& q : items) {
      if (!q.item.answered_by_document_id().empty()) continue;
      v1::InboxItem answered = q.item;
      answered.set_answered_by_document_id(doc.id());
      RoutingStore::PutItem(m, q, answered);
      AddEvent(step, route.origin_unit, "answered", answered);
    }
  }
  // The document may answer the reconciliation's requests on its proceedings.
  RETURN_IF_ERROR(AnswerReconciliations(step, doc));
  return Commit(step);
}

absl::Status Router::HoldSupplement(const v1::AcceptedDocument& doc, const kafka::Message& record) {
  Step step;
  // The case created meanwhile: ABORTED, and the retry applies the
  // supplement to it (a hold added after the report's release would wait
  // for nothing).
  step.RequireAbsent(RoutingStore::CaseKey(doc.root_report_id()), outbox::Guard::kConflict);
  holds_->Hold(
      step.mutation(),
      consumer::HeldOf(record, HeldId(doc), AwaitsReport(doc.root_report_id()), clock_->Now()));
  return step.Commit(store_.client());
}

absl::Status Router::ApplyHeld(const std::string& report_id) {
  // Held supplements that can never be applied are parked with the reason.
  return holds_->Drain(
      AwaitsReport(report_id), "routing",
      [&](const consumer::HoldStore::Waiting& waiting,
          const v1::HeldRecord& next) -> absl::StatusOr<bool> {
        v1::AcceptedDocument held;
        if (!held.ParseFromString(next.payload())) {
          return absl::InvalidArgumentError("not an AcceptedDocument");
        }
        absl::Status status = ApplyAccepted(held, consumer::MessageOf(next), &waiting);
        if (absl::IsAlreadyExists(status)) {
          // Applied directly since (a re-send read after the case existed):
          // only its hold is left to release.
          Step step;
          holds_->ReleaseOne(step.mutation(), waiting, next.id());
          status = step.Commit(store_.client());
        }
        RETURN_IF_ERROR(status);
        return true;
      },
      internal::kAttempts);
}

absl::StatusOr<v1::HopReceipt> Router::OnHop(const v1::Hop& hop) {
  absl::Status status;
  for (int attempt = 0; attempt < internal::kAttempts; ++attempt) {
    absl::StatusOr<bool> applied = ApplyHop(hop);
    status = applied.status();
    if (status.ok() || absl::IsAlreadyExists(status)) {
      v1::HopReceipt receipt;
      receipt.set_hop_id(hop.id());
      receipt.set_receiver_unit(hop.to_unit());
      *receipt.mutable_applied_at() = ToProto(clock_->Now());
      return receipt;
    }
    if (!absl::IsAborted(status)) return status;
  }
  return status;
}

absl::StatusOr<bool> Router::ApplyHop(const v1::Hop& hop) {
  const v1::AcceptedDocument& doc = hop.document();
  if (hop.id().empty() || hop.to_unit().empty() || doc.id().empty()) {
    return absl::InvalidArgumentError("hop: id, to_unit and document are required");
  }
  if (hop.kind() == v1::HOP_KIND_ORIGIN || hop.kind() == v1::HOP_KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        "hop.kind: only chain, copy, notice and question hops travel");
  }
  const std::string applied = RoutingStore::AppliedKey("hop:" + hop.id());
  ASSIGN_OR_RETURN(bool seen, store_.IsApplied(applied));
  if (seen) return absl::AlreadyExistsError("already applied");
  const std::string& root = doc.root_report_id();
  ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(root));
  if (!kase) {
    // Never a hop ahead of its case: a hop is written by the step that
    // creates or updates its case, so this one was not sent by routing.
    return absl::InvalidArgumentError(absl::StrCat("hop.document.root_report_id: unknown case ",
                                                   root, " (a hop never precedes its case)"));
  }

  const bool question = hop.kind() == v1::HOP_KIND_DATA_REQUEST;
  v1::InboxItem item;
  item.set_item_id(question ? hop.id() : doc.id());
  item.set_unit_code(hop.to_unit());
  *item.mutable_hop() = hop;
  item.set_state(v1::INBOX_STATE_RECEIVED);
  *item.mutable_received_at() = ToProto(clock_->Now());
  item.set_final(hop.kind() != v1::HOP_KIND_CHAIN || hop.to_unit() == kase->route.final_unit());

  Step step;
  redis::Mutation& m = step.mutation();
  step.RequireAbsent(applied, outbox::Guard::kDuplicate);
  // Long enough to outlive any re-send: an entry leaves the sender's outbox
  // on the first receipt.
  RoutingStore::MarkApplied(m, applied, kHopDedupKept);
  RoutingStore::PutItem(m, StoredItem{}, item);
  if (question) RoutingStore::AddQuestion(m, hop.to_unit(), root, item.item_id());
  AddEvent(step, hop.to_unit(), question ? "data_requested" : "received", item);
  if (hop.kind() == v1::HOP_KIND_CHAIN && hop.to_unit() == org_->ministry().code()) {
    outbox::Message delivered{absl::StrCat("delivered:", hop.id()), options_.delivered_topic, root,
                              item.SerializeAsString()};
    if (options_.delivered_needs_receipt) {
      step.Put(hops_, std::move(delivered), clock_->Now() + options_.hop_lease);
    } else {
      step.Put(publishes_, std::move(delivered), clock_->Now() + options_.publish_lease);
    }
  }

  // A supplement reaching a level answers what that level asked and was asked.
  if (doc.has_supplement() && !question) {
    ASSIGN_OR_RETURN(std::vector<std::string> questions, store_.Questions(hop.to_unit(), root));
    std::vector<std::pair<std::string, std::string>> keys = {{hop.to_unit(), root}};
    for (const auto& q : questions) keys.emplace_back(hop.to_unit(), q);
    ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));
    for (StoredItem& s : items) {
      v1::InboxItem updated = s.item;
      bool changed = false;
      for (auto& dr : *updated.mutable_data_requests()) {
        if (dr.answered_by_document_id().empty()) {
          dr.set_answered_by_document_id(doc.id());
          *dr.mutable_answered_at() = item.received_at();
          changed = true;
        }
      }
      if (updated.hop().kind() == v1::HOP_KIND_DATA_REQUEST &&
          updated.answered_by_document_id().empty()) {
        updated.set_answered_by_document_id(doc.id());
        changed = true;
      }
      if (!changed) continue;
      RoutingStore::PutItem(m, s, updated);
      AddEvent(step, hop.to_unit(), "answered", updated);
    }
  }
  RETURN_IF_ERROR(Commit(step));
  return true;
}

absl::Status Router::OnReceipts(const std::vector<v1::HopReceipt>& receipts) {
  std::vector<std::string> ids;
  for (const auto& r : receipts) {
    if (r.hop_id().empty()) return absl::InvalidArgumentError("receipt.hop_id: required");
    ids.push_back(r.hop_id());
  }
  return hops_.store->Clear(ids);
}

}  // namespace opsreport::routing
