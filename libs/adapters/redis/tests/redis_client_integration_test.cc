// Against a real redis-server (libs/testonly/testing), the binary's shared one
// unless a test needs to crash or reconfigure its own.

#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/process/net.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::redis {
namespace {

using ::opsreport::testing::RedisServer;
using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

Reply S(std::string s) { return Reply::MakeString(std::move(s)); }
Reply I(int64_t v) { return Reply::MakeInteger(v); }

RedisConfig ConfigFor(const RedisServer& server) {
  RedisConfig config = *ParseRedisAddress(server.address());
  config.connect_timeout = absl::Seconds(1);
  config.command_timeout = absl::Seconds(2);
  return config;
}

// Over the binary's shared server (fsync per write is only needed by the
// crash tests, which start their own).
class RedisClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(server_, testing::SharedRedisServer());
    ASSERT_OK_AND_ASSIGN(client_, NewRedisClient(ConfigFor(*server_)));
    ASSERT_OK(client_->Command({"FLUSHALL"}));
  }

  RedisServer* server_ = nullptr;
  std::unique_ptr<Client> client_;
};

TEST_F(RedisClientTest, MutationRunsCommandsOnlyWhenEveryGuardHolds) {
  Mutation first;
  first.RequireAbsent("applied:1", "duplicate")
      .RequireField("item", "v", "", "conflict")
      .Do({"HSET", "item", "v", "1", "body", std::string("a\0b", 3)})
      .Do({"SET", "applied:1", "x"});
  ASSERT_OK_AND_ASSIGN(MutationResult r, Apply(*client_, first));
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(*client_->Command({"HGET", "item", "body"}), S(std::string("a\0b", 3)));

  // The same step again: the dedup guard fails and nothing is written.
  ASSERT_OK_AND_ASSIGN(r, Apply(*client_, first));
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.failed_guard, "duplicate");

  Mutation stale;
  stale.RequireField("item", "v", "0", "conflict").Do({"SET", "other", "1"});
  ASSERT_OK_AND_ASSIGN(r, Apply(*client_, stale));
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.failed_guard, "conflict");
  EXPECT_TRUE(client_->Command({"GET", "other"})->is_nil());

  Mutation next;
  next.RequireField("item", "v", "1", "conflict").Do({"HSET", "item", "v", "2"});
  ASSERT_OK_AND_ASSIGN(r, Apply(*client_, next));
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(*client_->Command({"HGET", "item", "v"}), S("2"));
}

TEST_F(RedisClientTest, Commands) {
  EXPECT_EQ(*client_->Command({"PING"}), Reply::MakeStatus("PONG"));
  EXPECT_TRUE(client_->Command({"GET", "missing"})->is_nil());
  std::string binary("a\0b\r\nc", 6);
  EXPECT_EQ(*client_->Command({"SET", "k", binary}), Reply::MakeStatus("OK"));
  EXPECT_EQ(*client_->Command({"GET", "k"}), S(binary));
  EXPECT_EQ(*client_->Command({"HSET", "h", "f1", "v1", "f2", "v2"}), I(2));
  auto all = client_->Command({"HGETALL", "h"});
  ASSERT_OK(all);
  EXPECT_EQ(all->AsStringMap()->at("f2"), "v2");
  EXPECT_EQ(*client_->Command({"ZADD", "z", "1700000000123", "t1", "5", "t0"}), I(2));
  EXPECT_EQ(*client_->Command({"ZRANGEBYSCORE", "z", "-inf", "+inf", "LIMIT", "0", "1"}),
            Reply::MakeArray({S("t0")}));
}

TEST_F(RedisClientTest, ErrorRepliesBecomeStatuses) {
  ASSERT_OK(client_->Command({"SET", "s", "x"}));
  auto wrong = client_->Command({"HGET", "s", "f"});
  EXPECT_THAT(wrong, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("WRONGTYPE")));
  EXPECT_THAT(wrong.status().message(), HasSubstr("redis HGET"));
  EXPECT_EQ(RedisErrorCode(wrong.status()), "WRONGTYPE");
  EXPECT_THAT(client_->Command({"NOSUCHCOMMAND"}),
              StatusIs(absl::StatusCode::kInternal, HasSubstr("unknown command")));
  EXPECT_THAT(client_->Command({}), StatusIs(absl::StatusCode::kInvalidArgument));
  // The connection is still good after error replies.
  EXPECT_EQ(*client_->Command({"GET", "s"}), S("x"));
}

