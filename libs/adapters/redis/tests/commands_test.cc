// The Redis 7 commands and error texts our code relies on, through the real
// client and a real redis-server (the shared one of this binary).
#include <algorithm>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/redis/client.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::redis {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Reply S(std::string s) { return Reply::MakeString(std::move(s)); }
Reply I(int64_t v) { return Reply::MakeInteger(v); }
Reply A(std::vector<Reply> v) { return Reply::MakeArray(std::move(v)); }
Reply Nil() { return Reply::MakeNil(); }
Reply Ok() { return Reply::MakeStatus("OK"); }

// For replies Redis leaves unordered (SMEMBERS).
Reply Sorted(Reply r) {
  std::sort(r.elements.begin(), r.elements.end(),
            [](const Reply& a, const Reply& b) { return a.str < b.str; });
  return r;
}

class RedisCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(redis_, testing::EmptySharedRedis()); }

  // The reply of a command expected to succeed.
  Reply Run(std::vector<std::string> args) {
    auto r = redis_->Command(args);
    EXPECT_TRUE(r.ok()) << args[0] << ": " << r.status();
    return r.ok() ? *r : Reply::MakeError("failed");
  }
  absl::Status Fail(std::vector<std::string> args) {
    auto r = redis_->Command(args);
    EXPECT_FALSE(r.ok()) << args[0] << " gave " << r->DebugString();
    return r.status();
  }
  // Every key present, sorted.
  std::vector<std::string> Keys() {
    std::vector<std::string> keys;
    for (const Reply& key : Run({"KEYS", "*"}).elements) keys.push_back(key.str);
    std::sort(keys.begin(), keys.end());
    return keys;
  }

  std::unique_ptr<Client> redis_;
};

TEST_F(RedisCommandsTest, Strings) {
  EXPECT_EQ(Run({"GET", "k"}), Nil());
  EXPECT_EQ(Run({"SET", "k", "v"}), Ok());
  EXPECT_EQ(Run({"get", "k"}), S("v"));  // command names are case-insensitive
  EXPECT_EQ(Run({"SET", "k", "w", "NX"}), Nil());
  EXPECT_EQ(Run({"SET", "k2", "w", "XX"}), Nil());
  EXPECT_EQ(Run({"SET", "k", "w", "XX", "EX", "10"}), Ok());
  EXPECT_EQ(Run({"SET", "k", "x", "GET"}), S("w"));
  EXPECT_EQ(Run({"SETNX", "k", "y"}), I(0));
  EXPECT_EQ(Run({"SETNX", "n", "y"}), I(1));
  EXPECT_EQ(Run({"MGET", "k", "missing", "n"}), A({S("x"), Nil(), S("y")}));
  EXPECT_EQ(Run({"EXISTS", "k", "k", "missing"}), I(2));
  EXPECT_EQ(Run({"EXPIRE", "k", "60"}), I(1));
  EXPECT_EQ(Run({"EXPIRE", "missing", "60"}), I(0));
  EXPECT_EQ(Run({"DEL", "k", "n", "missing"}), I(2));
  EXPECT_THAT(Keys(), IsEmpty());
}

TEST_F(RedisCommandsTest, Counters) {
  EXPECT_EQ(Run({"INCR", "c"}), I(1));
  EXPECT_EQ(Run({"INCRBY", "c", "41"}), I(42));
  EXPECT_EQ(Run({"INCRBY", "c", "-50"}), I(-8));
  EXPECT_EQ(Run({"GET", "c"}), S("-8"));
  Run({"SET", "s", "abc"});
  EXPECT_THAT(Fail({"INCR", "s"}).message(), HasSubstr("not an integer"));
  EXPECT_THAT(Fail({"INCRBY", "c", "1.5"}).message(), HasSubstr("not an integer"));
  EXPECT_THAT(Fail({"INCRBY", "c", "+1"}).message(), HasSubstr("not an integer"));
  Run({"SET", "big", "9223372036854775807"});
  EXPECT_THAT(Fail({"INCR", "big"}).message(), HasSubstr("overflow"));
  EXPECT_EQ(Run({"GET", "big"}), S("9223372036854775807"));  // unchanged
}

