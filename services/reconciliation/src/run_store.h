#pragma once
// Job runs and what they write, in Redis (keys.h). Loads read directly;
// writes a run step makes are added to the caller's redis::Mutation (or
// outbox::Step), so a stretch of a run, its requests and its progress land
// together or not at all.
//
//   recon:run:<id>          STRING Run
//   recon:runq              ZSET   run id -> queued at (ms): the oldest runs first
//   recon:run:<id>:stats    STRING MonthlyReport rows counted at the last checkpoint
//   recon:disc:<run>        HASH   DiscrepancyKey -> Discrepancy (the join's order)
//   recon:req:<id>          STRING ReconciliationRequest: written once, ever
//   recon:rejected:<run>    HASH   request id -> routing's reason

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/reconciliation.pb.h"

namespace opsreport::reconciliation_service {

struct DiscrepancyPage {
  int64_t total = 0;                           // all the run found
  std::vector<v1::Discrepancy> discrepancies;  // the first `limit`, in key order
};

class RunStore {
 public:
  // Not owned; must outlive the store.
  explicit RunStore(redis::Client* client) : client_(client) {}

  absl::StatusOr<std::optional<v1::Run>> Load(const std::string& id);
  // A lone state change of a run (it starts): nothing else rides with it.
  absl::Status Save(const v1::Run& run);

  // The id of the run queued first, if any.
  absl::StatusOr<std::optional<std::string>> NextQueued();
  // Drops a queued id whose run is gone or finished.
  absl::Status Dequeue(const std::string& id);

  // The counts a monthly run saved at its last checkpoint (empty: none).
  absl::StatusOr<v1::MonthlyReport> LoadStats(const std::string& run_id);
  absl::StatusOr<DiscrepancyPage> Discrepancies(const std::string& run_id, int limit);
  // Routing's refusals of the run's requests: request id -> reason.
  absl::StatusOr<std::map<std::string, std::string>> Rejections(const std::string& run_id);
  absl::Status AddRejection(const std::string& run_id, const std::string& request_id,
                            const std::string& reason);

  // nullopt when absent or not a request: then it is not one of ours.
  absl::StatusOr<std::optional<v1::ReconciliationRequest>> LoadRequest(const std::string& id);
  // How many of the requests `ids` were ever written, one round trip.
  absl::StatusOr<int64_t> CountRequests(const std::vector<std::string>& ids);

  static void PutRun(redis::Mutation& m, const v1::Run& run);
  // A fresh run queued at `at`: what an earlier run of the same id counted
  // and found is dropped, so it recounts from nothing.
  static void Queue(redis::Mutation& m, const v1::Run& run, absl::Time at);
  // The finished run, out of the queue.
  static void Finish(redis::Mutation& m, const v1::Run& run);
  static void PutStats(redis::Mutation& m, const std::string& run_id,
                       const v1::MonthlyReport& rows);
  static void AddDiscrepancy(redis::Mutation& m, const std::string& run_id,
                             const v1::Discrepancy& d);
  // The request, unless it was ever written (then the step is a duplicate):
  // requests are keyed by discrepancy, so none is sent twice.
  static void AddRequest(outbox::Step& step, const std::string& id, const std::string& payload);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::reconciliation_service
