#include "opsreport/testing/shared_redis.h"

#include "opsreport/base/status_macros.h"
#include "opsreport/redis/redis_client.h"

namespace opsreport::testing {

absl::StatusOr<RedisServer*> SharedRedisServer() {
  // Destroyed at exit, which stops the server and removes its directory.
  static const absl::StatusOr<std::unique_ptr<RedisServer>> server =
      RedisServer::Start({.appendfsync = "everysec"});
  if (!server.ok()) return server.status();
  return server->get();
}

absl::StatusOr<std::unique_ptr<redis::Client>> ConnectToSharedRedis() {
  ASSIGN_OR_RETURN(RedisServer * server, SharedRedisServer());
  ASSIGN_OR_RETURN(redis::RedisConfig config, redis::ParseRedisAddress(server->address()));
  return redis::NewRedisClient(config);
}

absl::StatusOr<std::unique_ptr<redis::Client>> EmptySharedRedis() {
  ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> client, ConnectToSharedRedis());
  RETURN_IF_ERROR(client->Command({"FLUSHALL"}).status());
  return client;
}

}  // namespace opsreport::testing
