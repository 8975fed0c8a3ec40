#include "router.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/calendar/kyiv.h"
#include "router_internal.h"

namespace opsreport::routing {

std::string DeadlineId(const std::string& document_id, const std::string& kind, int hop_seq) {
  return absl::StrCat(document_id, ":", kind, ":", hop_seq);
}

v1::RoutePlan ToPlan(const routing_rules::Route& route) {
  v1::RoutePlan plan;
  plan.set_origin_unit(route.origin_unit);
  for (const auto& hop : route.chain) {
    v1::RoutePlan::Step* s = plan.add_chain();
    s->set_seq(hop.seq);
    s->set_from_unit(hop.from_unit);
    s->set_to_unit(hop.to_unit);
  }
  for (const auto& c : route.copies) plan.add_copies(c);
  for (const auto& n : route.notices) plan.add_notices(n);
  plan.set_final_unit(route.final_unit);
  return plan;
}

routing_rules::Route FromPlan(const v1::RoutePlan& plan) {
  routing_rules::Route route;
  route.origin_unit = plan.origin_unit();
  for (const auto& s : plan.chain()) route.chain.push_back({s.seq(), s.from_unit(), s.to_unit()});
  route.copies.assign(plan.copies().begin(), plan.copies().end());
  route.notices.assign(plan.notices().begin(), plan.notices().end());
  route.final_unit = plan.final_unit();
  return route;
}

namespace internal {

const v1::Signature& SignatureOf(const v1::AcceptedDocument& doc) {
  return doc.has_supplement() ? doc.supplement().signed_by() : doc.special_report().signed_by();
}

bool IsDone(const v1::InboxItem& item) {
  for (const auto& q : item.data_requests()) {
    if (q.answered_by_document_id().empty()) return false;
  }
  if (item.hop().kind() == v1::HOP_KIND_DATA_REQUEST) {
    return item.state() != v1::INBOX_STATE_RECEIVED && !item.answered_by_document_id().empty();
  }
  return item.state() == v1::INBOX_STATE_FORWARDED ||
         (item.final() && item.state() == v1::INBOX_STATE_ACKNOWLEDGED);
}

int KyivYear(absl::Time t) {
  return static_cast<int>(absl::ToCivilYear(t, calendar::KyivZone()).year());
}

}  // namespace internal

Router::Router(const org::OrgDirectory* org, const catalogue::Catalogue* catalogue,
               redis::Client* redis, const base::Clock* clock, RouterOptions options,
               outbox::Sink hops, outbox::Sink publishes, consumer::HoldStore* holds)
    : org_(org),
      catalogue_(catalogue),
      clock_(clock),
      options_(std::move(options)),
      hops_(std::move(hops)),
      publishes_(std::move(publishes)),
      holds_(holds),
      store_(redis),
      timers_(redis, "routing") {}

absl::Status Router::Commit(Step& step) {
  RETURN_IF_ERROR(step.Commit(store_.client()));
  events_.Notify();
  return absl::OkStatus();
}

absl::StatusOr<v1::CatalogueItem> Router::ItemOf(const v1::AcceptedDocument& report) const {
  const v1::CatalogueItem* item =
      catalogue_->FindByNumber(report.special_report().catalogue_number());
  if (item == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("special_report.catalogue_number: unknown catalogue item '",
                     report.special_report().catalogue_number(), "'"));
  }
  return *item;
}

v1::Hop Router::MakeHop(const v1::AcceptedDocument& doc, v1::HopKind kind, int seq,
                        const std::string& from, const std::string& to) const {
  v1::Hop hop;
  const char* kind_name = kind == v1::HOP_KIND_CHAIN    ? "chain"
                          : kind == v1::HOP_KIND_COPY   ? "copy"
                          : kind == v1::HOP_KIND_NOTICE ? "notice"
                                                        : "origin";
  hop.set_id(absl::StrCat(doc.id(), ":", kind_name, ":", to, ":", seq));
  hop.set_kind(kind);
  hop.set_seq(seq);
  hop.set_from_unit(from);
  hop.set_to_unit(to);
  *hop.mutable_document() = doc;
  // The origin's own outgoing number and signature travel with its sends.
  hop.set_sender_outgoing_number(doc.outgoing_number());
  *hop.mutable_sender_signature() = internal::SignatureOf(doc);
  hop.set_sent_by(doc.submitted_by());
  *hop.mutable_sent_at() = doc.accepted_at();
  return hop;
}

void Router::SendHop(Step& step, const v1::Hop& hop) const {
  outbox::Message m{hop.id(), options_.hops_topic, hop.document().root_report_id(),
                    hop.SerializeAsString()};
  step.Put(hops_, std::move(m), clock_->Now() + options_.hop_lease);
}

absl::Status Router::ScheduleDeadline(Step& step, const v1::AcceptedDocument& doc,
                                      const routing_rules::Deadline& d) const {
  v1::DeadlineRecord record;
  record.set_id(DeadlineId(doc.id(), d.kind, d.hop_seq));
  record.set_document_id(doc.id());
  record.set_root_report_id(doc.root_report_id());
  record.set_kind(d.kind);
  record.set_unit_responsible(d.unit_responsible);
  *record.mutable_due() = ToProto(d.due);
  record.set_hop_seq(d.hop_seq);
  record.set_section(d.section);
  return timers_.ScheduleIn(step.mutation(), {record.id(), d.due, record.SerializeAsString()});
}

void Router::RaiseBreach(Step& step, const v1::AcceptedDocument& doc, const std::string& origin,
                         const routing_rules::Breach& breach, const std::string& id) const {
  const absl::Time now = clock_->Now();
  v1::Breach b;
  b.set_id(id);
  b.set_document_id(doc.id());
  b.set_root_report_id(doc.root_report_id());
  b.set_kind(breach.deadline.kind);
  b.set_unit_responsible(breach.unit);
  *b.mutable_due() = ToProto(breach.deadline.due);
  *b.mutable_detected_at() = ToProto(now);
  if (breach.met_at) *b.mutable_met_at() = ToProto(*breach.met_at);
  b.set_late_by_seconds(absl::ToInt64Seconds(breach.late_by));
  b.set_section(breach.deadline.section);
  b.set_origin_unit(origin);
  b.set_outgoing_number(doc.outgoing_number());
  b.set_hop_seq(breach.deadline.hop_seq);
  RoutingStore::AddBreach(step.mutation(), b);
  outbox::Message m{absl::StrCat("breach:", id), options_.breaches_topic, doc.root_report_id(),
                    b.SerializeAsString()};
  step.Put(publishes_, std::move(m), now + options_.publish_lease);
  v1::RoutingEvent event;
  *event.mutable_at() = ToProto(now);
  event.set_unit_code(breach.unit);
  event.set_change("breach");
  *event.mutable_breach() = std::move(b);
  RoutingStore::AddEvent(step.mutation(), event, options_.events_kept);
}

void Router::AddEvent(Step& step, const std::string& unit, const std::string& change,
                      const v1::InboxItem& item) const {
  v1::RoutingEvent event;
  *event.mutable_at() = ToProto(clock_->Now());
  event.set_unit_code(unit);
  event.set_change(change);
  *event.mutable_item() = item;
  // The live view needs the state, not the document body again.
  event.mutable_item()->mutable_hop()->mutable_document()->clear_special_report();
  event.mutable_item()->mutable_hop()->mutable_document()->clear_supplement();
  RoutingStore::AddEvent(step.mutation(), event, options_.events_kept);
}

}  // namespace opsreport::routing
