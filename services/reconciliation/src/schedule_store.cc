#include "schedule_store.h"

#include "keys.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::reconciliation_service {

absl::StatusOr<std::optional<std::string>> ScheduleStore::Next(const std::string& kind) {
  ASSIGN_OR_RETURN(redis::Reply marker, client_->Command({"GET", keys::Schedule(kind)}));
  if (marker.is_nil()) return std::nullopt;
  return marker.str;
}

void ScheduleStore::PutNext(redis::Mutation& m, const std::string& kind,
                            const std::string& timer_id) {
  m.Do({"SET", keys::Schedule(kind), timer_id});
}

}  // namespace opsreport::reconciliation_service
