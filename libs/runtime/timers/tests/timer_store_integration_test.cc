// Against real redis-server: concurrency across connections, a claimer
// process that dies holding claims, and a SIGKILL of Redis itself.

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"
#include "opsreport/timers/timer_poller.h"
#include "opsreport/timers/timer_store.h"

namespace opsreport::timers {
namespace {

using ::opsreport::testing::RedisServer;
using ::testing::ElementsAre;
using ::testing::Optional;

const absl::Time kT = absl::FromUnixSeconds(1773144000);
constexpr absl::Duration kLease = absl::Seconds(30);
constexpr int kTimers = 10000;
constexpr int kClaimers = 4;

std::vector<Timer> ManyTimers(int n) {
  std::vector<Timer> timers;
  for (int i = 0; i < n; ++i) {
    timers.push_back({absl::StrCat("r", i, ":ack"), kT + absl::Milliseconds(i % 977),
                      absl::StrCat("payload ", i)});
  }
  return timers;
}

class TimerStoreIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, opsreport::testing::EmptySharedRedis());
    store_ = std::make_unique<TimerStore>(client_.get(), "routing");
  }

  // Runs `claim` in kClaimers threads, each with its own connection pool as
  // separate processes would have, until each sees an empty batch. Returns
  // how often each id came back.
  std::map<std::string, int> ClaimConcurrently(
      const std::function<absl::StatusOr<std::vector<Timer>>(TimerStore&)>& claim) {
    std::vector<std::unique_ptr<redis::Client>> clients;
    for (int c = 0; c < kClaimers; ++c) {
      auto client = opsreport::testing::ConnectToSharedRedis();
      EXPECT_OK(client);
      if (!client.ok()) return {};
      clients.push_back(*std::move(client));
    }
    std::mutex mu;
    std::map<std::string, int> fired;
    std::atomic<int> errors{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < kClaimers; ++c) {
      threads.emplace_back([&, c] {
        TimerStore store(clients[c].get(), "routing");
        while (true) {
          absl::StatusOr<std::vector<Timer>> batch = claim(store);
          if (!batch.ok()) {
            ++errors;
            return;
          }
          if (batch->empty()) return;
          std::lock_guard<std::mutex> lock(mu);
          for (const Timer& t : *batch) ++fired[t.id];
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(errors.load(), 0);
    return fired;
  }

  void ExpectEachFiredOnce(const std::map<std::string, int>& fired) {
    ASSERT_EQ(fired.size(), static_cast<size_t>(kTimers));
    for (const auto& [id, n] : fired) ASSERT_EQ(n, 1) << id;
    EXPECT_EQ(*store_->PendingCount(), 0);
    EXPECT_EQ(*store_->InFlightCount(), 0);
    EXPECT_EQ(*client_->Command({"DBSIZE"}), redis::Reply::MakeInteger(0)) << "records left";
  }

  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<TimerStore> store_;
};

TEST_F(TimerStoreIntegrationTest, ScheduleAndCancelInsideACallersMutation) {
  redis::Mutation m;
  ASSERT_OK(store_->ScheduleIn(m, {"a", kT, "pa"}));
  ASSERT_OK(store_->ScheduleIn(m, {"b", kT + absl::Seconds(1), "pb"}));
  m.Do({"SET", "state", "changed"});
  EXPECT_FALSE(store_->ScheduleIn(m, {"", kT, ""}).ok());
  ASSERT_OK_AND_ASSIGN(redis::MutationResult r, redis::Apply(*client_, m));
  ASSERT_TRUE(r.applied);
  EXPECT_EQ(*store_->PendingCount(), 2);
  EXPECT_THAT(*store_->Get("a"), Optional(Timer{"a", kT, "pa"}));

  // A claimed (in-flight) timer re-armed in a mutation is pending again.
  ASSERT_OK_AND_ASSIGN(std::vector<Timer> claimed, store_->ClaimDueLeased(kT, kLease, 1));
  ASSERT_EQ(claimed.size(), 1u);
  redis::Mutation rearm;
  ASSERT_OK(store_->ScheduleIn(rearm, {"a", kT + absl::Hours(1), "next"}));
  ASSERT_OK(store_->CancelIn(rearm, "b"));
  ASSERT_OK(redis::Apply(*client_, rearm).status());
  ASSERT_OK(store_->Ack("a"));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_THAT(*store_->Get("a"), Optional(Timer{"a", kT + absl::Hours(1), "next"}));
  EXPECT_EQ(*store_->Get("b"), std::nullopt);
}

TEST_F(TimerStoreIntegrationTest, EachTimerFiresExactlyOnceAcrossConcurrentClaimers) {
  ASSERT_OK(store_->ScheduleMany(ManyTimers(kTimers)));
  ExpectEachFiredOnce(
      ClaimConcurrently([](TimerStore& s) { return s.ClaimDue(kT + absl::Seconds(1), 50); }));
}

TEST_F(TimerStoreIntegrationTest, LeasedClaimsFireExactlyOnceAcrossConcurrentClaimers) {
  ASSERT_OK(store_->ScheduleMany(ManyTimers(kTimers)));
  ExpectEachFiredOnce(ClaimConcurrently([](TimerStore& s) -> absl::StatusOr<std::vector<Timer>> {
    ASSIGN_OR_RETURN(std::vector<Timer> batch, s.ClaimDueLeased(kT + absl::Seconds(1), kLease, 50));
    std::vector<std::string> ids;
    for (const Timer& t : batch) ids.push_back(t.id);
    RETURN_IF_ERROR(s.AckMany(ids));
    return batch;
  }));
}

TEST_F(TimerStoreIntegrationTest, ConcurrentPollersFireEachTimerOnce) {
  ASSERT_OK(store_->ScheduleMany(ManyTimers(kTimers)));
  std::mutex mu;
  std::map<std::string, int> fired;
  auto handler = [&](const Timer& t) {
    std::lock_guard<std::mutex> lock(mu);
    ++fired[t.id];
    return absl::OkStatus();
  };
  std::vector<std::unique_ptr<redis::Client>> clients;
  std::vector<std::unique_ptr<TimerStore>> stores;
  std::vector<std::unique_ptr<TimerPoller>> pollers;
  for (int c = 0; c < kClaimers; ++c) {
    ASSERT_OK_AND_ASSIGN(auto client, opsreport::testing::ConnectToSharedRedis());
    clients.push_back(std::move(client));
    stores.push_back(std::make_unique<TimerStore>(clients.back().get(), "routing"));
    pollers.push_back(
        std::make_unique<TimerPoller>(stores.back().get(), &base::SystemClock::Instance(), handler,
                                      PollerOptions{absl::Milliseconds(20), kLease, 100}));
  }
  for (auto& p : pollers) ASSERT_OK(p->Start());
  absl::Time deadline = absl::Now() + absl::Seconds(30);
  auto total = [&] {
    int64_t n = 0;
    for (auto& p : pollers) n += p->fired();
    return n;
  };
  while (total() < kTimers && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(10));
  absl::SleepFor(absl::Milliseconds(50));  // room for a wrongful second firing
  for (auto& p : pollers) p->Stop();
  ExpectEachFiredOnce(fired);
  for (auto& p : pollers) EXPECT_GT(p->fired(), 0) << "every poller took a share";
}

TEST_F(TimerStoreIntegrationTest, ClaimsOfAKilledClaimerProcessFireAfterTheirLease) {
  ASSERT_OK(store_->ScheduleMany(ManyTimers(100)));
  absl::Time claimed_at = kT + absl::Seconds(1);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The claimer: claims everything, then dies before handling any of it.
    auto client = opsreport::testing::ConnectToSharedRedis();
    if (!client.ok()) _exit(2);
    TimerStore store(client->get(), "routing");
    auto batch = store.ClaimDueLeased(claimed_at, kLease, 1000);
    _exit(batch.ok() && batch->size() == 100 ? 0 : 3);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(*store_->PendingCount(), 0);
  EXPECT_EQ(*store_->InFlightCount(), 100);

  base::FakeClock clock(claimed_at + kLease - absl::Milliseconds(1));
  std::map<std::string, int> fired;
  TimerPoller survivor(store_.get(), &clock,
                       [&](const Timer& t) {
                         ++fired[t.id];
                         return absl::OkStatus();
                       },
                       {absl::Seconds(1), kLease, 1000});
  EXPECT_EQ(*survivor.RunOnce(), 0) << "the dead claimer's lease still runs";
  clock.Advance(absl::Milliseconds(1));
  EXPECT_EQ(*survivor.RunOnce(), 100);
  EXPECT_EQ(fired.size(), 100u);
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*client_->Command({"DBSIZE"}), redis::Reply::MakeInteger(0));
}

// Retries once: the first call after a Redis restart finds the pool's stale
// connections and fails UNAVAILABLE; the next re-dials.
template <typename F>
auto AfterRestart(F f) -> decltype(f()) {
  auto result = f();
  if (!result.ok() && result.status().code() == absl::StatusCode::kUnavailable) result = f();
  return result;
}

TEST(TimerStoreDurabilityTest, PendingAndInFlightTimersSurviveRedisKill) {
  ASSERT_OK_AND_ASSIGN(auto server, RedisServer::Start({.appendfsync = "always"}));
  ASSERT_OK_AND_ASSIGN(redis::RedisConfig config, redis::ParseRedisAddress(server->address()));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<redis::Client> client, redis::NewRedisClient(config));
  TimerStore store(client.get(), "routing");
  ASSERT_OK(store.ScheduleMany({{"due", kT, "p-due"},
                                {"later", kT + absl::Hours(1), "p-later"},
                                {"claimed", kT - absl::Seconds(1), "p-claimed"},
                                {"cancelled", kT, ""}}));
  ASSERT_THAT(*store.ClaimDueLeased(kT - absl::Seconds(1), kLease, 10),
              ElementsAre(Timer{"claimed", kT - absl::Seconds(1), "p-claimed"}));
  ASSERT_OK(store.Cancel("cancelled"));

  ASSERT_OK(server->KillAndRestart());

  EXPECT_EQ(*AfterRestart([&] { return store.PendingCount(); }), 2);
  EXPECT_EQ(*store.InFlightCount(), 1);
  EXPECT_THAT(*store.Get("later"), Optional(Timer{"later", kT + absl::Hours(1), "p-later"}));
  EXPECT_EQ(*store.Get("cancelled"), std::nullopt);
  // The scripts are gone from the restarted server: EVALSHA falls back to EVAL.
  EXPECT_EQ(*store.RecoverExpiredLeases(kT - absl::Seconds(1) + kLease), 1);
  EXPECT_THAT(
      *store.ClaimDue(kT, 10),
      ElementsAre(Timer{"claimed", kT - absl::Seconds(1), "p-claimed"}, Timer{"due", kT, "p-due"}));

  // And what was claimed before a crash stays claimed (fires once).
  ASSERT_OK(server->KillAndRestart());
  EXPECT_THAT(*AfterRestart([&] { return store.ClaimDue(kT, 10); }), ::testing::IsEmpty());
  EXPECT_EQ(*store.PendingCount(), 1);
}

}  // namespace
}  // namespace opsreport::timers
