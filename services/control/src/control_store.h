#pragma once
// Control files' state in Redis (prefix "control:"), read here and written
// only through redis::Mutation steps the Controller builds, so a file's
// change, its dedup key, its outbox message, its timers and its live-view
// event land together or not at all.
//
//   control:file:<id>          HASH body (ControlFile), v (version)
//   control:files              ZSET file id -> opened_at ms
//   control:applied:<hop id>   dedup of consumed deliveries
//   control:ack:<hop id>       routing's receipt of the hop to the Ministry (TTL)
//   control:delivered:<root>   the report's own delivery was applied
//   control:overdue:<timer id> dedup of announced overdue transfers
//   control:live               STREAM live-view events of control and coordination (capped)
//   control:pub:outbox*        outbox::RedisStore
//   timers                     timers::TimerStore namespace "control"
//   hold:<group>:*             deliveries held (consumer::HoldStore, the kit's)

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/control.pb.h"

namespace opsreport::control {

// The live-view stream shared by control files and coordination (capped).
inline constexpr char kLiveEvents[] = "control:live";
void AddLiveEvent(redis::Mutation& m, const v1::ControlStreamEvent& event);
// Events after `cursor` ("" = from now; updated to the last one read).
absl::StatusOr<std::vector<v1::ControlStreamEvent>> LiveEventsAfter(redis::Client& redis,
                                                                    std::string& cursor, int limit);

// What a delivery's step depends on besides its file.
struct DeliveryMarks {
  bool applied = false;           // this hop's delivery was applied before
  bool acked = false;             // routing acknowledged the hop
  bool report_delivered = false;  // the root report's delivery was applied
};

struct StoredFile {
  v1::ControlFile file;  // its version() is the one it was loaded at
  bool exists = false;
};

class ControlStore {
 public:
  explicit ControlStore(redis::Client* client) : client_(client) {}

  static std::string FileKey(const std::string& id);

  absl::StatusOr<StoredFile> Load(const std::string& id);
  // Every file in opening order; unreadable ones are skipped.
  absl::StatusOr<std::vector<v1::ControlFile>> LoadAll();

  // `updated` over `loaded`, guarded by the version it was loaded at (absent
  // = must not exist yet); a new file is indexed by its opening time.
  static void PutFile(redis::Mutation& m, const StoredFile& loaded, const v1::ControlFile& updated);
  // Fail the step as a duplicate when the delivery (hop) was applied, or the
  // overdue transfer (timer) announced, before; mark it otherwise.
  static void MarkApplied(redis::Mutation& m, const std::string& hop_id);
  static void MarkOverdue(redis::Mutation& m, const std::string& timer_id);

  // The delivery marks of hop `hop_id` of report `root`.
  absl::StatusOr<DeliveryMarks> LoadMarks(const std::string& hop_id, const std::string& root);
  // Routing's receipt of hop `hop_id`, kept for `kept` (idempotent).
  absl::Status MarkAcked(const std::string& hop_id, absl::Duration kept);
  // The report's own delivery was applied (whether or not it opened a file).
  static void MarkReportDelivered(redis::Mutation& m, const std::string& root);
  // Fail the step as a conflict (ABORTED: load and decide again) once the
  // hop is acknowledged, or the report delivered: for a step that holds a
  // delivery waiting for it.
  static void RequireNotAcked(redis::Mutation& m, const std::string& hop_id);
  static void RequireReportNotDelivered(redis::Mutation& m, const std::string& root);
  // Fail the step as a duplicate when the hop's delivery was applied.
  static void RequireNotApplied(redis::Mutation& m, const std::string& hop_id);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::control