TEST_F(RedisCommandsTest, Hashes) {
  EXPECT_EQ(Run({"HSET", "h", "a", "1", "b", "2"}), I(2));
  EXPECT_EQ(Run({"HSET", "h", "a", "3"}), I(0));  // update, not new
  EXPECT_EQ(Run({"HGET", "h", "a"}), S("3"));
  EXPECT_EQ(Run({"HGET", "h", "zz"}), Nil());
  EXPECT_EQ(Run({"HGET", "nohash", "a"}), Nil());
  EXPECT_EQ(Run({"HMGET", "h", "a", "zz"}), A({S("3"), Nil()}));
  EXPECT_EQ(Run({"HGETALL", "h"}), A({S("a"), S("3"), S("b"), S("2")}));
  EXPECT_EQ(Run({"HGETALL", "nohash"}), A({}));
  EXPECT_EQ(Run({"HINCRBY", "h", "b", "5"}), I(7));
  EXPECT_EQ(Run({"HINCRBY", "h", "new", "-1"}), I(-1));
  EXPECT_EQ(Run({"HINCRBY", "fresh", "f", "2"}), I(2));
  Run({"HSET", "h", "text", "x"});
  EXPECT_THAT(Fail({"HINCRBY", "h", "text", "1"}).message(), HasSubstr("hash value"));
  EXPECT_EQ(Run({"HLEN", "h"}), I(4));
  EXPECT_EQ(Run({"HDEL", "h", "a", "b", "zz"}), I(2));
  EXPECT_EQ(Run({"HDEL", "h", "new", "text"}), I(2));
  EXPECT_THAT(Keys(), ElementsAre("fresh"));  // emptied hash is gone
  EXPECT_THAT(Fail({"HSET", "h", "a"}).message(), HasSubstr("wrong number of arguments"));
  EXPECT_THAT(Fail({"HSET", "h", "a", "1", "b"}).message(), HasSubstr("'hset'"));
}

TEST_F(RedisCommandsTest, Sets) {
  EXPECT_EQ(Run({"SADD", "s", "b", "a", "b"}), I(2));
  EXPECT_EQ(Sorted(Run({"SMEMBERS", "s"})), A({S("a"), S("b")}));
  EXPECT_EQ(Run({"SISMEMBER", "s", "a"}), I(1));
  EXPECT_EQ(Run({"SISMEMBER", "s", "z"}), I(0));
  EXPECT_EQ(Run({"SCARD", "s"}), I(2));
  EXPECT_EQ(Run({"SREM", "s", "a", "z"}), I(1));
  EXPECT_EQ(Run({"SREM", "s", "b"}), I(1));
  EXPECT_EQ(Run({"SMEMBERS", "s"}), A({}));
  EXPECT_EQ(Run({"TYPE", "s"}), Reply::MakeStatus("none"));
}

TEST_F(RedisCommandsTest, SortedSets) {
  EXPECT_EQ(Run({"ZADD", "z", "30", "c", "10", "a", "20", "b", "20", "bb"}), I(4));
  EXPECT_EQ(Run({"ZADD", "z", "15", "a"}), I(0));
  EXPECT_EQ(Run({"ZADD", "z", "CH", "16", "a"}), I(1));
  EXPECT_EQ(Run({"ZADD", "z", "NX", "1", "a", "5", "e"}), I(1));
  EXPECT_EQ(Run({"ZADD", "z", "XX", "1", "new"}), I(0));
  EXPECT_EQ(Run({"ZADD", "z", "GT", "CH", "2", "e"}), I(0));  // not greater
  EXPECT_EQ(Run({"ZADD", "z", "INCR", "0.5", "e"}), S("5.5"));
  EXPECT_EQ(Run({"ZSCORE", "z", "e"}), S("5.5"));
  EXPECT_EQ(Run({"ZSCORE", "z", "a"}), S("16"));
  EXPECT_EQ(Run({"ZSCORE", "z", "zz"}), Nil());
  EXPECT_EQ(Run({"ZCARD", "z"}), I(5));
  // Order is by score, ties by member.
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "-inf", "+inf"}),
            A({S("e"), S("a"), S("b"), S("bb"), S("c")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "16", "(30", "WITHSCORES"}),
            A({S("a"), S("16"), S("b"), S("20"), S("bb"), S("20")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "(16", "30"}), A({S("b"), S("bb"), S("c")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "1", "2"}), A({S("a"), S("b")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "3", "-1"}), A({S("bb"), S("c")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "-1", "5"}), A({}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "z", "40", "50"}), A({}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "missing", "0", "1"}), A({}));
  EXPECT_THAT(Fail({"ZRANGEBYSCORE", "z", "x", "1"}).message(), HasSubstr("not a float"));
  EXPECT_THAT(Fail({"ZRANGEBYSCORE", "z", "0", "1", "LIMIT", "0"}).message(),
              HasSubstr("syntax error"));
  EXPECT_THAT(Fail({"ZADD", "z", "nan", "a"}).message(), HasSubstr("not a valid float"));
  EXPECT_THAT(Fail({"ZADD", "z", "1", "a", "2"}).message(), HasSubstr("syntax error"));
  EXPECT_THAT(Fail({"ZADD", "z", "NX", "XX", "1", "a"}).message(), HasSubstr("not compatible"));
  EXPECT_EQ(Run({"ZREM", "z", "a", "b", "zz"}), I(2));
  EXPECT_EQ(Run({"ZREM", "z", "bb", "c", "e"}), I(3));
  EXPECT_THAT(Keys(), IsEmpty());
}