TEST_F(RedisClientTest, PipelineOfAThousandCommands) {
  std::vector<std::vector<std::string>> commands;
  for (int i = 0; i < 1000; ++i) {
    commands.push_back(i % 2 == 0 ? std::vector<std::string>{"INCR", "counter"}
                                  : std::vector<std::string>{"RPUSH", "list", std::to_string(i)});
  }
  commands.push_back({"HGET", "list", "f"});  // an error stays in place
  auto replies = client_->Pipeline(commands);
  ASSERT_OK(replies);
  ASSERT_EQ(replies->size(), 1001u);
  EXPECT_EQ((*replies)[0], I(1));
  EXPECT_EQ((*replies)[998], I(500));
  EXPECT_EQ((*replies)[999], I(500));
  EXPECT_TRUE((*replies)[1000].is_error());
  EXPECT_THAT((*replies)[1000].str, HasSubstr("WRONGTYPE"));
  EXPECT_EQ(*client_->Command({"GET", "counter"}), S("500"));
  EXPECT_EQ(*client_->Command({"LLEN", "list"}), I(500));
  EXPECT_TRUE(client_->Pipeline({})->empty());
  EXPECT_THAT(client_->Pipeline({{"GET", "a"}, {}}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(RedisClientTest, EvalFallsBackToEvalAfterScriptFlush) {
  Script script("return {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1}");
  auto first = client_->Eval(script, {"key"}, {"arg", "41"});
  ASSERT_OK(first);
  EXPECT_EQ(*first, Reply::MakeArray({S("key"), S("arg"), I(42)}));
  // EVAL cached it: the server now knows the script by its sha1.
  EXPECT_EQ(*client_->Command({"SCRIPT", "EXISTS", script.sha1()}), Reply::MakeArray({I(1)}));
  ASSERT_OK(client_->Command({"SCRIPT", "FLUSH"}));
  EXPECT_EQ(*client_->Command({"SCRIPT", "EXISTS", script.sha1()}), Reply::MakeArray({I(0)}));
  auto again = client_->Eval(script, {"key"}, {"arg", "1"});
  ASSERT_OK(again);
  EXPECT_EQ(again->elements[2], I(2));
}

// The shape of the receiver's idempotent step: dedup key and state change
// in one atomic step.
constexpr char kApplyHop[] = R"lua(
if redis.call('SET', KEYS[1], '1', 'NX') == false then
  return 0
end
if redis.call('HGET', KEYS[2], 'state') == 'CLOSED' then
  return redis.error_reply('CONFLICT report is closed')
end
redis.call('HSET', KEYS[2], 'state', ARGV[1], 'hop', ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 1
)lua";

TEST_F(RedisClientTest, LuaMultiKeyStepIsIdempotent) {
  Script apply(kApplyHop);
  std::vector<std::string> keys = {"dedup:r1:u7:3", "report:r1", "acks"};
  EXPECT_EQ(*client_->Eval(apply, keys, {"RECEIVED", "3"}), I(1));
  EXPECT_EQ(*client_->Eval(apply, keys, {"RECEIVED", "3"}), I(0));  // a re-send
  EXPECT_EQ(*client_->Command({"HGET", "report:r1", "state"}), S("RECEIVED"));
  EXPECT_EQ(*client_->Command({"LLEN", "acks"}), I(1));

  ASSERT_OK(client_->Command({"HSET", "report:r2", "state", "CLOSED"}));
  auto closed = client_->Eval(apply, {"dedup:r2:u7:1", "report:r2", "acks"}, {"RECEIVED", "1"});
  EXPECT_THAT(closed, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("closed")));
  EXPECT_EQ(RedisErrorCode(closed.status()), "CONFLICT");

  auto broken = client_->Eval(Script("return redis.call('NOPE')"), {}, {});
  EXPECT_THAT(broken, StatusIs(absl::StatusCode::kInternal));
}

TEST_F(RedisClientTest, Transaction) {
  auto replies = client_->Transaction(
      {{"HSET", "report:1", "state", "SENT"}, {"SADD", "outbox", "hop:1"}, {"INCR", "seq"}});
  ASSERT_OK(replies);
  EXPECT_THAT(*replies, ElementsAre(I(1), I(1), I(1)));

  auto rejected = client_->Transaction({{"SET", "a", "1"}, {"GET"}});
  EXPECT_THAT(rejected,
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("commands[1] (GET)")));
  EXPECT_TRUE(client_->Command({"GET", "a"})->is_nil());  // nothing applied

  auto mixed = client_->Transaction({{"INCR", "report:1"}, {"SET", "b", "2"}});
  ASSERT_OK(mixed);
  EXPECT_TRUE((*mixed)[0].is_error());
  EXPECT_EQ((*mixed)[1], Reply::MakeStatus("OK"));
  EXPECT_TRUE(client_->Transaction({})->empty());
}

TEST_F(RedisClientTest, ConcurrentUseFromEightThreads) {
  RedisConfig config = ConfigFor(*server_);
  config.pool_size = 4;  // fewer connections than threads: callers queue
  ASSERT_OK_AND_ASSIGN(auto client, NewRedisClient(config));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) {
        if (!client->Command({"INCR", "n"}).ok()) ++failures;
        auto p = client->Pipeline({{"SADD", "members", absl::StrCat(t, ":", i)}, {"INCR", "p"}});
        if (!p.ok() || p->size() != 2) ++failures;
        if (!client->Transaction({{"INCR", "m"}, {"INCR", "m"}}).ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*client->Command({"GET", "n"}), S("800"));
  EXPECT_EQ(*client->Command({"GET", "p"}), S("800"));
  EXPECT_EQ(*client->Command({"GET", "m"}), S("1600"));
  EXPECT_EQ(*client->Command({"SCARD", "members"}), I(800));
}

TEST_F(RedisClientTest, CommandTimeoutIsUnavailableAndTheClientRecovers) {
  RedisConfig config = ConfigFor(*server_);
  config.command_timeout = absl::Milliseconds(200);
  ASSERT_OK_AND_ASSIGN(auto client, NewRedisClient(config));
  absl::Time start = absl::Now();
  auto blocked = client->Command({"BLPOP", "empty-list", "2"});
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  EXPECT_THAT(blocked, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("timed out")));
  EXPECT_THAT(blocked.status().message(), HasSubstr(server_->address()));
  EXPECT_EQ(*client->Command({"PING"}), Reply::MakeStatus("PONG"));
}

