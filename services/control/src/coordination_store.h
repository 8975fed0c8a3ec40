#pragma once
// Coordination's state in Redis (prefix "coord:"), read here and written
// through redis::Mutation steps the Coordinator builds, so a resolution's
// change, its dedup key, its outbox messages, its reminder timers and its
// live-view events (control_store.h) land together or not at all.
//
//   coord:res:<id>                  HASH body (Resolution), v (version)
//   coord:fired:<timer id>@<due s>  dedup of announced signing deadlines and reminders
//   coord:meeting:<id>              STRING CouncilMeeting, recorded once
//   coord:meetings:<jurisdiction>   ZSET meeting id -> held_at s
//   coord:plan:<jurisdiction>:<period>  STRING WorkPlan, the last one recorded
//   coord:pub:outbox*               outbox::RedisStore
//   timers                          timers::TimerStore namespace "coord"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/control.pb.h"

namespace opsreport::control {

struct StoredResolution {
  v1::Resolution resolution;  // its version() is `version`
  int64_t version = 0;
};

class CoordinationStore {
 public:
  explicit CoordinationStore(redis::Client* client) : client_(client) {}

  static std::string ResolutionKey(const std::string& id);

  absl::StatusOr<std::optional<StoredResolution>> LoadResolution(const std::string& id);
  // A new resolution at version 1; a duplicate when its id is taken (not a
  // conflict: the caller reports it as ALREADY_EXISTS, never retries).
  static void CreateResolution(redis::Mutation& m, const v1::Resolution& r);
  // `r` guarded by the version it was loaded at.
  static void PutResolution(redis::Mutation& m, int64_t loaded_version, const v1::Resolution& r);
  // Fails the step as a duplicate when the event was announced before.
  static void MarkFired(redis::Mutation& m, const std::string& event_id);

  // A meeting recorded once (a duplicate otherwise), indexed by when it was held.
  static void PutMeeting(redis::Mutation& m, const v1::CouncilMeeting& meeting);
  // The jurisdiction's meetings in the order held; unreadable ones are skipped.
  absl::StatusOr<std::vector<v1::CouncilMeeting>> Meetings(const std::string& jurisdiction);

  // A work plan replaces the one of its period: on its own, not in a step.
  absl::Status PutWorkPlan(const v1::WorkPlan& plan);
  absl::StatusOr<bool> HasWorkPlan(const std::string& jurisdiction, const std::string& period);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::control