TEST_F(RedisCommandsTest, LargeScoresKeepFullPrecision) {
  // Due times in milliseconds must come back exactly.
  Run({"ZADD", "due", "1700000000123", "t"});
  EXPECT_EQ(Run({"ZSCORE", "due", "t"}), S("1700000000123"));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "due", "1700000000123", "1700000000123"}), A({S("t")}));
  EXPECT_EQ(Run({"ZRANGEBYSCORE", "due", "-inf", "(1700000000123"}), A({}));
}

TEST_F(RedisCommandsTest, Lists) {
  EXPECT_EQ(Run({"RPUSH", "l", "a", "b"}), I(2));
  EXPECT_EQ(Run({"RPUSH", "l", "c"}), I(3));
  EXPECT_EQ(Run({"LLEN", "l"}), I(3));
  EXPECT_EQ(Run({"LLEN", "missing"}), I(0));
  EXPECT_EQ(Run({"LRANGE", "l", "0", "-1"}), A({S("a"), S("b"), S("c")}));
  EXPECT_EQ(Run({"LRANGE", "l", "1", "1"}), A({S("b")}));
  EXPECT_EQ(Run({"LRANGE", "l", "-2", "100"}), A({S("b"), S("c")}));
  EXPECT_EQ(Run({"LRANGE", "l", "-100", "0"}), A({S("a")}));
  EXPECT_EQ(Run({"LRANGE", "l", "2", "1"}), A({}));
  EXPECT_EQ(Run({"LRANGE", "l", "5", "10"}), A({}));
  EXPECT_THAT(Fail({"LRANGE", "l", "a", "1"}).message(), HasSubstr("not an integer"));
}

TEST_F(RedisCommandsTest, WrongTypeAndBadCommands) {
  Run({"SET", "str", "v"});
  Run({"HSET", "hash", "f", "v"});
  for (const std::vector<std::string>& cmd :
       std::vector<std::vector<std::string>>{{"HGET", "str", "f"},
                                             {"SADD", "str", "m"},
                                             {"ZADD", "str", "1", "m"},
                                             {"RPUSH", "str", "x"},
                                             {"GET", "hash"},
                                             {"INCR", "hash"},
                                             {"LRANGE", "hash", "0", "1"},
                                             {"ZSCORE", "hash", "m"}}) {
    absl::Status s = Fail(cmd);
    EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition) << cmd[0];
    EXPECT_EQ(RedisErrorCode(s), "WRONGTYPE") << cmd[0];
  }
  EXPECT_EQ(Run({"SET", "hash", "plain"}), Ok());  // SET overwrites any type
  EXPECT_EQ(Run({"TYPE", "hash"}), Reply::MakeStatus("string"));

  absl::Status unknown = Fail({"FROB", "x", "0"});
  EXPECT_EQ(unknown.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(unknown.message(), HasSubstr("unknown command 'FROB'"));
  EXPECT_THAT(Fail({"GET"}).message(), HasSubstr("wrong number of arguments for 'get'"));
  EXPECT_THAT(Fail({"GET", "a", "b"}).message(), HasSubstr("wrong number of arguments"));
  EXPECT_EQ(Fail({}).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fail({"SET", "k", "v", "EX", "0"}).message(), HasSubstr("invalid expire"));
  EXPECT_THAT(Fail({"SET", "k", "v", "NX", "XX"}).message(), HasSubstr("syntax error"));
  EXPECT_THAT(Fail({"SET", "k", "v", "EX"}).message(), HasSubstr("syntax error"));
}