// Replies and error texts, command by command, of the commands our stores
// send, as Redis 7 words them.
TEST_F(RedisClientTest, RepliesAndErrorTextsOfTheCommandsWeUse) {
  const Reply kNil = Reply::MakeNil();
  auto A = [](std::vector<Reply> v) { return Reply::MakeArray(std::move(v)); };
  auto E = [](std::string text) { return Reply::MakeError(std::move(text)); };
  const std::vector<std::pair<std::vector<std::string>, Reply>> script = {
      {{"SET", "s", "1"}, Reply::MakeStatus("OK")},
      {{"SET", "s", "2", "NX"}, kNil},
      {{"SET", "s", "3", "XX", "GET"}, S("1")},
      {{"SETNX", "s", "x"}, I(0)},
      {{"INCRBY", "s", "10"}, I(13)},
      {{"INCR", "s2"}, I(1)},
      {{"MGET", "s", "nope", "s2"}, A({S("13"), kNil, S("1")})},
      {{"EXISTS", "s", "s", "nope"}, I(2)},
      {{"EXPIRE", "s", "100"}, I(1)},
      {{"INCR", "bad"}, E("ERR value is not an integer or out of range")},
      {{"HSET", "h", "a", "1", "b", "2"}, I(2)},
      {{"HSET", "h", "a", "5"}, I(0)},
      {{"HGET", "h", "a"}, S("5")},
      {{"HINCRBY", "h", "b", "-3"}, I(-1)},
      {{"HDEL", "h", "a", "zz"}, I(1)},
      {{"HLEN", "h"}, I(1)},
      {{"HMGET", "h", "a", "b"}, A({kNil, S("-1")})},
      {{"SADD", "set", "x", "y", "x"}, I(2)},
      {{"SISMEMBER", "set", "y"}, I(1)},
      {{"SREM", "set", "x", "q"}, I(1)},
      {{"SCARD", "set"}, I(1)},
      {{"ZADD", "z", "1.5", "a", "0.1", "b", "1700000000123", "c"}, I(3)},
      {{"ZADD", "z", "CH", "2", "a"}, I(1)},
      {{"ZADD", "z", "NX", "9", "a", "3", "d"}, I(1)},
      {{"ZADD", "z", "INCR", "1", "d"}, S("4")},
      {{"ZSCORE", "z", "b"}, S("0.10000000000000001")},  // %.17g, as Redis 7.0 prints
      {{"ZSCORE", "z", "c"}, S("1700000000123")},
      {{"ZRANGEBYSCORE", "z", "(0.1", "+inf", "WITHSCORES", "LIMIT", "1", "2"},
       A({S("d"), S("4"), S("c"), S("1700000000123")})},
      {{"ZREM", "z", "a"}, I(1)},
      {{"ZCARD", "z"}, I(3)},
      {{"RPUSH", "l", "a", "b", "c"}, I(3)},
      {{"LRANGE", "l", "-2", "10"}, A({S("b"), S("c")})},
      {{"LLEN", "l"}, I(3)},
      {{"TYPE", "z"}, Reply::MakeStatus("zset")},
      {{"TYPE", "nope"}, Reply::MakeStatus("none")},
      {{"DEL", "l", "nope"}, I(1)},
      {{"EXISTS", "l"}, I(0)},
      {{"GET", "h"}, E("WRONGTYPE Operation against a key holding the wrong kind of value")},
      {{"ZADD", "z", "x", "m"}, E("ERR value is not a valid float")},
      {{"ZRANGEBYSCORE", "z", "a", "1"}, E("ERR min or max is not a float")},
      {{"LRANGE", "l", "a", "1"}, E("ERR value is not an integer or out of range")},
      {{"SET", "s", "v", "EX", "0"}, E("ERR invalid expire time in 'set' command")},
      {{"ZADD", "z", "NX", "XX", "1", "m"},
       E("ERR XX and NX options at the same time are not compatible")},
      {{"HINCRBY", "h", "b", "x"}, E("ERR value is not an integer or out of range")}};
  ASSERT_OK(client_->Command({"SET", "bad", "text"}));
  std::vector<std::vector<std::string>> commands;
  for (const auto& [command, reply] : script) commands.push_back(command);
  ASSERT_OK_AND_ASSIGN(std::vector<Reply> replies, client_->Pipeline(commands));
  ASSERT_EQ(replies.size(), script.size());
  for (size_t i = 0; i < script.size(); ++i) {
    EXPECT_EQ(replies[i], script[i].second)
        << script[i].first[0] << " #" << i << ": " << replies[i].DebugString();
  }
}

