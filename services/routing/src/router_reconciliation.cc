// The reconciliation's requests to units (002 §3.7, §7.8.2): applied once
// from opsreport.reconciliation.requests, listed in the unit's inbox and in
// the daily summary of their day, and marked answered by the unit's later
// document on the same proceedings.
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/daily_summary/day_window.h"
#include "opsreport/routing_rules/visibility.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {
namespace {

constexpr size_t kMaxOutgoingNumber = 64;

void CheckUnit(const org::OrgDirectory& org, const std::string& code, base::Violations& errors) {
  if (code.empty()) {
    errors.Add("unit_code", "required: the unit asked");
  } else if (org.Find(code) == nullptr) {
    errors.Add("unit_code", absl::StrCat("unknown unit '", code, "'"));
  }
}

absl::Status Validate(const org::OrgDirectory& org, const v1::ReconciliationRequest& r) {
  base::Violations errors;
  if (r.id().empty()) errors.Add("id", "required: one id per discrepancy");
  CheckUnit(org, r.unit_code(), errors);
  if (r.kind() == v1::RECONCILIATION_REQUEST_KIND_UNSPECIFIED ||
      !v1::ReconciliationRequestKind_IsValid(r.kind())) {
    errors.Add("kind", "required: missing information or special report demand");
  }
  // Empty is allowed (the day is then taken from requested_at); anything
  // else must name the summary it belongs to, or it would never be listed.
  if (!r.summary_day().empty() && !daily_summary::KyivDay(r.summary_day(), "summary_day").ok()) {
    errors.Add("summary_day", absl::StrCat("\"", r.summary_day(), "\" is not a day YYYY-MM-DD"));
  }
  return errors.ToStatus("reconciliation request");
}

// What may answer a request: a document of the unit asked carrying the
// discrepancy's ЄРДР proceedings number, or a supplement with ЄРДР data to
// the report the discrepancy is about (a report without an entry has no
// number to match).
std::vector<std::string> AwaitedKeys(const v1::ReconciliationRequest& r) {
  std::vector<std::string> out;
  const v1::Discrepancy& d = r.discrepancy();
  if (!d.proceedings_number().empty()) {
    out.push_back(absl::StrCat("pn:", r.unit_code(), ":", d.proceedings_number()));
  }
  if (!d.report_id().empty()) out.push_back(absl::StrCat("report:", d.report_id()));
  return out;
}

// The keys a filed document answers under (see AwaitedKeys).
std::vector<std::string> AnsweringKeys(const v1::AcceptedDocument& doc) {
  const v1::ErdrData* erdr = nullptr;
  if (doc.has_special_report()) erdr = &doc.special_report().erdr();
  if (doc.has_supplement()) erdr = &doc.supplement().erdr();
  if (erdr == nullptr || erdr->proceedings_number().empty()) return {};
  std::vector<std::string> out = {
      absl::StrCat("pn:", doc.unit_code(), ":", erdr->proceedings_number())};
  if (doc.has_supplement()) out.push_back(absl::StrCat("report:", doc.root_report_id()));
  return out;
}

v1::ReconciliationRequestReceipt ReceiptOf(const v1::ReconciliationInboxItem& item) {
  v1::ReconciliationRequestReceipt receipt;
  receipt.set_request_id(item.request().id());
  receipt.set_unit_code(item.request().unit_code());
  *receipt.mutable_applied_at() = item.received_at();
  return receipt;
}

}  // namespace

absl::StatusOr<v1::ReconciliationRequestReceipt> Router::OnReconciliationRequest(
    const v1::ReconciliationRequest& request) {
  RETURN_IF_ERROR(Validate(*org_, request));
  return internal::WithRetries([&] { return ApplyReconciliationRequest(request); });
}

absl::StatusOr<v1::ReconciliationRequestReceipt> Router::ApplyReconciliationRequest(
    const v1::ReconciliationRequest& request) {
  ASSIGN_OR_RETURN(std::vector<StoredReconciliation> stored,
                   store_.LoadReconciliations({request.id()}));
  // A re-send (the reconciliation's outbox had no receipt yet): answered
  // again with the first application's receipt, nothing changed.
  if (!stored.empty()) return ReceiptOf(stored.front().item);

  const absl::Time now = clock_->Now();
  v1::ReconciliationInboxItem item;
  *item.mutable_request() = request;
  *item.mutable_received_at() = ToProto(now);
  if (request.summary_day().empty()) {
    const absl::Time asked = request.has_requested_at() ? ToTime(request.requested_at()) : now;
    item.mutable_request()->set_summary_day(
        absl::FormatTime("%Y-%m-%d", asked, calendar::KyivZone()));
  }

  Step step;
  redis::Mutation& m = step.mutation();
  // Version 0 is the "applied once" guard: applied meanwhile by another
  // consumer, the step is ABORTED and the retry reads it back for its receipt.
  RoutingStore::PutReconciliation(m, StoredReconciliation{}, item);
  RoutingStore::OpenReconciliation(m, AwaitedKeys(request), request.id());
  AddEvent(step, "reconciliation_request", item);
  RETURN_IF_ERROR(Commit(step));
  return ReceiptOf(item);
}

