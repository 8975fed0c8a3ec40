#pragma once
// The one redis-server a test binary's Redis-backed tests share: started on
// first use, stopped when the binary exits, with the AOF on and
// `appendfsync everysec` (a test that crashes Redis to check what survived
// starts its own RedisServer with fsync per write). Each test takes a client
// over an empty database in its SetUp:
//
//   void SetUp() override {
//     ASSERT_OK_AND_ASSIGN(client_, opsreport::testing::EmptySharedRedis());
//   }
//
// Call these from the test's main thread: the server dies with the thread
// that started it (RedisServer uses PR_SET_PDEATHSIG).

#include <memory>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"
#include "opsreport/testing/redis_server.h"

namespace opsreport::testing {

// The shared server. If it could not start, every call returns that error.
absl::StatusOr<RedisServer*> SharedRedisServer();

// A new client, with its own connection pool, to the shared server; nothing
// is flushed (the view of a second process).
absl::StatusOr<std::unique_ptr<redis::Client>> ConnectToSharedRedis();

// A new client to the shared server after FLUSHALL: a test's clean start.
absl::StatusOr<std::unique_ptr<redis::Client>> EmptySharedRedis();

}  // namespace opsreport::testing