TEST(RedisClientFailureTest, ConnectionRefusedNamesTheAddress) {
  ASSERT_OK_AND_ASSIGN(int port, process::FreeTcpPort());
  RedisConfig config;
  config.port = port;
  auto client = NewRedisClient(config);
  EXPECT_THAT(client, StatusIs(absl::StatusCode::kUnavailable,
                               HasSubstr(absl::StrCat("127.0.0.1:", port))));
  EXPECT_THAT(client.status().message(), HasSubstr("refused"));
}

TEST(RedisClientFailureTest, InvalidConfigIsRejectedBeforeDialling) {
  RedisConfig config;
  config.pool_size = 0;
  EXPECT_THAT(NewRedisClient(config),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("redis.pool_size")));
}

TEST(RedisClientFailureTest, ServerCrashIsUnavailableThenRecoversWithAofData) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
  ASSERT_OK_AND_ASSIGN(auto client, NewRedisClient(ConfigFor(*server)));
  ASSERT_OK(client->Command({"HSET", "report:1", "state", "SENT"}));
  ASSERT_OK(client->Eval(Script(kApplyHop), {"dedup:1", "report:2", "acks"}, {"RECEIVED", "1"}));

  server->Crash();
  auto down = client->Command({"GET", "x"});
  EXPECT_THAT(down, StatusIs(absl::StatusCode::kUnavailable, HasSubstr(server->address())));
  auto still_down = client->Command({"GET", "x"});  // re-dial fails too
  EXPECT_THAT(still_down, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("refused")));

  ASSERT_OK(server->Relaunch());
  EXPECT_EQ(*client->Command({"HGET", "report:1", "state"}), S("SENT"));
  ASSERT_OK(client->Command({"SET", "after", "relaunch"}));

  // Killed while the client holds idle connections: the first call finds a
  // dead connection (UNAVAILABLE, not retried), the next one re-dials.
  ASSERT_OK(server->KillAndRestart());
  auto stale = client->Command({"GET", "after"});
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(*client->Command({"GET", "after"}), S("relaunch"));
  EXPECT_EQ(*client->Command({"HGET", "report:2", "state"}), S("RECEIVED"));
  EXPECT_EQ(*client->Command({"EXISTS", "dedup:1"}), I(1));
  // After the restart the script cache is empty: Eval falls back again.
  EXPECT_EQ(*client->Eval(Script(kApplyHop), {"dedup:1", "report:2", "acks"}, {"X", "1"}), I(0));
}

TEST(RedisClientFailureTest, PasswordIsSentAndAWrongOneRejected) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start());
  {
    ASSERT_OK_AND_ASSIGN(auto admin, NewRedisClient(ConfigFor(*server)));
    ASSERT_OK(admin->Command({"CONFIG", "SET", "requirepass", "s3cret"}));
  }
  RedisConfig config = ConfigFor(*server);
  auto unauthenticated = NewRedisClient(config);
  ASSERT_OK(unauthenticated);  // connecting needs no password
  EXPECT_THAT((*unauthenticated)->Command({"GET", "x"}),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("NOAUTH")));
  config.password = "wrong";
  EXPECT_THAT(NewRedisClient(config), StatusIs(absl::StatusCode::kPermissionDenied));
  config.password = "s3cret";
  ASSERT_OK_AND_ASSIGN(auto client, NewRedisClient(config));
  EXPECT_EQ(*client->Command({"PING"}), Reply::MakeStatus("PONG"));
}

}  // namespace
}  // namespace opsreport::redis
