// TimerStore's behaviour over the binary's shared redis-server.

#include "opsreport/timers/timer_store.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::timers {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

const absl::Time kT = absl::FromUnixSeconds(1773144000);  // 2026-03-10 12:00 UTC
constexpr absl::Duration kMs = absl::Milliseconds(1);
constexpr absl::Duration kLease = absl::Seconds(30);

std::vector<std::string> Ids(const std::vector<Timer>& timers) {
  std::vector<std::string> ids;
  for (const auto& t : timers) ids.push_back(t.id);
  return ids;
}

class TimerStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, opsreport::testing::EmptySharedRedis());
    store_ = std::make_unique<TimerStore>(client_.get(), "routing");
  }

  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<TimerStore> store_;
};

TEST_F(TimerStoreTest, ScheduledTimerIsPendingAndReadable) {
  ASSERT_OK(store_->Schedule({"r1:ack", kT, "hop 1"}));
  EXPECT_EQ(*store_->PendingCount(), 1);
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_THAT(*store_->Get("r1:ack"), Optional(Timer{"r1:ack", kT, "hop 1"}));
  EXPECT_EQ(*store_->Get("unknown"), std::nullopt);
}

TEST_F(TimerStoreTest, DueExactlyNowFiresOneMillisecondBeforeDoesNot) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  EXPECT_THAT(*store_->ClaimDue(kT - kMs, 10), IsEmpty());
  EXPECT_THAT(*store_->ClaimDue(kT, 10), ElementsAre(Timer{"a", kT, "p"}));
  EXPECT_EQ(*store_->PendingCount(), 0);
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
  EXPECT_THAT(*store_->ClaimDue(kT + absl::Hours(1), 10), IsEmpty()) << "fires once";
}

TEST_F(TimerStoreTest, SubMillisecondDueRoundsUpSoItNeverFiresEarly) {
  ASSERT_OK(store_->Schedule({"a", kT + absl::Microseconds(300), ""}));
  EXPECT_THAT(*store_->ClaimDue(kT + absl::Microseconds(999), 10), IsEmpty());
  EXPECT_THAT(*store_->ClaimDue(kT + kMs, 10), ElementsAre(Timer{"a", kT + kMs, ""}));
}

TEST_F(TimerStoreTest, ScheduleReplacesDueAndPayload) {
  ASSERT_OK(store_->Schedule({"a", kT, "old"}));
  ASSERT_OK(store_->Schedule({"a", kT + absl::Hours(1), "new"}));
  EXPECT_EQ(*store_->PendingCount(), 1);
  EXPECT_THAT(*store_->ClaimDue(kT, 10), IsEmpty()) << "the old due time is gone";
  EXPECT_THAT(*store_->ClaimDue(kT + absl::Hours(1), 10),
              ElementsAre(Timer{"a", kT + absl::Hours(1), "new"}));
}

TEST_F(TimerStoreTest, RescheduleEarlierFiresEarlier) {
  ASSERT_OK(store_->Schedule({"a", kT + absl::Hours(1), "p"}));
  ASSERT_OK(store_->Schedule({"a", kT - absl::Hours(1), "p"}));
  EXPECT_THAT(Ids(*store_->ClaimDue(kT, 10)), ElementsAre("a"));
}

TEST_F(TimerStoreTest, CancelRemovesPendingAndIgnoresUnknownOrFired) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  ASSERT_OK(store_->Schedule({"b", kT, "p"}));
  ASSERT_OK(store_->Cancel("a"));
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
  EXPECT_THAT(Ids(*store_->ClaimDue(kT, 10)), ElementsAre("b"));
  EXPECT_OK(store_->Cancel("a")) << "cancelled twice";
  EXPECT_OK(store_->Cancel("b")) << "already fired";
  EXPECT_OK(store_->Cancel("never-scheduled"));
  EXPECT_EQ(*store_->PendingCount(), 0);
}

TEST_F(TimerStoreTest, ClaimTakesEarliestFirstUpToTheLimit) {
  ASSERT_OK(store_->ScheduleMany({{"late", kT + absl::Seconds(3), ""},
                                  {"first", kT - absl::Hours(2), ""},
                                  {"second", kT - absl::Hours(1), ""},
                                  {"third", kT, ""},
                                  {"future", kT + absl::Hours(1), ""}}));
  EXPECT_THAT(Ids(*store_->ClaimDue(kT + absl::Seconds(3), 2)), ElementsAre("first", "second"));
  EXPECT_THAT(Ids(*store_->ClaimDue(kT + absl::Seconds(3), 2)), ElementsAre("third", "late"));
  EXPECT_THAT(*store_->ClaimDue(kT + absl::Seconds(3), 2), IsEmpty());
  EXPECT_THAT(Ids(*store_->ClaimDue(absl::InfiniteFuture(), 2)), ElementsAre("future"));
}

