#pragma once
// One atomic step of a use case, the same for every service: its guards,
// its state writes and the outbox messages it announces go into one
// redis::Mutation; Commit stores it, maps a failed guard to a typed outcome
// and, only once the step is stored, hands each message to its relay so it
// is published at once (the relay sends it again from Redis if that
// publication is never confirmed).

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "opsreport/outbox/outbox.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::outbox {

// Where a step's messages go: the Redis outbox they are written to within
// the step, and the hand-off to the relay draining it (Relay::Enqueue), or a
// test's capture.
struct Sink {
  RedisStore* store = nullptr;
  std::function<void(const Message&)> handoff;
};

// Why a guard fails the step.
enum class Guard {
  kDuplicate,  // the step was applied before (its dedup key exists): ALREADY_EXISTS
  kConflict,   // what the step read changed meanwhile: ABORTED, rebuild and retry
};

class Step {
 public:
  // The guards and writes of the step, in the order added (see mutation.h).
  Step& RequireAbsent(const std::string& key, Guard guard);
  Step& RequireField(const std::string& key, const std::string& field, const std::string& expected,
                     Guard guard);
  redis::Mutation& mutation() { return mutation_; }

  // Writes `message` to the sink's outbox, leased until `due`, in this step.
  void Put(const Sink& sink, Message message, absl::Time due);

  // OK when stored (messages handed off); ALREADY_EXISTS when a kDuplicate
  // guard failed; ABORTED when a kConflict guard failed; another error when
  // Redis could not be reached (nothing was written).
  absl::Status Commit(redis::Client& client);

 private:
  redis::Mutation mutation_;
  std::vector<std::pair<const Sink*, Message>> puts_;
};

// Stores `mutation` and maps a failed guard as Step::Commit does; for steps
// whose writes are built by a store as a bare redis::Mutation, with guards
// labelled by GuardLabel. The caller hands off its messages after OK.
absl::Status CommitMutation(redis::Client& client, const redis::Mutation& mutation);

// The label a guard of `guard`'s kind carries in a redis::Mutation, for
// stores that add their guarded writes to a step's mutation.
const char* GuardLabel(Guard guard);

// A versioned record: a hash with the serialized record in `body` and its
// version in `v`. The write is guarded by the version read (0 = the record
// must not exist yet), so a concurrent writer makes the step ABORTED.
void PutVersioned(redis::Mutation& mutation, const std::string& key, int64_t read_version,
                  const std::string& body);

// What a versioned record's hash holds; version 0 = absent.
struct VersionedBody {
  int64_t version = 0;
  std::string body;
};

// The records at `keys`, in order, in one pipelined read: the versions to
// guard their next PutVersioned with. DATA_LOSS names a key whose version
// is not a number.
absl::StatusOr<std::vector<VersionedBody>> LoadVersioned(redis::Client& client,
                                                         const std::vector<std::string>& keys);

}  // namespace opsreport::outbox
