#pragma once
// "Waiting is a state, not a loop": a record whose prerequisite has not
// arrived yet (a delivery or a supplement before its report's acceptance, a
// delivery before routing's receipt of its hop) is stored as held, in the
// same atomic step as the handler's own guards and dedup marks, and the
// consumer's offset moves on. The step that brings the prerequisite loads
// what waits for it and applies it (and releases it) in that step, guarded
// by the version it loaded, so a record held meanwhile is never missed.
// A hold that outlives the service's hold limit is parked by the HoldSweeper;
// one its prerequisite brought but that can never apply, by Park.
//
// Redis, under `prefix` (e.g. "hold:opsreport-control"):
//   <prefix>:w:<awaits>  hash: "v" (a counter every hold and release bumps,
//                        never reset) and
//                        "r:<id>" -> opsreport.v1.HeldRecord
//   <prefix>:index       zset "<awaits>\x1f<id>" scored by held_at (ms)

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/consumer/parking_lot.h"
#include "opsreport/kafka/message.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/consumer.pb.h"

namespace opsreport::consumer {

// The held record for `message`, waiting for `awaits` (e.g. "report 42"),
// named `id` by its holder: holding the same id again replaces it, so a
// re-sent record is held once.
v1::HeldRecord HeldOf(const kafka::Message& message, std::string id, std::string awaits,
                      absl::Time now);
// The record as it was read, to apply it again through the handler.
kafka::Message MessageOf(const v1::HeldRecord& held);

class HoldStore {
 public:
  // `parking` (may be null) is where Park sets a held record aside.
  HoldStore(redis::Client* client, std::string prefix, ParkingLot* parking = nullptr);

  // What waits for `awaits`, and the version to guard its release with.
  struct Waiting {
    std::string awaits;
    std::string version;                  // "" = nothing was ever held for it
    std::vector<v1::HeldRecord> records;  // oldest first
  };
  absl::StatusOr<Waiting> Load(const std::string& awaits) const;

  // Adds to `m`: `record` held under record.awaits().
  void Hold(redis::Mutation& m, const v1::HeldRecord& record) const;
  // Adds to `m`: a guard that nothing was held for `waiting.awaits` since it
  // was loaded (the step then fails ABORTED: load and build it again), and
  // the removal of every record loaded.
  void Release(redis::Mutation& m, const Waiting& waiting) const;
  // Adds to `m`: the removal of one held record, guarded as Release.
  void ReleaseOne(redis::Mutation& m, const Waiting& waiting, const std::string& id) const;

  // A held record its prerequisite brought but that can never be applied
  // (e.g. the rule data changed while it waited): released and parked in one
  // step with `reason` (cause INVALID), instead of waiting out the hold
  // limit. ABORTED as Release; FAILED_PRECONDITION without a parking lot.
  absl::Status Park(const Waiting& waiting, const v1::HeldRecord& record,
                    const std::string& reason) const;

  // Applies what waits for `awaits`, oldest first, one record at a time
  // through `apply`, which releases it in its own step guarded by the
  // `waiting` it is given and says whether it is done (false: it still
  // waits, e.g. for a further prerequisite). ABORTED from `apply` loads
  // again (up to `max_conflicts` in a row); INVALID_ARGUMENT parks the
  // record with the reason (Park; left held when that fails, for the
  // sweeper); another error is returned. `label` prefixes log lines.
  using ApplyHeld =
      std::function<absl::StatusOr<bool>(const Waiting& waiting, const v1::HeldRecord& held)>;
  absl::Status Drain(const std::string& awaits, const std::string& label, const ApplyHeld& apply,
                     int max_conflicts = 8) const;

  // For operators and the sweeper.
  absl::StatusOr<int64_t> Count() const;
  absl::StatusOr<std::optional<absl::Time>> OldestHeldAt() const;
  // Oldest first, at most `limit`.
  absl::StatusOr<std::vector<v1::HeldRecord>> List(int limit) const;
  // Held at or before `cutoff`, oldest first, at most `limit`.
  absl::StatusOr<std::vector<v1::HeldRecord>> HeldBefore(absl::Time cutoff, int limit) const;

 private:
  std::string WaitKey(const std::string& awaits) const;
  void ReleaseFields(redis::Mutation& m, const std::string& awaits,
                     const std::vector<std::string>& ids) const;
  absl::StatusOr<std::vector<v1::HeldRecord>> Range(const std::vector<std::string>& zrange) const;

  redis::Client* client_;
  std::string prefix_;
  ParkingLot* parking_;
};

}  // namespace opsreport::consumer
