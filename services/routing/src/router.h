#pragma once
// The routing use cases, transport-free: documents accepted by intake enter
// here, travel the route of routing_rules::PlanRoute as Hops through the
// durable hop outbox, land in every level's inbox exactly once, and are
// acknowledged, questioned and forwarded by each level's desk; deadlines run
// on durable timers and raise each breach once. Every state change is one
// redis::Mutation together with its dedup key, outbox messages, timers and
// live-view event.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "event_signal.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/kafka/message.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/routing_rules/deadlines.h"
#include "opsreport/routing_rules/route.h"
#include "opsreport/timers/timer_store.h"
#include "opsreport/topics/topics.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/routing.pb.h"
#include "routing_store.h"

namespace opsreport::routing {

struct RouterOptions {
  routing_rules::DeadlinePolicy policy;
  // Where accepted documents are read (the topic of a held supplement
  // accepted without its Kafka record, see OnAccepted).
  std::string accepted_topic{topics::kReportsAccepted.name};
  std::string hops_topic{topics::kRoutingHops.name};
  std::string breaches_topic{topics::kRoutingBreaches.name};
  // Every chain delivery to the Ministry (report or supplement), for the
  // Ministry's control files.
  std::string delivered_topic{topics::kRoutingDelivered.name};
  // The delivery waits in the hop outbox, re-sent after hop_lease, until
  // control answers with a HopReceipt for "delivered:<hop id>" (a record the
  // broker took may still go unread). Off: the broker's confirmation is
  // enough (routing deployed without control).
  bool delivered_needs_receipt = false;
  // A hop not confirmed by the receiver's HopReceipt is sent again after this.
  absl::Duration hop_lease = absl::Seconds(10);
  absl::Duration publish_lease = absl::Seconds(30);
  int64_t events_kept = 100000;
  static constexpr size_t kMaxQuestion = 2000;
};

class Router {
 public:
  // `hops`: the hop outbox (receiver-confirmed) and its relay; `publishes`:
  // breaches and, without control, deliveries (broker-confirmed). Each
  // step's messages are handed to them once the step is stored. `holds`:
  // where a supplement read before its report waits for it (the kit's;
  // must outlive the Router).
  Router(const org::OrgDirectory* org, const catalogue::Catalogue* catalogue, redis::Client* redis,
         const base::Clock* clock, RouterOptions options, outbox::Sink hops, outbox::Sink publishes,
         consumer::HoldStore* holds);

  // --- consumed from Kafka (idempotent: a repeat changes nothing) ---
  // A document accepted by intake: plans or reuses the route, records the
  // origin's item, sends the first hop, copies and notices, and starts the
  // deadlines. INVALID_ARGUMENT for a document that cannot be routed (it is
  // recorded as rejected, never retried).
  // A supplement read before its report (intake's outbox re-sends a report
  // whose first send failed, after the supplement went out) is held,
  // awaiting "report <root id>", in one step guarded by the case's absence,
  // and OK is returned: the hold is as durable as an application. The
  // report's acceptance - applied now or found applied, so a crash between
  // the two steps is healed by its redelivery - then applies every
  // supplement held for it, oldest first, each in its own step that also
  // releases its hold. `record` is the Kafka record the document came in
  // (held as read); without it, one on options().accepted_topic is made.
  absl::Status OnAccepted(const v1::AcceptedDocument& doc);
  absl::Status OnAccepted(const v1::AcceptedDocument& doc, const kafka::Message& record);
  // A hop arriving at its receiver: applied once; returns the receipt to send
  // back (also for a repeat, whose first receipt may have been lost).
  absl::StatusOr<v1::HopReceipt> OnHop(const v1::Hop& hop);
  // Receipts clear the senders' outbox entries (an unknown id, a repeat,
  // clears nothing); INVALID_ARGUMENT for one without a hop_id.
  absl::Status OnReceipts(const std::vector<v1::HopReceipt>& receipts);
  // A deadline timer fell due: raises its breach once when it was missed.
  absl::Status OnTimer(const timers::Timer& timer);
  // The reconciliation's request to a unit (002 §3.7, §7.8.2): applied once,
  // then listed in the unit's inbox and daily summary; returns the receipt to
  // send back (also for a repeat, with the first application's time).
  // INVALID_ARGUMENT naming every bad field (id, unit_code, kind,
  // summary_day) for a request that can never be applied.
  absl::StatusOr<v1::ReconciliationRequestReceipt> OnReconciliationRequest(
      const v1::ReconciliationRequest& request);

  // --- a level's desk (only the inbox's own unit) ---
  absl::StatusOr<v1::InboxItem> Acknowledge(const auth::Principal& caller, const std::string& unit,
                                            const std::string& item_id);
  absl::StatusOr<v1::InboxItem> RequestData(const auth::Principal& caller, const std::string& unit,
                                            const std::string& item_id,
                                            const std::string& question);
  absl::StatusOr<v1::InboxItem> Forward(const auth::Principal& caller, const std::string& unit,
                                        const std::string& item_id, const v1::Signature& signature);