TEST_F(RedisCommandsTest, PipelineKeepsPerCommandErrors) {
  auto replies = redis_->Pipeline({{"SET", "a", "1"}, {"HGET", "a", "f"}, {"INCR", "a"}, {"NOPE"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  ASSERT_EQ(replies->size(), 4u);
  EXPECT_EQ((*replies)[0], Ok());
  EXPECT_TRUE((*replies)[1].is_error());
  EXPECT_THAT((*replies)[1].str, HasSubstr("WRONGTYPE"));
  EXPECT_EQ((*replies)[2], I(2));
  EXPECT_TRUE((*replies)[3].is_error());
  EXPECT_EQ(redis_->Pipeline({{"GET", "a"}, {}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(redis_->Pipeline({})->empty());
}

TEST_F(RedisCommandsTest, TransactionAppliesAllAndReturnsExecReplies) {
  auto replies = redis_->Transaction(
      {{"HSET", "report:1", "state", "SENT"}, {"SADD", "outbox", "hop:1"}, {"INCR", "seq"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  EXPECT_THAT(*replies, ElementsAre(I(1), I(1), I(1)));
  EXPECT_THAT(Keys(), ElementsAre("outbox", "report:1", "seq"));
}

TEST_F(RedisCommandsTest, TransactionWithQueueingErrorAppliesNothing) {
  auto replies = redis_->Transaction({{"SET", "a", "1"}, {"GET"}, {"SET", "b", "2"}});
  ASSERT_FALSE(replies.ok());
  EXPECT_EQ(replies.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(replies.status().message(), HasSubstr("commands[1] (GET)"));
  EXPECT_THAT(Keys(), IsEmpty());

  auto unknown = redis_->Transaction({{"SET", "a", "1"}, {"FROB", "x"}});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(Keys(), IsEmpty());
}

TEST_F(RedisCommandsTest, TransactionRuntimeErrorsDoNotRollBack) {
  Run({"SET", "s", "x"});
  auto replies = redis_->Transaction({{"INCR", "s"}, {"SET", "t", "1"}});
  ASSERT_TRUE(replies.ok()) << replies.status();
  EXPECT_TRUE((*replies)[0].is_error());
  EXPECT_EQ((*replies)[1], Ok());
  EXPECT_EQ(Run({"GET", "t"}), S("1"));
}

TEST_F(RedisCommandsTest, ScriptRunsWithKeysAndArgs) {
  // Moves everything due by ARGV[1] from KEYS[1] to KEYS[2].
  Script claim(R"lua(
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  redis.call('RPUSH', KEYS[2], member)
end
return #due
)lua");
  Run({"ZADD", "timers", "100", "t1", "200", "t2", "300", "t3"});
  auto claimed = redis_->Eval(claim, {"timers", "fired"}, {"250"});
  ASSERT_TRUE(claimed.ok()) << claimed.status();
  EXPECT_EQ(*claimed, I(2));
  EXPECT_EQ(Run({"LRANGE", "fired", "0", "-1"}), A({S("t1"), S("t2")}));
  EXPECT_EQ(Run({"ZCARD", "timers"}), I(1));
}

TEST_F(RedisCommandsTest, ScriptErrorsAndUnknownScripts) {
  Script guard("return redis.error_reply('CONFLICT hop already applied')");
  auto r = redis_->Eval(guard, {"k"}, {});
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RedisErrorCode(r.status()), "CONFLICT");

  // Eval falls back to EVAL; a bare EVALSHA shows how Redis answers.
  auto unknown = redis_->Command({"EVALSHA", Script("return 2").sha1(), "0"});
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(RedisErrorCode(unknown.status()), "NOSCRIPT");
}

TEST_F(RedisCommandsTest, ConcurrentIncrementsAreAtomic) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this] {
      for (int i = 0; i < 500; ++i) {
        ASSERT_TRUE(redis_->Command({"INCR", "n"}).ok());
        ASSERT_TRUE(redis_->Transaction({{"INCR", "m"}, {"INCR", "m"}}).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Run({"GET", "n"}), S("4000"));
  EXPECT_EQ(Run({"GET", "m"}), S("8000"));
}

TEST_F(RedisCommandsTest, PingAndFlush) {
  EXPECT_EQ(Run({"PING"}), Reply::MakeStatus("PONG"));
  EXPECT_EQ(Run({"PING", "hi"}), S("hi"));
  Run({"SET", "a", "1"});
  EXPECT_EQ(Run({"FLUSHALL"}), Ok());
  EXPECT_THAT(Keys(), IsEmpty());
}

}  // namespace
}  // namespace opsreport::redis
