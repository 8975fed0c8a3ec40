// RedisStore against a real redis-server: written in a mutation, leased,
// claimed when the lease ends, cleared, and kept across a crash.
#include "gtest/gtest.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::outbox {
namespace {

using ::opsreport::testing::RedisServer;

TEST(RedisStoreTest, PutClaimLoadClearAndSurviveACrash) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<RedisServer> server, RedisServer::Start());
  ASSERT_OK_AND_ASSIGN(redis::RedisConfig config, redis::ParseRedisAddress(server->address()));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<redis::Client> client, redis::NewRedisClient(config));
  RedisStore store(client.get(), "svc");
  const absl::Time t0 = absl::FromUnixSeconds(1'800'000'000);

  redis::Mutation m;
  store.AddPut(m, {"m1", "topic.a", "k1", std::string("p\0q", 3)}, t0 + absl::Seconds(30));
  store.AddPut(m, {"m2", "", "k2", "p2"}, t0 + absl::Seconds(60));
  ASSERT_OK_AND_ASSIGN(redis::MutationResult r, redis::Apply(*client, m));
  ASSERT_TRUE(r.applied);

  // Leased: nothing is due before its lease ends.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> due, store.ClaimDue(t0, absl::Seconds(30), 10));
  EXPECT_TRUE(due.empty());
  ASSERT_OK_AND_ASSIGN(due, store.ClaimDue(t0 + absl::Seconds(30), absl::Seconds(30), 10));
  EXPECT_EQ(due, std::vector<std::string>{"m1"});
  // Claimed again with a new lease: not due twice.
  ASSERT_OK_AND_ASSIGN(due, store.ClaimDue(t0 + absl::Seconds(31), absl::Seconds(30), 10));
  EXPECT_TRUE(due.empty());

  ASSERT_OK_AND_ASSIGN(std::optional<Message> loaded, store.Load("m1"));
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->topic, "topic.a");
  EXPECT_EQ(loaded->key, "k1");
  EXPECT_EQ(loaded->payload, std::string("p\0q", 3));

  ASSERT_OK(server->KillAndRestart());
  ASSERT_OK_AND_ASSIGN(client, redis::NewRedisClient(config));
  RedisStore after(client.get(), "svc");
  EXPECT_EQ(*after.Size(), 2);
  ASSERT_OK(after.Clear({"m1"}));
  EXPECT_EQ(*after.Size(), 1);
  ASSERT_OK_AND_ASSIGN(loaded, after.Load("m1"));
  EXPECT_FALSE(loaded.has_value());
  ASSERT_OK_AND_ASSIGN(due, after.ClaimDue(t0 + absl::Hours(1), absl::Seconds(30), 10));
  EXPECT_EQ(due, std::vector<std::string>{"m2"});
}

}  // namespace
}  // namespace opsreport::outbox
