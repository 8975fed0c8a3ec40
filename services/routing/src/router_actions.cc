// What a level's desk does with its inbox: acknowledge, ask, forward.
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/routing_rules/deadline_met.h"
#include "opsreport/routing_rules/visibility.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {

using internal::WithRetries;

namespace {

// The timers of the deadlines an act met on time.
absl::Status CancelTimers(timers::TimerStore& timers, redis::Mutation& mutation,
                          const std::string& document_id,
                          const std::vector<routing_rules::Deadline>& met) {
  for (const routing_rules::Deadline& d : met) {
    RETURN_IF_ERROR(timers.CancelIn(mutation, DeadlineId(document_id, d.kind, d.hop_seq)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<StoredItem> Router::LoadOwnItem(const auth::Principal& caller,
                                               const std::string& unit,
                                               const std::string& item_id) const {
  if (org_->Find(unit) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unit_code: unknown unit '", unit, "'"));
  }
  if (!routing_rules::MayActOnInbox(caller.unit_code, unit)) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code, " may not act on the inbox of unit ", unit));
  }
  ASSIGN_OR_RETURN(std::optional<StoredItem> item, store_.LoadItem(unit, item_id));
  if (!item) {
    return absl::NotFoundError(
        absl::StrCat("item_id: no item '", item_id, "' in the inbox of ", unit));
  }
  return *item;
}

absl::StatusOr<v1::InboxItem> Router::Acknowledge(const auth::Principal& caller,
                                                  const std::string& unit,
                                                  const std::string& item_id) {
  return WithRetries([&]() -> absl::StatusOr<v1::InboxItem> {
    ASSIGN_OR_RETURN(StoredItem loaded, LoadOwnItem(caller, unit, item_id));
    // A repeated acknowledgement (a retried call) keeps the first auto-reply.
    if (loaded.item.state() != v1::INBOX_STATE_RECEIVED) return loaded.item;
    const absl::Time now = clock_->Now();
    v1::InboxItem item = loaded.item;
    item.set_state(v1::INBOX_STATE_ACKNOWLEDGED);
    *item.mutable_auto_reply()->mutable_received_at() = ToProto(now);
    item.mutable_auto_reply()->set_receiving_officer(caller.officer);

    Step step;
    RoutingStore::PutItem(step.mutation(), loaded, item);
    AddEvent(step, unit, "acknowledged", item);
    // Deadlines met on time need not fire; a late one still fires and
    // raises its breach with the time it was met.
    const v1::AcceptedDocument& doc = item.hop().document();
    ASSIGN_OR_RETURN(std::vector<routing_rules::Deadline> met,
                     routing_rules::MetOnTimeBy(routing_rules::DeskAct::kAcknowledge, loaded.item,
                                                now, options_.policy, [&] { return ItemOf(doc); }));
    RETURN_IF_ERROR(CancelTimers(timers_, step.mutation(), doc.id(), met));
    RETURN_IF_ERROR(Commit(step));
    return item;
  });
}

absl::StatusOr<v1::InboxItem> Router::Forward(const auth::Principal& caller,
                                              const std::string& unit, const std::string& item_id,
                                              const v1::Signature& signature) {
  return WithRetries([&]() -> absl::StatusOr<v1::InboxItem> {
    ASSIGN_OR_RETURN(StoredItem loaded, LoadOwnItem(caller, unit, item_id));
    const v1::InboxItem& current = loaded.item;
    if (current.hop().kind() != v1::HOP_KIND_CHAIN || current.final()) {
      return absl::FailedPreconditionError(absl::StrCat("item ", item_id, " ends at unit ", unit,
                                                        " (last level, copy, notice or question): "
                                                        "there is nothing to forward"));
    }
    if (current.state() == v1::INBOX_STATE_FORWARDED) return current;
    if (current.state() != v1::INBOX_STATE_ACKNOWLEDGED) {
      return absl::FailedPreconditionError(
          absl::StrCat("item ", item_id, " must be acknowledged before it is forwarded"));
    }
    base::Violations errors;
    if (signature.officer().full_name().empty()) {
      errors.Add("signature.officer.full_name",
                 "required: the head or acting head signs (002 §2.4)");
    }
    if (signature.capacity() == v1::SIGNER_CAPACITY_UNSPECIFIED) {
      errors.Add("signature.capacity", "required: head or acting head");
    }
    if (!signature.has_signed_at()) {
      errors.Add("signature.signed_at", "required: date and time of signing (002 §2.4)");
    }
    RETURN_IF_ERROR(errors.ToStatus("forward"));
    absl::Status signer =
        org_->CheckSigner(unit, signature.officer().full_name(), signature.capacity());
    if (!signer.ok()) {
      return absl::Status(signer.code(),
                          absl::StrCat("signature.officer.full_name: ", signer.message()));
    }

    const v1::AcceptedDocument& doc = current.hop().document();
    ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(doc.root_report_id()));
    if (!kase) return absl::InternalError("case of a stored item is missing");
    const routing_rules::Route route = FromPlan(kase->route);
    const size_t next_index = static_cast<size_t>(current.hop().seq());
    if (next_index >= route.chain.size()) {
      return absl::InternalError(absl::StrCat("route of ", doc.id(), " has no hop after ", unit));
    }
    const routing_rules::Hop& next = route.chain[next_index];
    const absl::Time now = clock_->Now();
    ASSIGN_OR_RETURN(int64_t number, store_.NextForwardNumber(unit, internal::KyivYear(now)));

    v1::InboxItem item = current;
    item.set_state(v1::INBOX_STATE_FORWARDED);
    *item.mutable_forwarded_at() = ToProto(now);
    *item.mutable_forwarded_by() = signature;
    item.set_forward_outgoing_number(
        absl::StrCat(unit, "/", internal::KyivYear(now), "/П", number));
    item.set_forwarded_to(next.to_unit);

    v1::Hop hop = MakeHop(doc, v1::HOP_KIND_CHAIN, next.seq, unit, next.to_unit);
    hop.set_sender_outgoing_number(item.forward_outgoing_number());
    *hop.mutable_sender_signature() = signature;
    hop.set_sent_by(caller.officer);
    *hop.mutable_sent_at() = ToProto(now);

    Step step;
    RoutingStore::PutItem(step.mutation(), loaded, item);
    SendHop(step, hop);
    for (const auto& d : routing_rules::HopDeadlines(next, now, options_.policy.hop)) {
      RETURN_IF_ERROR(ScheduleDeadline(step, doc, d));
    }
    ASSIGN_OR_RETURN(std::vector<routing_rules::Deadline> met,
                     routing_rules::MetOnTimeBy(routing_rules::DeskAct::kForward, current, now,
                                                options_.policy, [&] { return ItemOf(doc); }));
    RETURN_IF_ERROR(CancelTimers(timers_, step.mutation(), doc.id(), met));
    AddEvent(step, unit, "forwarded", item);
    RETURN_IF_ERROR(Commit(step));
    return item;
  });
}

absl::StatusOr<v1::InboxItem> Router::RequestData(const auth::Principal& caller,
                                                  const std::string& unit,
                                                  const std::string& item_id,
                                                  const std::string& question) {
  return WithRetries([&]() -> absl::StatusOr<v1::InboxItem> {
    base::Violations errors;
    if (question.find_first_not_of(" \t\r\n") == std::string::npos) {
      errors.Add("question", "required: what is missing");
    } else if (question.size() > RouterOptions::kMaxQuestion) {
      errors.Add("question", absl::StrCat("is ", question.size(), " bytes; at most ",
                                          RouterOptions::kMaxQuestion));
    }
    RETURN_IF_ERROR(errors.ToStatus("request for data"));
    ASSIGN_OR_RETURN(StoredItem loaded, LoadOwnItem(caller, unit, item_id));
    const v1::Hop& from = loaded.item.hop();
    if (from.kind() != v1::HOP_KIND_CHAIN) {
      return absl::FailedPreconditionError(absl::StrCat(
          "item ", item_id, " did not come up the chain to ", unit, ": there is no sender to ask"));
    }
    const v1::AcceptedDocument& doc = from.document();
    ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(doc.root_report_id()));
    if (!kase) return absl::InternalError("case of a stored item is missing");
    const routing_rules::Route route = FromPlan(kase->route);
    const absl::Time now = clock_->Now();

    v1::InboxItem item = loaded.item;
    v1::DataRequest* dr = item.add_data_requests();
    dr->set_question(question);
    dr->set_requested_by_unit(unit);
    dr->set_requested_by_officer(caller.officer);
    *dr->mutable_requested_at() = ToProto(now);
    const int n = item.data_requests_size();

    Step step;
    RoutingStore::PutItem(step.mutation(), loaded, item);
    // The question goes down to every level below, the sender first: only
    // the origin can answer it, with a supplement that climbs back.
    for (int i = from.seq() - 1; i >= 0; --i) {
      const std::string& lower = route.chain[static_cast<size_t>(i)].from_unit;
      v1::Hop hop = MakeHop(doc, v1::HOP_KIND_DATA_REQUEST, from.seq(), unit, lower);
      hop.set_id(absl::StrCat(doc.id(), ":q:", lower, ":", unit, ":", n));
      hop.set_question(question);
      hop.set_requested_by_unit(unit);
      hop.set_requested_by_officer(caller.officer);
      hop.set_sent_by(caller.officer);
      *hop.mutable_sent_at() = ToProto(now);
      hop.clear_sender_signature();
      hop.set_sender_outgoing_number("");
      SendHop(step, hop);
    }
    AddEvent(step, unit, "data_requested", item);
    RETURN_IF_ERROR(Commit(step));
    return item;
  });
}

}  // namespace opsreport::routing
