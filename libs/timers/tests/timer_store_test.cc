// What only the fake can show: call counts, injected outages, corrupt data.

#include "opsreport/timers/timer_store.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/redis/fake_client.h"
#include "opsreport/testing/status_matchers.h"
#include "opsreport/timers/fake_scripts.h"

namespace opsreport::timers {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kT = absl::FromUnixSeconds(1773144000);

class TimerStoreFakeTest : public ::testing::Test {
 protected:
  void SetUp() override { RegisterFakeTimerScripts(fake_); }

  redis::FakeClient fake_;
  TimerStore store_{&fake_, "control"};
};

TEST_F(TimerStoreFakeTest, ScheduleManyUsesOneStepPerBatch) {
  std::vector<Timer> timers;
  for (int i = 0; i < 2 * TimerStore::kScheduleBatch + 1; ++i) {
    timers.push_back({absl::StrCat(i), kT, ""});
  }
  ASSERT_OK(store_.ScheduleMany(timers));
  EXPECT_EQ(fake_.call_count(), 3);
  ASSERT_OK(store_.ScheduleMany({}));
  EXPECT_EQ(fake_.call_count(), 3) << "nothing to do, no round trip";
  ASSERT_OK(store_.AckMany({}));
  EXPECT_EQ(fake_.call_count(), 3);
}

TEST_F(TimerStoreFakeTest, InvalidInputMakesNoRoundTrip) {
  EXPECT_FALSE(store_.ScheduleMany({{"a", kT, ""}, {"", kT, ""}}).ok());
  EXPECT_FALSE(store_.ClaimDue(kT, 0).ok());
  EXPECT_EQ(fake_.call_count(), 0);
}

TEST_F(TimerStoreFakeTest, RedisOutageIsReportedAndNothingIsLost) {
  ASSERT_OK(store_.Schedule({"a", kT, "p"}));
  fake_.FailNext(4, absl::UnavailableError("redis down"));
  EXPECT_THAT(store_.Schedule({"b", kT, ""}), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_.ClaimDue(kT, 10), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_.Cancel("a"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(store_.Get("a"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(*store_.ClaimDue(kT, 10), ElementsAre(Timer{"a", kT, "p"}));
}

TEST_F(TimerStoreFakeTest, FailedLaterBatchKeepsEarlierOnesAndRetryIsHarmless) {
  std::vector<Timer> timers;
  for (int i = 0; i < TimerStore::kScheduleBatch + 1; ++i) {
    timers.push_back({absl::StrCat("t", i), kT, ""});
  }
  // The last timer's record key holds a string: its batch fails (WRONGTYPE).
  std::string last = absl::StrCat("t", TimerStore::kScheduleBatch);
  ASSERT_OK(fake_.Command({"SET", store_.RecordKey(last), "squatter"}));
  EXPECT_THAT(store_.ScheduleMany(timers), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(store_.Get("t0")->has_value());
  EXPECT_TRUE(store_.Get(absl::StrCat("t", TimerStore::kScheduleBatch - 1))->has_value());
  ASSERT_OK(fake_.Command({"DEL", store_.RecordKey(last)}));
  ASSERT_OK(store_.ScheduleMany(timers));
  EXPECT_EQ(*store_.PendingCount(), TimerStore::kScheduleBatch + 1);
}

TEST_F(TimerStoreFakeTest, CorruptRecordIsDataLoss) {
  ASSERT_OK(fake_.Command({"HSET", "control:timer:a", "due", "soon", "payload", "p"}));
  EXPECT_THAT(store_.Get("a"), StatusIs(absl::StatusCode::kDataLoss, HasSubstr("due of timer a")));
}

TEST_F(TimerStoreFakeTest, WrongTypeUnderOurKeyIsAnError) {
  ASSERT_OK(fake_.Command({"SET", "control:timers", "not a zset"}));
  EXPECT_THAT(store_.Schedule({"a", kT, ""}), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(store_.PendingCount(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(TimerStoreFakeTest, WithoutRegisteredScriptsTheFakeSaysNoScript) {
  redis::FakeClient bare;
  TimerStore store(&bare, "control");
  EXPECT_THAT(store.Schedule({"a", kT, ""}),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("NOSCRIPT")));
}

TEST(TimerPrintTest, ShowsIdDueAndEscapedPayload) {
  std::ostringstream os;
  os << Timer{"a", kT, std::string("x\0", 2)};
  EXPECT_EQ(os.str(), "{id='a' due=2026-03-10T12:00:00+00:00 payload='x\\x00'}");
}

}  // namespace
}  // namespace opsreport::timers
