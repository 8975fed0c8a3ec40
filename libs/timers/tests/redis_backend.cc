#include "backend.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"

namespace opsreport::timers::testing {

namespace {

// One server for the whole binary, started on first use and stopped at
// exit; fsync per write is only needed by the crash tests, which start
// their own.
absl::StatusOr<opsreport::testing::RedisServer*> SharedServer() {
  static absl::StatusOr<std::unique_ptr<opsreport::testing::RedisServer>> server =
      opsreport::testing::RedisServer::Start({.appendfsync = "everysec"});
  if (!server.ok()) return server.status();
  return server->get();
}

}  // namespace

absl::StatusOr<std::unique_ptr<redis::Client>> ConnectAgain() {
  ASSIGN_OR_RETURN(opsreport::testing::RedisServer * server, SharedServer());
  ASSIGN_OR_RETURN(redis::RedisConfig config, redis::ParseRedisAddress(server->address()));
  return redis::NewRedisClient(config);
}

absl::StatusOr<std::unique_ptr<redis::Client>> NewEmptyBackend() {
  ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> client, ConnectAgain());
  RETURN_IF_ERROR(client->Command({"FLUSHALL"}).status());
  return client;
}

}  // namespace opsreport::timers::testing
