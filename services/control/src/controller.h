#pragma once
// The Ministry control files use cases, transport-free: a chain delivery to
// the Ministry opens a file for a crime; a requalification supplement
// outside the catalogue removes it; the Ministry removes on a lawful ground;
// regions pass cases to each other with confirmation, and an unconfirmed
// transfer becomes overdue on a durable timer, announced once. Each change is
// one redis::Mutation with its dedup key, event and timers.

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "control_store.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/catalogue/catalogue.h"
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
};

class Controller {
 public:
  Controller(const org::OrgDirectory* org, const catalogue::Catalogue* catalogue,
             redis::Client* redis, const base::Clock* clock, ControllerOptions options,
             outbox::Sink events);

  // From opsreport.routing.delivered; idempotent. INVALID_ARGUMENT: never retried.
  absl::Status OnDelivered(const v1::InboxItem& ministry_item);
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
  bool IsMinistry(const std::string& unit) const;
  bool MaySee(const std::string& unit, const v1::ControlFile& file) const;
  template <typename Change>
  absl::StatusOr<v1::ControlFile> Update(const std::string& id, Change change,
                                         const std::string& kind);

  const org::OrgDirectory* org_;
  const catalogue::Catalogue* catalogue_;
  redis::Client* redis_;
  ControlStore store_;
  const base::Clock* clock_;
  ControllerOptions options_;
  outbox::Sink events_;
  timers::TimerStore timers_;
};

}  // namespace opsreport::control
