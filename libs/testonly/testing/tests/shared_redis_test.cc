// The shared redis-server fixture and the fault-injecting client over it.
#include "opsreport/testing/shared_redis.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/testing/fault_injecting_client.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::testing {
namespace {

using ::testing::IsEmpty;

redis::Reply S(std::string s) { return redis::Reply::MakeString(std::move(s)); }
redis::Reply I(int64_t v) { return redis::Reply::MakeInteger(v); }

TEST(SharedRedisTest, OneServerPerBinaryAndEachTestStartsEmpty) {
  ASSERT_OK_AND_ASSIGN(RedisServer * server, SharedRedisServer());
  ASSERT_OK_AND_ASSIGN(RedisServer * again, SharedRedisServer());
  EXPECT_EQ(server, again);
  EXPECT_TRUE(server->running());

  ASSERT_OK_AND_ASSIGN(auto first, EmptySharedRedis());
  ASSERT_OK(first->Command({"SET", "left", "over"}));
  ASSERT_OK_AND_ASSIGN(auto second_process, ConnectToSharedRedis());
  EXPECT_EQ(*second_process->Command({"GET", "left"}), S("over")) << "nothing flushed";
  ASSERT_OK_AND_ASSIGN(auto next_test, EmptySharedRedis());
  EXPECT_TRUE(next_test->Command({"GET", "left"})->is_nil());
}

TEST(FaultInjectingClientTest, FailNextFailsTheNextCallsWithoutReachingRedis) {
  ASSERT_OK_AND_ASSIGN(auto empty, EmptySharedRedis());
  FaultInjectingClient redis(std::move(empty));
  // The script's own redis.call runs inside Redis: one call here.
  redis::Script inner("return redis.call('INCR', 'n')");
  redis.FailNext(2, absl::UnavailableError("redis down"));
  redis.FailNext(1, absl::DeadlineExceededError("slow"));
  EXPECT_EQ(redis.Command({"SET", "a", "1"}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(redis.Transaction({{"SET", "a", "1"}}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(redis.Pipeline({{"SET", "a", "1"}}).status().code(),
            absl::StatusCode::kDeadlineExceeded);
  ASSERT_OK_AND_ASSIGN(redis::Reply keys, redis.inner().Command({"KEYS", "*"}));
  EXPECT_THAT(keys.elements, IsEmpty()) << "failed calls changed nothing";
  EXPECT_EQ(*redis.Eval(inner, {}, {}), I(1));
  redis.FailNext(1, absl::UnavailableError("again"));
  EXPECT_EQ(redis.Eval(inner, {}, {}).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(*redis.Command({"GET", "n"}), S("1"));
  EXPECT_EQ(redis.call_count(), 6);
}

}  // namespace
}  // namespace opsreport::testing
