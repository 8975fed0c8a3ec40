#include "opsreport/timers/timer_poller.h"

#include <atomic>
#include <map>
#include <mutex>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/testing/fault_injecting_client.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::timers {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kT = absl::FromUnixSeconds(1773144000);
constexpr absl::Duration kLease = absl::Seconds(30);

class TimerPollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<redis::Client> redis,
                         opsreport::testing::EmptySharedRedis());
    redis_ = std::make_unique<opsreport::testing::FaultInjectingClient>(std::move(redis));
    store_ = std::make_unique<TimerStore>(redis_.get(), "routing");
  }

  TimerPoller::Handler Record() {
    return [this](const Timer& t) {
      std::lock_guard<std::mutex> lock(mu_);
      fired_.push_back(t.id);
      return fail_.count(t.id) ? absl::UnavailableError("kafka down") : absl::OkStatus();
    };
  }
  std::vector<std::string> Fired() {
    std::lock_guard<std::mutex> lock(mu_);
    return fired_;
  }

  std::unique_ptr<opsreport::testing::FaultInjectingClient> redis_;
  std::unique_ptr<TimerStore> store_;
  base::FakeClock clock_{kT};
  std::mutex mu_;
  std::vector<std::string> fired_;
  std::set<std::string> fail_;
};

TEST_F(TimerPollerTest, FiresDueTimersOnceAndAcksThem) {
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::Seconds(1), kLease, 10});
  ASSERT_OK(store_->ScheduleMany(
      {{"a", kT - absl::Seconds(1), ""}, {"b", kT, ""}, {"later", kT + absl::Seconds(1), ""}}));
  EXPECT_EQ(*poller.RunOnce(), 2);
  EXPECT_EQ(*poller.RunOnce(), 0);
  EXPECT_THAT(Fired(), ElementsAre("a", "b"));
  EXPECT_EQ(*store_->InFlightCount(), 0) << "acked";
  EXPECT_EQ(poller.fired(), 2);
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(*poller.RunOnce(), 1);
  EXPECT_THAT(Fired(), ElementsAre("a", "b", "later"));
}

TEST_F(TimerPollerTest, FailedHandlerFiresAgainWhenTheLeaseEnds) {
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::Seconds(1), kLease, 10});
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  fail_.insert("a");
  EXPECT_EQ(*poller.RunOnce(), 1);
  EXPECT_EQ(poller.handler_errors(), 1);
  EXPECT_EQ(*store_->InFlightCount(), 1);
  clock_.Advance(kLease - absl::Milliseconds(1));
  EXPECT_EQ(*poller.RunOnce(), 0) << "the lease still runs";
  fail_.clear();
  clock_.Advance(absl::Milliseconds(1));
  EXPECT_EQ(*poller.RunOnce(), 1);
  EXPECT_THAT(Fired(), ElementsAre("a", "a"));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
}

TEST_F(TimerPollerTest, ClaimsOfACrashedPollerFireAfterTheirLease) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  // Another process claimed it and died before emitting anything.
  ASSERT_EQ(store_->ClaimDueLeased(kT, kLease, 10)->size(), 1u);
  TimerPoller survivor(store_.get(), &clock_, Record(), {absl::Seconds(1), kLease, 10});
  EXPECT_EQ(*survivor.RunOnce(), 0);
  clock_.Advance(kLease);
  EXPECT_EQ(*survivor.RunOnce(), 1);
  EXPECT_THAT(Fired(), ElementsAre("a"));
}

TEST_F(TimerPollerTest, HandlerMayRearmItsOwnTimer) {
  int updates = 0;
  TimerPoller poller(store_.get(), &clock_,
                     [&](const Timer& t) {
                       ++updates;
                       return store_->Schedule({t.id, t.due + absl::Hours(1), t.payload});
                     },
                     {absl::Seconds(1), kLease, 10});
  ASSERT_OK(store_->Schedule({"ongoing:r1", kT, ""}));
  EXPECT_EQ(*poller.RunOnce(), 1);
  EXPECT_EQ(*poller.RunOnce(), 0);
  clock_.Advance(absl::Hours(1));
  EXPECT_EQ(*poller.RunOnce(), 1);
  EXPECT_EQ(updates, 2);
  EXPECT_EQ(store_->Get("ongoing:r1")->value().due, kT + absl::Hours(2));
}

TEST_F(TimerPollerTest, RedisErrorEndsThePassAndIsCounted) {
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::Seconds(1), kLease, 10});
  ASSERT_OK(store_->Schedule({"a", kT, ""}));
  redis_->FailNext(1, absl::UnavailableError("redis down"));
  EXPECT_THAT(poller.RunOnce(), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(Fired(), IsEmpty());
  EXPECT_EQ(*poller.RunOnce(), 1);
}

TEST_F(TimerPollerTest, BadOptionsAreAllNamed) {
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::ZeroDuration(), -kLease, 0});
  EXPECT_THAT(poller.Start(),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("poller.poll_interval: 0"), HasSubstr("poller.lease: -30s"),
                             HasSubstr("poller.batch: 0 is not positive"))));
}

TEST_F(TimerPollerTest, ThreadDrainsFullBatchesWithoutWaitingAnInterval) {
  std::vector<Timer> timers;
  for (int i = 0; i < 25; ++i) timers.push_back({absl::StrCat("t", 100 + i), kT, ""});
  ASSERT_OK(store_->ScheduleMany(timers));
  // A 1-hour interval: only the "full batch, go again" path can drain 25 in time.
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::Hours(1), kLease, 5});
  ASSERT_OK(poller.Start());
  EXPECT_THAT(poller.Start(), StatusIs(absl::StatusCode::kFailedPrecondition));
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (poller.fired() < 25 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  poller.Stop();
  EXPECT_EQ(poller.fired(), 25);
  EXPECT_EQ(Fired().size(), 25u);
  EXPECT_EQ(*store_->PendingCount(), 0);
  poller.Stop();  // idempotent
}

TEST_F(TimerPollerTest, ThreadPicksUpTimersThatFallDueLater) {
  TimerPoller poller(store_.get(), &clock_, Record(), {absl::Milliseconds(5), kLease, 10});
  ASSERT_OK(poller.Start());
  ASSERT_OK(store_->Schedule({"a", kT + absl::Minutes(1), ""}));
  absl::SleepFor(absl::Milliseconds(30));
  EXPECT_THAT(Fired(), IsEmpty());
  clock_.Advance(absl::Minutes(1));
  absl::Time deadline = absl::Now() + absl::Seconds(5);
  while (poller.fired() < 1 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  EXPECT_THAT(Fired(), ElementsAre("a"));
}

}  // namespace
}  // namespace opsreport::timers