TEST_F(TimerStoreTest, EqualDueTimesAllFireInIdOrder) {
  ASSERT_OK(store_->ScheduleMany({{"c", kT, ""}, {"a", kT, ""}, {"b", kT, ""}}));
  EXPECT_THAT(Ids(*store_->ClaimDue(kT, 2)), ElementsAre("a", "b"));
  EXPECT_THAT(Ids(*store_->ClaimDue(kT, 2)), ElementsAre("c"));
}

TEST_F(TimerStoreTest, IdsAndPayloadsAreBinarySafe) {
  std::string payload("a\0b\r\nc", 6);
  std::string id = "рапорт 1001/2026/7:hop 2";
  ASSERT_OK(store_->Schedule({id, kT, payload}));
  ASSERT_OK(store_->Schedule({"empty", kT, ""}));
  EXPECT_THAT(*store_->Get(id), Optional(Timer{id, kT, payload}));
  EXPECT_THAT(*store_->ClaimDue(kT, 10),
              ElementsAre(Timer{"empty", kT, ""}, Timer{id, kT, payload}));
}

TEST_F(TimerStoreTest, DuesBeforeTheEpochAndFarAhead) {
  absl::Time past = absl::FromUnixMillis(-5);
  absl::Time far =
      absl::FromCivil(absl::CivilSecond(9999, 12, 31, 23, 59, 59), absl::UTCTimeZone());
  ASSERT_OK(store_->ScheduleMany({{"far", far, ""}, {"past", past, ""}}));
  EXPECT_THAT(*store_->Get("far"), Optional(Timer{"far", far, ""}));
  EXPECT_THAT(*store_->ClaimDue(absl::InfiniteFuture(), 10),
              ElementsAre(Timer{"past", past, ""}, Timer{"far", far, ""}));
}

TEST_F(TimerStoreTest, ScheduleManySpansBatchesAndLastDuplicateWins) {
  std::vector<Timer> timers;
  for (int i = 0; i < 2 * TimerStore::kScheduleBatch + 500; ++i) {
    timers.push_back({absl::StrCat("t", i), kT + absl::Milliseconds(i), absl::StrCat(i)});
  }
  timers.push_back({"t0", kT + absl::Hours(5), "replaced"});
  ASSERT_OK(store_->ScheduleMany(timers));
  EXPECT_EQ(*store_->PendingCount(), 2 * TimerStore::kScheduleBatch + 500);
  EXPECT_THAT(*store_->Get("t0"), Optional(Timer{"t0", kT + absl::Hours(5), "replaced"}));
  ASSERT_OK_AND_ASSIGN(std::vector<Timer> fired, store_->ClaimDue(absl::InfiniteFuture(), 5000));
  ASSERT_EQ(fired.size(), 2u * TimerStore::kScheduleBatch + 500);
  EXPECT_EQ(fired.front(), (Timer{"t1", kT + kMs, "1"}));
  EXPECT_EQ(fired.back(), (Timer{"t0", kT + absl::Hours(5), "replaced"}));
  ASSERT_OK(store_->ScheduleMany({}));
  EXPECT_EQ(*store_->PendingCount(), 0);
}

TEST_F(TimerStoreTest, NamespacesAreIndependent) {
  TimerStore control(client_.get(), "control");
  ASSERT_OK(store_->Schedule({"same-id", kT, "routing"}));
  ASSERT_OK(control.Schedule({"same-id", kT, "control"}));
  EXPECT_THAT(*control.ClaimDue(kT, 10), ElementsAre(Timer{"same-id", kT, "control"}));
  EXPECT_THAT(*store_->Get("same-id"), Optional(Timer{"same-id", kT, "routing"}));
}

