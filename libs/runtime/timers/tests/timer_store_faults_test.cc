// Round trips, injected outages and foreign data under our keys, over the
// shared redis-server through a FaultInjectingClient.

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/redis/reply.h"
#include "opsreport/testing/fault_injecting_client.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"
#include "opsreport/timers/timer_store.h"

namespace opsreport::timers {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kT = absl::FromUnixSeconds(1773144000);

class TimerStoreFaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<redis::Client> redis,
                         opsreport::testing::EmptySharedRedis());
    redis_ = std::make_unique<opsreport::testing::FaultInjectingClient>(std::move(redis));
    store_ = std::make_unique<TimerStore>(redis_.get(), "control");
  }

  std::unique_ptr<opsreport::testing::FaultInjectingClient> redis_;
  std::unique_ptr<TimerStore> store_;
};

TEST_F(TimerStoreFaultTest, ScheduleManyUsesOneStepPerBatch) {
  std::vector<Timer> timers;
  for (int i = 0; i < 2 * TimerStore::kScheduleBatch + 1; ++i) {
    timers.push_back({absl::StrCat(i), kT, ""});
  }
  ASSERT_OK(store_->ScheduleMany(timers));
  EXPECT_EQ(redis_->call_count(), 3);
  ASSERT_OK(store_->ScheduleMany({}));
  EXPECT_EQ(redis_->call_count(), 3) << "nothing to do, no round trip";
  ASSERT_OK(store_->AckMany({}));
  EXPECT_EQ(redis_->call_count(), 3);
}

TEST_F(TimerStoreFaultTest, InvalidInputMakesNoRoundTrip) {
  EXPECT_FALSE(store_->ScheduleMany({{"a", kT, ""}, {"", kT, ""}}).ok());
  EXPECT_FALSE(store_->ClaimDue(kT, 0).ok());
  EXPECT_EQ(redis_->call_count(), 0);
}

TEST_F(TimerStoreFaultTest, RedisOutageIsReportedAndNothingIsLost) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  redis_->FailNext(4, absl::UnavailableError("redis down"));
  EXPECT_THAT(store_->Schedule({"b", kT, ""}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_->ClaimDue(kT, 10), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_->Cancel("a"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_->Get("a"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(*store_->ClaimDue(kT, 10), ElementsAre(Timer{"a", kT, "p"}));
}

TEST_F(TimerStoreFaultTest, FailedLaterBatchKeepsEarlierOnesAndRetryIsHarmless) {
  std::vector<Timer> timers;
  for (int i = 0; i < TimerStore::kScheduleBatch + 1; ++i) {
    timers.push_back({absl::StrCat("t", i), kT, ""});
  }
  // The last timer's record key holds a string: its batch fails (WRONGTYPE).
  std::string last = absl::StrCat("t", TimerStore::kScheduleBatch);
  ASSERT_OK(redis_->Command({"SET", store_->RecordKey(last), "squatter"}));
  EXPECT_THAT(store_->ScheduleMany(timers), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(store_->Get("t0")->has_value());
  EXPECT_TRUE(store_->Get(absl::StrCat("t", TimerStore::kScheduleBatch - 1))->has_value());
  ASSERT_OK(redis_->Command({"DEL", store_->RecordKey(last)}));
  ASSERT_OK(store_->ScheduleMany(timers));
  EXPECT_EQ(*store_->PendingCount(), TimerStore::kScheduleBatch + 1);
}

TEST_F(TimerStoreFaultTest, CorruptRecordIsDataLoss) {
  ASSERT_OK(redis_->Command({"HSET", "control:timer:a", "due", "soon", "payload", "p"}));
  EXPECT_THAT(store_->Get("a"), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("due of timer a")));
}

TEST_F(TimerStoreFaultTest, WrongTypeUnderOurKeyIsAnError) {
  ASSERT_OK(redis_->Command({"SET", "control:timers", "not a zset"}));
  EXPECT_THAT(store_->Schedule({"a", kT, ""}), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_->PendingCount(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(TimerStoreFaultTest, ARedisErrorOfTheStepComesBackAsIs) {
  redis_->FailNext(1, redis::StatusFromRedisError("NOSCRIPT No matching script"));
  EXPECT_THAT(store_->Schedule({"a", kT, ""}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NOSCRIPT")));
}

}  // namespace
}  // namespace opsreport::timers
