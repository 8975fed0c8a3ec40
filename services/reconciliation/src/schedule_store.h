#pragma once
// Which timer of each scheduled kind ("daily", "monthly", "ministry") is
// the next one: recon:sched:<kind> holds its id (keys.h). The marker is
// written in the step that arms the timer, so a restart finds it armed and
// arms no second one.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::reconciliation_service {

class ScheduleStore {
 public:
  // Not owned; must outlive the store.
  explicit ScheduleStore(redis::Client* client) : client_(client) {}

  // The id of the kind's next timer, if one was ever armed.
  absl::StatusOr<std::optional<std::string>> Next(const std::string& kind);
  static void PutNext(redis::Mutation& m, const std::string& kind, const std::string& timer_id);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::reconciliation_service