TEST_F(TimerStoreTest, LeasedClaimHoldsTimerInFlightUntilAck) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  EXPECT_THAT(*store_->ClaimDueLeased(kT, kLease, 10), ElementsAre(Timer{"a", kT, "p"}));
  EXPECT_EQ(*store_->PendingCount(), 0);
  EXPECT_EQ(*store_->InFlightCount(), 1);
  EXPECT_THAT(*store_->Get("a"), Optional(Timer{"a", kT, "p"})) << "still known while in flight";
  EXPECT_THAT(*store_->ClaimDueLeased(kT + absl::Hours(1), kLease, 10), IsEmpty());
  EXPECT_THAT(*store_->ClaimDue(kT + absl::Hours(1), 10), IsEmpty());
  ASSERT_OK(store_->Ack("a"));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
  EXPECT_OK(store_->Ack("a")) << "acked twice";
  EXPECT_OK(store_->Ack("never-claimed"));
  EXPECT_EQ(*store_->RecoverExpiredLeases(absl::InfiniteFuture()), 0);
}

TEST_F(TimerStoreTest, ExpiredLeaseReturnsTimerWithItsOriginalDue) {
  ASSERT_OK(store_->ScheduleMany({{"a", kT, "pa"}, {"b", kT + kMs, "pb"}}));
  absl::Time claimed_at = kT + absl::Seconds(5);
  ASSERT_EQ(store_->ClaimDueLeased(claimed_at, kLease, 10)->size(), 2u);
  // The claimer "crashed": nobody acks.
  EXPECT_EQ(*store_->RecoverExpiredLeases(claimed_at + kLease - kMs), 0) << "lease still running";
  EXPECT_EQ(*store_->RecoverExpiredLeases(claimed_at + kLease, 1), 1) << "limit respected";
  EXPECT_EQ(*store_->RecoverExpiredLeases(claimed_at + kLease), 1);
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->PendingCount(), 2);
  EXPECT_THAT(*store_->ClaimDueLeased(claimed_at + kLease, kLease, 10),
              ElementsAre(Timer{"a", kT, "pa"}, Timer{"b", kT + kMs, "pb"}));
}

TEST_F(TimerStoreTest, RearmedInFlightTimerSurvivesItsAck) {
  ASSERT_OK(store_->Schedule({"ongoing:r1", kT, "update 1"}));
  ASSERT_EQ(store_->ClaimDueLeased(kT, kLease, 10)->size(), 1u);
  // The handler arms the next hourly update under the same id, then acks.
  ASSERT_OK(store_->Schedule({"ongoing:r1", kT + absl::Hours(1), "update 2"}));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  ASSERT_OK(store_->Ack("ongoing:r1"));
  EXPECT_THAT(*store_->Get("ongoing:r1"),
              Optional(Timer{"ongoing:r1", kT + absl::Hours(1), "update 2"}));
  EXPECT_EQ(*store_->RecoverExpiredLeases(absl::InfiniteFuture()), 0);
  EXPECT_THAT(Ids(*store_->ClaimDue(kT + absl::Hours(1), 10)), ElementsAre("ongoing:r1"));
}

TEST_F(TimerStoreTest, CancelRemovesInFlightTimer) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  ASSERT_EQ(store_->ClaimDueLeased(kT, kLease, 10)->size(), 1u);
  ASSERT_OK(store_->Cancel("a"));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
  EXPECT_EQ(*store_->RecoverExpiredLeases(absl::InfiniteFuture()), 0);
  EXPECT_OK(store_->Ack("a"));
}

TEST_F(TimerStoreTest, AckManyEndsOnlyThoseInFlight) {
  ASSERT_OK(store_->ScheduleMany({{"a", kT, ""}, {"b", kT, ""}, {"c", kT + absl::Hours(1), ""}}));
  ASSERT_EQ(store_->ClaimDueLeased(kT, kLease, 10)->size(), 2u);
  ASSERT_OK(store_->AckMany({"a", "b", "c", "x"}));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->Get("a"), std::nullopt);
  EXPECT_TRUE(store_->Get("c")->has_value());
  EXPECT_THAT(Ids(*store_->ClaimDue(absl::InfiniteFuture(), 10)), ElementsAre("c"))
      << "c was pending, not in flight: its ack must not delete it";
  EXPECT_OK(store_->AckMany({}));
}