  // --- views (a unit sees itself and its subtree; the Ministry sees all) ---
  absl::StatusOr<v1::ListInboxResponse> ListInbox(const auth::Principal& caller,
                                                  const std::string& unit, bool include_done,
                                                  int limit);
  absl::StatusOr<v1::CaseView> GetCase(const auth::Principal& caller, const std::string& root);
  absl::StatusOr<v1::ListBreachesResponse> ListBreaches(const auth::Principal& caller,
                                                        const std::string& unit, int limit);
  absl::StatusOr<v1::DailySummaryResponse> DailySummary(const auth::Principal& caller,
                                                        const std::string& unit,
                                                        const std::string& day);
  absl::StatusOr<v1::MorningCheckResponse> MorningCheck(const auth::Principal& caller,
                                                        const std::string& region,
                                                        const std::string& day);
  // The asked unit's desk answers a reconciliation request by hand. A repeat
  // with the same answer returns it; another answer is FAILED_PRECONDITION.
  absl::StatusOr<v1::ReconciliationInboxItem> AnswerReconciliation(
      const auth::Principal& caller, const v1::AnswerReconciliationRequestRequest& request);
  // PERMISSION_DENIED unless the caller may watch `unit`.
  absl::Status CheckWatch(const auth::Principal& caller, const std::string& unit) const;
  // Live-view events after `cursor` concerning `unit` or its subtree.
  absl::StatusOr<std::vector<v1::RoutingEvent>> EventsFor(const std::string& unit,
                                                          std::string& cursor, int limit);

  outbox::RedisStore& hop_outbox() { return *hops_.store; }
  outbox::RedisStore& publish_outbox() { return *publishes_.store; }
  timers::TimerStore& timers() { return timers_; }
  RoutingStore& store() { return store_; }
  EventSignal& events() { return events_; }
  const RouterOptions& options() const { return options_; }

 private:
  using Step = outbox::Step;  // a mutation being built, with its hand-offs
  absl::Status Commit(Step& step);

  absl::StatusOr<v1::CatalogueItem> ItemOf(const v1::AcceptedDocument& report) const;
  v1::Hop MakeHop(const v1::AcceptedDocument& doc, v1::HopKind kind, int seq,
                  const std::string& from, const std::string& to) const;
  void SendHop(Step& step, const v1::Hop& hop) const;
  absl::Status ScheduleDeadline(Step& step, const v1::AcceptedDocument& doc,
                                const routing_rules::Deadline& d) const;
  void RaiseBreach(Step& step, const v1::AcceptedDocument& doc, const std::string& origin,
                   const routing_rules::Breach& breach, const std::string& id) const;
  void AddEvent(Step& step, const std::string& unit, const std::string& change,
                const v1::InboxItem& item) const;
  void AddEvent(Step& step, const std::string& change,
                const v1::ReconciliationInboxItem& request) const;
  absl::StatusOr<StoredItem> LoadOwnItem(const auth::Principal& caller, const std::string& unit,
                                         const std::string& item_id) const;
  // One attempt at `doc` (ABORTED: read again and retry). Holds a
  // supplement whose case is absent as `record`; `releasing` (a supplement
  // held for its case) releases its hold in the step that applies it.
  absl::Status ApplyAccepted(const v1::AcceptedDocument& doc, const kafka::Message& record,
                             const consumer::HoldStore::Waiting* releasing);
  // The step holding a supplement until its report's case exists.
  absl::Status HoldSupplement(const v1::AcceptedDocument& doc, const kafka::Message& record);
  // Applies the supplements held for report `report_id`, oldest first.
  absl::Status ApplyHeld(const std::string& report_id);
  absl::StatusOr<bool> ApplyHop(const v1::Hop& hop);
  absl::StatusOr<v1::ReconciliationRequestReceipt> ApplyReconciliationRequest(
      const v1::ReconciliationRequest& request);
  // Stores `answered` over `loaded` (version-guarded), closes its awaited
  // keys and announces it.
  void MarkAnswered(Step& step, const StoredReconciliation& loaded,
                    const v1::ReconciliationInboxItem& answered) const;
  // Marks the reconciliation requests `doc` answers, in the step filing it.
  absl::Status AnswerReconciliations(Step& step, const v1::AcceptedDocument& doc);
  // The requests of `unit` for ListInbox, newest first.
  absl::StatusOr<std::vector<v1::ReconciliationInboxItem>> InboxReconciliations(
      const std::string& unit, bool include_done, int limit);
  // The requests of `unit` and its subtree listed in the summaries of `day`.
  absl::StatusOr<std::vector<v1::ReconciliationInboxItem>> DayReconciliations(
      const std::string& unit, const std::string& day);
  absl::StatusOr<bool> EvaluateTimer(const v1::DeadlineRecord& record, absl::Time now);
  absl::StatusOr<bool> EvaluateOngoing(const v1::DeadlineRecord& record, absl::Time now);
  absl::Status CheckSees(const auth::Principal& caller, const std::string& unit) const;

  const org::OrgDirectory* org_;
  const catalogue::Catalogue* catalogue_;
  const base::Clock* clock_;
  RouterOptions options_;
  outbox::Sink hops_;
  outbox::Sink publishes_;
  consumer::HoldStore* holds_;
  mutable RoutingStore store_;
  mutable timers::TimerStore timers_;
  EventSignal events_;
};

// Converters between routing_rules values and their stored form.
v1::RoutePlan ToPlan(const routing_rules::Route& route);
routing_rules::Route FromPlan(const v1::RoutePlan& plan);
using base::ToProto;
using base::ToTime;
std::string DeadlineId(const std::string& document_id, const std::string& kind, int hop_seq);

}  // namespace opsreport::routing
