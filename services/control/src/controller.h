#pragma once
// The Ministry control files use cases, transport-free: a chain delivery to
// the Ministry opens a file for a crime; a requalification supplement
// outside the catalogue removes it. A delivery is applied only once it is
// verified: self-consistent (CheckDelivery), its hop acknowledged by routing
// (routing's HopReceipt), and, for a supplement, its report's delivery
// applied; until then it is held (consumer::HoldStore), never refused; the Ministry removes on a
// lawful ground; regions pass cases to each other with confirmation, and an unconfirmed transfer
// becomes overdue on a durable timer, announced once. Each change is one redis::Mutation with its
// dedup key, event and timers.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "control_store.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/kafka/message.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/timers/timer_store.h"
#include "opsreport/topics/topics.h"
#include "opsreport/v1/control.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::control {

struct ControllerOptions {
  std::string events_topic{topics::kControlEvents.name};
  absl::Duration transfer_allowed = absl::Hours(72);
  absl::Duration publish_lease = absl::Seconds(30);
  // How long routing's receipt of a hop is remembered: far longer than a
  // delivery can lag behind it (routing re-sends it until control answers).
  absl::Duration ack_kept = absl::Hours(30 * 24);
};

class Controller {
 public:
  // `holds` is where deliveries wait (the kit's, "hold:<group>").
  Controller(const org::OrgDirectory* org, const catalogue::Catalogue* catalogue,
             redis::Client* redis, consumer::HoldStore* holds, const base::Clock* clock,
             ControllerOptions options, outbox::Sink events);

  // From opsreport.routing.delivered (`record` as read, for its key and to
  // hold it); idempotent. INVALID_ARGUMENT for a record that can never be
  // valid (CheckDelivery): nothing is written. OK when applied and when
  // held: awaiting "hop <hop id>" until routing's receipt of the hop, then
  // (a supplement) "report <root>" until the report's delivery is applied.
  // A report's delivery applies the supplements held for it, in order.
  absl::Status OnDelivered(const v1::InboxItem& ministry_item, const kafka::Message& record);
  // From opsreport.routing.receipts: routing applied a hop. One to the
  // Ministry is remembered (ack_kept) and the delivery held for it applied;
  // others, and control's own "delivered:" receipts, change nothing.
  absl::Status OnHopReceipt(const v1::HopReceipt& receipt);
  // A transfer deadline fell due: announces the overdue transfer once.
  absl::Status OnTimer(const timers::Timer& timer);

  absl::StatusOr<v1::ControlFile> Remove(const auth::Principal& caller, const std::string& id,
                                         v1::Removal removal);
  absl::StatusOr<v1::ControlFile> StartTransfer(const auth::Principal& caller,
                                                const std::string& id, const std::string& to_region,
                                                const std::string& control_outgoing_number);
  absl::StatusOr<v1::ControlFile> ConfirmTransfer(const auth::Principal& caller,
                                                  const std::string& id);
  absl::StatusOr<v1::ControlFile> GetFile(const auth::Principal& caller, const std::string& id);
  absl::StatusOr<v1::ListFilesResponse> ListFiles(const auth::Principal& caller,
                                                  const v1::ListFilesRequest& request);
  absl::StatusOr<v1::WeeklyControlReport> WeeklyReport(const auth::Principal& caller,
                                                       const std::string& service_line,
                                                       const std::string& week_start);

  // Whether a live-view event concerns the caller: the Ministry sees all; a
  // region its files; coordination events their addressees (unit or name).
  bool Concerns(const auth::Principal& caller, const v1::ControlStreamEvent& e) const;
  redis::Client& redis() { return *redis_; }
  timers::TimerStore& timers() { return timers_; }
  outbox::RedisStore& publish_outbox() { return *events_.store; }

 private:
  // Writes `updated` over `loaded` (version guard), with its event; extra
  // guards/commands may be added to `m` by the caller first.
  absl::Status Commit(redis::Mutation& m, const StoredFile& loaded, v1::ControlFile updated,
                      const std::string& kind);
  enum class Delivered { kApplied, kHeld, kAlreadyApplied, kStillHeld };
  // One step for a verified delivery: applied, or held for what it still
  // awaits. From a hold (`waiting`, `held`), the step releases that hold;
  // kStillHeld: it still awaits what it was held for, nothing was written.
  absl::StatusOr<Delivered> Deliver(const v1::InboxItem& item, const kafka::Message& record,
                                    const consumer::HoldStore::Waiting* waiting,
                                    const v1::HeldRecord* held);
  // Applies, each in its own step, the deliveries held for `awaits`.
  absl::Status ApplyHeld(const std::string& awaits);
  bool IsMinistry(const std::string& unit) const;
  bool MaySee(const std::string& unit, const v1::ControlFile& file) const;
  template <typename Change>
  absl::StatusOr<v1::ControlFile> Update(const std::string& id, Change change,
                                         const std::string& kind);

  const org::OrgDirectory* org_;
  const catalogue::Catalogue* catalogue_;
  redis::Client* redis_;
  consumer::HoldStore* holds_;
  ControlStore store_;
  const base::Clock* clock_;
  ControllerOptions options_;
  outbox::Sink events_;
  timers::TimerStore timers_;
};

}  // namespace opsreport::control
