#pragma once
// The real Client: thread-safe, over a pool of blocking hiredis connections.

#include <memory>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/config.h"

namespace opsreport::redis {

// Validates the config and dials one connection up front so a wrong address
// fails at start-up (UNAVAILABLE naming host:port). Up to pool_size
// connections are then dialled on demand; a caller finding all of them busy
// waits (at most connect_timeout + command_timeout, then DEADLINE_EXCEEDED).
//
// A connection that hits an I/O error or timeout is dropped together with
// the idle ones (after a server restart they are all stale) and the call
// returns UNAVAILABLE; nothing is retried automatically because only the
// caller knows whether its step is idempotent. The next call re-dials.
//
// Side effect: SIGPIPE is set to SIG_IGN if it was at its default, since
// hiredis writes with write(2) and a server that went away would otherwise
// kill the process.
absl::StatusOr<std::unique_ptr<Client>> NewRedisClient(const RedisConfig& config);

}  // namespace opsreport::redis
