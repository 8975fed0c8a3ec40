#pragma once
// The only Redis surface services see. Implementation: the pooled hiredis
// client (redis_client.h); tests run it against a real redis-server
// (libs/testonly/testing: shared_redis.h, fault_injecting_client.h).

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/redis/reply.h"
#include "opsreport/redis/script.h"

namespace opsreport::redis {

// Errors common to every method: UNAVAILABLE when the server cannot be
// reached or the connection broke (the command may or may not have run, so
// retry only idempotent steps - ours are by design); INVALID_ARGUMENT for an
// empty command.
class Client {
 public:
  virtual ~Client() = default;

  // One command. A Redis error reply becomes a Status (StatusFromRedisError),
  // so a returned Reply is never kError.
  virtual absl::StatusOr<Reply> Command(const std::vector<std::string>& args) = 0;

  // Every command in one round trip, one reply each in order. Not atomic.
  // Per-command errors stay in place as kError replies.
  virtual absl::StatusOr<std::vector<Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) = 0;

  // The atomic multi-key step: EVALSHA, falling back to EVAL when the server
  // does not know the script (NOSCRIPT: first use, restart, SCRIPT FLUSH).
  // An error raised by the script becomes a Status.
  virtual absl::StatusOr<Reply> Eval(const Script& script, const std::vector<std::string>& keys,
                                     const std::vector<std::string>& args) = 0;

  // MULTI, the commands, EXEC in one round trip; returns EXEC's replies.
  // A command rejected while queueing (unknown, wrong arity) discards the
  // whole transaction: FAILED_PRECONDITION naming it. Errors raised while
  // executing (e.g. WRONGTYPE) do not roll back the others and stay in place
  // as kError replies, as in Redis.
  virtual absl::StatusOr<std::vector<Reply>> Transaction(
      const std::vector<std::vector<std::string>>& commands) = 0;
};

}  // namespace opsreport::redis