TEST_F(TimerStoreTest, LargeLeasedBatchesAndRepeatedAcks) {
  // More than the scripts' internal chunks of 200, with repeats across chunks.
  std::vector<Timer> timers;
  std::vector<std::string> acks;
  for (int i = 0; i < 450; ++i) {
    timers.push_back({absl::StrCat("t", i), kT + absl::Milliseconds(i), ""});
    acks.push_back(absl::StrCat("t", i));
  }
  ASSERT_OK(store_->ScheduleMany(timers));
  ASSERT_OK(store_->Schedule({"kept", kT + absl::Hours(1), ""}));
  ASSERT_OK_AND_ASSIGN(std::vector<Timer> claimed,
                       store_->ClaimDueLeased(kT + absl::Seconds(1), kLease, 1000));
  ASSERT_EQ(claimed.size(), 450u);
  EXPECT_EQ(claimed[449], (Timer{"t449", kT + absl::Milliseconds(449), ""}));
  EXPECT_EQ(*store_->InFlightCount(), 450);
  acks.insert(acks.begin(), "t449");  // also in a later chunk
  acks.push_back("t0");
  acks.push_back("kept");  // pending, not in flight: untouched
  ASSERT_OK(store_->AckMany(acks));
  EXPECT_EQ(*store_->InFlightCount(), 0);
  EXPECT_EQ(*store_->Get("t0"), std::nullopt);
  EXPECT_EQ(*store_->Get("t449"), std::nullopt);
  EXPECT_EQ(*store_->Get("t200"), std::nullopt);
  EXPECT_TRUE(store_->Get("kept")->has_value());
  EXPECT_EQ(*store_->PendingCount(), 1);
}

TEST_F(TimerStoreTest, ScheduleManyReportsEveryFaultAndWritesNothing) {
  absl::Status s = store_->ScheduleMany({{"ok", kT, ""},
                                         {"", kT, ""},
                                         {"inf", absl::InfiniteFuture(), ""},
                                         {"", absl::InfinitePast(), ""}});
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument,
                          HasSubstr("timers[1].id: is empty; timers[2].due: is infinite; "
                                    "timers[3].id: is empty; timers[3].due: is infinite")));
  EXPECT_EQ(*store_->PendingCount(), 0);
  EXPECT_EQ(*store_->Get("ok"), std::nullopt);
}

TEST_F(TimerStoreTest, BadArgumentsAreRejectedNamingTheField) {
  EXPECT_THAT(store_->Schedule({"", kT, ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("timer.id: is empty")));
  EXPECT_THAT(store_->Schedule({"a", absl::InfiniteFuture(), ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("timer.due: is infinite")));
  EXPECT_THAT(store_->Schedule({"a", absl::FromUnixSeconds(int64_t{1} << 50), ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("timer.due: ")));
  EXPECT_THAT(store_->ClaimDue(kT, 0),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit: 0")));
  EXPECT_THAT(store_->ClaimDueLeased(kT, absl::ZeroDuration(), 10),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("lease: 0")));
  EXPECT_THAT(store_->ClaimDueLeased(absl::InfiniteFuture(), kLease, 10),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("now: is infinite")));
  EXPECT_THAT(store_->RecoverExpiredLeases(kT, -1),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("limit: -1")));
  EXPECT_THAT(store_->Cancel(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("id")));
  EXPECT_THAT(store_->Get(""), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("id")));
  EXPECT_THAT(store_->AckMany({"a", ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ids[1]: is empty")));
  TimerStore unnamed(client_.get(), "");
  EXPECT_THAT(unnamed.Schedule({"a", kT, ""}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("namespace")));
  EXPECT_THAT(unnamed.PendingCount(), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(*store_->PendingCount(), 0);
}

TEST_F(TimerStoreTest, KeysFollowTheDocumentedLayout) {
  ASSERT_OK(store_->Schedule({"a", kT, "p"}));
  ASSERT_OK(store_->Schedule({"b", kT + absl::Hours(1), "q"}));
  ASSERT_EQ(store_->ClaimDueLeased(kT, kLease, 10)->size(), 1u);
  ASSERT_OK_AND_ASSIGN(redis::Reply due, client_->Command({"ZSCORE", "routing:timers", "b"}));
  EXPECT_EQ(due.str, absl::StrCat(absl::ToUnixMillis(kT + absl::Hours(1))));
  ASSERT_OK_AND_ASSIGN(redis::Reply lease,
                       client_->Command({"ZSCORE", "routing:timers:inflight", "a"}));
  EXPECT_EQ(lease.str, absl::StrCat(absl::ToUnixMillis(kT + kLease)));
  ASSERT_OK_AND_ASSIGN(redis::Reply record, client_->Command({"HGETALL", "routing:timer:a"}));
  EXPECT_EQ(*record.AsStringMap(),
            (std::map<std::string, std::string>{{"due", absl::StrCat(absl::ToUnixMillis(kT))},
                                                {"payload", "p"}}));
}

}  // namespace
}  // namespace opsreport::timers
