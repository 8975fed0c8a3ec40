#include "opsreport/testing/redis_server.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/process/net.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

absl::StatusOr<std::unique_ptr<redis::Client>> Connect(const RedisServer& server) {
  auto config = redis::ParseRedisAddress(server.address());
  if (!config.ok()) return config.status();
  return redis::NewRedisClient(*config);
}

TEST(RedisServerTest, StartsOnAFreePortInAFreshDirRemovedAfterwards) {
  std::string dir;
  {
    ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
    dir = server->dir();
    EXPECT_GT(server->port(), 0);
    EXPECT_EQ(server->address(), "127.0.0.1:" + std::to_string(server->port()));
    EXPECT_TRUE(server->running());
    EXPECT_TRUE(fs::exists(dir + "/redis.log"));
    ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
    ASSERT_OK(client->Command({"SET", "k", "v"}));
    EXPECT_TRUE(fs::exists(dir + "/appendonlydir"));  // AOF is on
  }
  EXPECT_FALSE(fs::exists(dir));
}

TEST(RedisServerTest, CleanRestartKeepsDataAndPort) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
  int port = server->port();
  {
    ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
    ASSERT_OK(client->Command({"SET", "k", "v"}));
  }
  ASSERT_OK(server->Restart());
  EXPECT_EQ(server->port(), port);
  ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
  EXPECT_EQ(*client->Command({"GET", "k"}), redis::Reply::MakeString("v"));
}

TEST(RedisServerTest, KillAndRestartReplaysTheAof) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
  {
    ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
    for (int i = 0; i < 50; ++i) ASSERT_OK(client->Command({"INCR", "n"}));
  }
  ASSERT_OK(server->KillAndRestart());
  ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
  EXPECT_EQ(*client->Command({"GET", "n"}), redis::Reply::MakeString("50"));
}

TEST(RedisServerTest, WithoutAofACrashLosesEverything) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start({.aof = false}));
  {
    ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
    ASSERT_OK(client->Command({"SET", "k", "v"}));
  }
  ASSERT_OK(server->KillAndRestart());
  ASSERT_OK_AND_ASSIGN(auto client, Connect(*server));
  EXPECT_TRUE(client->Command({"GET", "k"})->is_nil());
}

TEST(RedisServerTest, CrashAndRelaunch) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
  EXPECT_THAT(server->Relaunch(), StatusIs(absl::StatusCode::kFailedPrecondition));
  server->Crash();
  EXPECT_FALSE(server->running());
  EXPECT_THAT(process::WaitForTcp("127.0.0.1", server->port(), absl::Milliseconds(50)),
              StatusIs(absl::StatusCode::kDeadlineExceeded));
  ASSERT_OK(server->Relaunch());
  EXPECT_TRUE(server->running());
  EXPECT_OK(process::WaitForTcp("127.0.0.1", server->port(), absl::Seconds(1)));
}

TEST(RedisServerTest, CallerOwnedDirIsKept) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start({.dir = dir.path()}));
    EXPECT_EQ(server->dir(), dir.path());
  }
  EXPECT_TRUE(fs::exists(dir.File("redis.log")));
}

TEST(RedisServerTest, StartFailuresAreExplained) {
  auto missing = RedisServer::Start({.binary = "/nonexistent/redis-server"});
  EXPECT_THAT(missing, StatusIs(absl::StatusCode::kNotFound, HasSubstr("/nonexistent")));

  auto bad_config = RedisServer::Start({.appendfsync = "sometimes"});
  EXPECT_THAT(bad_config, StatusIs(absl::StatusCode::kInternal, HasSubstr("during start-up")));
  EXPECT_THAT(bad_config.status().message(), HasSubstr("appendfsync"));  // from the log
}

}  // namespace
}  // namespace opsreport::testing