absl::Status Router::AnswerReconciliations(Step& step, const v1::AcceptedDocument& doc) {
  const std::vector<std::string> keys = AnsweringKeys(doc);
  if (keys.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.OpenReconciliations(keys));
  ASSIGN_OR_RETURN(std::vector<StoredReconciliation> open, store_.LoadReconciliations(ids));
  for (const StoredReconciliation& s : open) {
    if (s.item.has_answered_at()) continue;
    v1::ReconciliationInboxItem answered = s.item;
    answered.set_answered_by_document_id(doc.id());
    answered.set_answered_by_outgoing_number(doc.outgoing_number());
    *answered.mutable_answered_at() = doc.accepted_at();
    // Version-guarded: a concurrent change makes the whole filing step retry.
    MarkAnswered(step, s, answered);
  }
  return absl::OkStatus();
}

void Router::MarkAnswered(Step& step, const StoredReconciliation& loaded,
                          const v1::ReconciliationInboxItem& answered) const {
  RoutingStore::PutReconciliation(step.mutation(), loaded, answered);
  RoutingStore::CloseReconciliation(step.mutation(), AwaitedKeys(loaded.item.request()),
                                    loaded.item.request().id());
  AddEvent(step, "reconciliation_answered", answered);
}

absl::StatusOr<v1::ReconciliationInboxItem> Router::AnswerReconciliation(
    const auth::Principal& caller, const v1::AnswerReconciliationRequestRequest& request) {
  base::Violations errors;
  CheckUnit(*org_, request.unit_code(), errors);
  if (request.request_id().empty()) errors.Add("request_id", "required");
  if (request.answer().empty()) {
    errors.Add("answer", "required: what the answer was");
  } else if (request.answer().size() > RouterOptions::kMaxQuestion) {
    errors.Add("answer",
               absl::StrCat("is too long: at most ", RouterOptions::kMaxQuestion, " bytes"));
  }
  if (request.outgoing_number().size() > kMaxOutgoingNumber) {
    errors.Add("outgoing_number",
               absl::StrCat("is too long: at most ", kMaxOutgoingNumber, " bytes"));
  }
  RETURN_IF_ERROR(errors.ToStatus("answer"));
  if (!routing_rules::MayActOnInbox(caller.unit_code, request.unit_code())) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code, " may not answer for unit ", request.unit_code()));
  }
  return internal::WithRetries([&]() -> absl::StatusOr<v1::ReconciliationInboxItem> {
    ASSIGN_OR_RETURN(std::vector<StoredReconciliation> stored,
                     store_.LoadReconciliations({request.request_id()}));
    if (stored.empty() || stored.front().item.request().unit_code() != request.unit_code()) {
      return absl::NotFoundError(absl::StrCat("request_id: no request '", request.request_id(),
                                              "' to unit ", request.unit_code()));
    }
    const StoredReconciliation& loaded = stored.front();
    if (loaded.item.has_answered_at()) {
      // A retried call returns what it did; anything else was answered before.
      if (loaded.item.answer() == request.answer() &&
          loaded.item.answered_by_outgoing_number() == request.outgoing_number()) {
        return loaded.item;
      }
      return absl::FailedPreconditionError(
          absl::StrCat("request ", request.request_id(), " was already answered",
                       loaded.item.answered_by_outgoing_number().empty()
                           ? std::string()
                           : absl::StrCat(" by ", loaded.item.answered_by_outgoing_number())));
    }
    v1::ReconciliationInboxItem answered = loaded.item;
    answered.set_answer(request.answer());
    answered.set_answered_by_officer(caller.officer);
    answered.set_answered_by_outgoing_number(request.outgoing_number());
    *answered.mutable_answered_at() = ToProto(clock_->Now());
    Step step;
    MarkAnswered(step, loaded, answered);
    RETURN_IF_ERROR(Commit(step));  // ABORTED: changed meanwhile, read again
    return answered;
  });
}

void Router::AddEvent(Step& step, const std::string& change,
                      const v1::ReconciliationInboxItem& request) const {
  v1::RoutingEvent event;
  *event.mutable_at() = ToProto(clock_->Now());
  event.set_unit_code(request.request().unit_code());
  event.set_change(change);
  *event.mutable_reconciliation_request() = request;
  RoutingStore::AddEvent(step.mutation(), event, options_.events_kept);
}

absl::StatusOr<std::vector<v1::ReconciliationInboxItem>> Router::InboxReconciliations(
    const std::string& unit, bool include_done, int limit) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.ReconciliationIndex(unit, limit));
  ASSIGN_OR_RETURN(std::vector<StoredReconciliation> stored, store_.LoadReconciliations(ids));
  std::vector<v1::ReconciliationInboxItem> out;
  for (StoredReconciliation& s : stored) {
    if (include_done || !s.item.has_answered_at()) {
      out.push_back(std::move(s.item));
    }
  }
  return out;
}

absl::StatusOr<std::vector<v1::ReconciliationInboxItem>> Router::DayReconciliations(
    const std::string& unit, const std::string& day) {
  // A request is addressed to one unit; the summary of a level above lists
  // those of its whole subtree, as the reconciling duty unit reports them.
  std::vector<std::string> units;
  for (const v1::Unit& u : org_->units()) {
    if (routing_rules::MaySee(*org_, unit, u.code())) units.push_back(u.code());
  }
  ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.ReconciliationsOfDay(units, day));
  ASSIGN_OR_RETURN(std::vector<StoredReconciliation> stored, store_.LoadReconciliations(ids));
  std::vector<v1::ReconciliationInboxItem> out;
  for (StoredReconciliation& s : stored) out.push_back(std::move(s.item));
  return out;
}

}  // namespace opsreport::routing
