// ParkingLot and HoldSweeper over a real redis-server: a parked record is
// kept whole with its reason and copied to the dead-letter outbox in the same
// step; a parked record holding its key makes later ones wait behind it, and
// replaying it brings those along in order; an expired hold is parked.
#include "gtest/gtest.h"
#include "opsreport/consumer/hold_sweeper.h"
#include "opsreport/consumer/parking_lot.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::consumer {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1773129600);
constexpr char kTopic[] = "opsreport.reports.accepted";

kafka::Message Record(int64_t offset, const std::string& key, const std::string& payload) {
  return {kTopic, 1, offset, key, payload};
}

class ParkingLotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis());
    dead_store_ = std::make_unique<outbox::RedisStore>(client_.get(), "park:svc:pub");
    lot_ = std::make_unique<ParkingLot>(
        client_.get(), "svc", "opsreport.dead-letters",
        outbox::Sink{dead_store_.get(), [this](const outbox::Message& m) { sent_.push_back(m); }},
        &clock_);
    ASSERT_OK(lot_->Load());
  }

  std::unique_ptr<redis::Client> client_;
  base::FakeClock clock_{kT0};
  std::unique_ptr<outbox::RedisStore> dead_store_;
  std::unique_ptr<ParkingLot> lot_;
  std::vector<outbox::Message> sent_;
};

TEST_F(ParkingLotTest, AParkedRecordIsKeptWholeAndCopiedToTheDeadLetterTopic) {
  kafka::Parked p{Record(41, "R1", "payload"), kafka::ParkCause::kRetriesExhausted,
                  "UNAVAILABLE: redis down", 8, kT0 - absl::Seconds(20)};
  ASSERT_OK(lot_->Park(p));
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page page, lot_->List(10, ""));
  ASSERT_EQ(page.total, 1);
  ASSERT_EQ(page.records.size(), 1u);
  const v1::ParkedRecord& r = page.records[0];
  EXPECT_EQ(r.id(), "opsreport.reports.accepted/1@41");
  EXPECT_EQ(r.service(), "svc");
  EXPECT_EQ(r.topic(), kTopic);
  EXPECT_EQ(r.partition(), 1);
  EXPECT_EQ(r.offset(), 41);
  EXPECT_EQ(r.key(), "R1");
  EXPECT_EQ(r.payload(), "payload");
  EXPECT_EQ(r.error(), "UNAVAILABLE: redis down");
  EXPECT_EQ(r.attempts(), 8);
  EXPECT_EQ(r.cause(), v1::ParkedRecord::CAUSE_RETRIES_EXHAUSTED);

  ASSERT_EQ(sent_.size(), 1u);
  EXPECT_EQ(sent_[0].topic, "opsreport.dead-letters");
  EXPECT_EQ(sent_[0].key, r.id());
  v1::ParkedRecord copy;
  ASSERT_TRUE(copy.ParseFromString(sent_[0].payload));
  EXPECT_EQ(copy.payload(), "payload");
  ASSERT_OK_AND_ASSIGN(int64_t in_outbox, dead_store_->Size());
  EXPECT_EQ(in_outbox, 1);  // the relay sends it again if that hand-off is lost
  ASSERT_OK_AND_ASSIGN(std::optional<absl::Time> oldest, lot_->OldestParkedAt());
  EXPECT_EQ(oldest, kT0);
}

TEST_F(ParkingLotTest, OnlyARecordThatHoldsItsKeyMakesOthersWaitAndReplayBringsThemInOrder) {
  ASSERT_OK(lot_->Park({Record(5, "R2", "never"), kafka::ParkCause::kInvalid, "bad", 1}));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R2"), std::nullopt);

  kafka::Parked head{Record(7, "R1", "report"), kafka::ParkCause::kRetriesExhausted, "down", 8};
  head.holds_key = true;
  ASSERT_OK(lot_->Park(head));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), "opsreport.reports.accepted/1@7");
  EXPECT_EQ(lot_->HeldBy(kTopic, "R3"), std::nullopt);
  kafka::Parked behind{Record(9, "R1", "supplement"), kafka::ParkCause::kBehind, "waits", 0};
  behind.behind = "opsreport.reports.accepted/1@7";
  ASSERT_OK(lot_->Park(behind));

  // Another process (a restarted one) reads the held keys back.
  ParkingLot reread(client_.get(), "svc", "opsreport.dead-letters",
                    outbox::Sink{dead_store_.get(), nullptr}, &clock_);
  ASSERT_OK(reread.Load());
  EXPECT_EQ(reread.HeldBy(kTopic, "R1"), "opsreport.reports.accepted/1@7");

  ASSERT_OK_AND_ASSIGN(std::vector<kafka::Parked> replay,
                       lot_->ForReplay({"opsreport.reports.accepted/1@7"}, false));
  ASSERT_EQ(replay.size(), 2u);
  EXPECT_EQ(replay[0].message.payload, "report");
  EXPECT_EQ(replay[1].message.payload, "supplement");

  // The head applies; the one behind fails again and now holds the key.
  ASSERT_OK(lot_->Replayed(replay[0], absl::OkStatus()));
  replay[1].holds_key = true;
  ASSERT_OK(lot_->Replayed(replay[1], absl::UnavailableError("still down")));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), "opsreport.reports.accepted/1@9");
  ASSERT_OK(lot_->Replayed(replay[1], absl::OkStatus()));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), std::nullopt);
  ASSERT_OK_AND_ASSIGN(int64_t left, lot_->Count());
  EXPECT_EQ(left, 1);  // the invalid one

  EXPECT_TRUE(absl::IsNotFound(lot_->ForReplay({"nope/0@1"}, false).status()));
  ASSERT_OK_AND_ASSIGN(std::vector<kafka::Parked> all, lot_->ForReplay({}, true));
  EXPECT_EQ(all.size(), 1u);
}

TEST_F(ParkingLotTest, ARecordParkedBehindAHeadReplayedMeanwhileHoldsTheKeyItself) {
  kafka::Parked head{Record(7, "R1", "report"), kafka::ParkCause::kRetriesExhausted, "down", 8};
  head.holds_key = true;
  ASSERT_OK(lot_->Park(head));
  // Another loop saw the key held, then the head was replayed and removed.
  ASSERT_OK(lot_->Replayed(head, absl::OkStatus()));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), std::nullopt);
  kafka::Parked behind{Record(9, "R1", "supplement"), kafka::ParkCause::kBehind, "waits", 0};
  behind.behind = "opsreport.reports.accepted/1@7";
  ASSERT_OK(lot_->Park(behind));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), "opsreport.reports.accepted/1@9");
  auto heads = client_->Command({"HGET", "park:svc:heads", std::string(kTopic) + "\x1fR1"});
  ASSERT_TRUE(heads.ok());
  EXPECT_EQ(heads->str, "opsreport.reports.accepted/1@9");
  // Read again (its commit lost), it keeps what it was parked with.
  kafka::Parked again = behind;
  again.error = "overwritten?";
  ASSERT_OK(lot_->Park(again));
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page page, lot_->List(10, ""));
  ASSERT_EQ(page.records.size(), 1u);
  EXPECT_EQ(page.records[0].error(), "waits");
  // Replayed and now impossible: it no longer holds the key.
  kafka::Parked invalid = behind;
  invalid.cause = kafka::ParkCause::kInvalid;
  invalid.holds_key = false;
  ASSERT_OK(lot_->Replayed(invalid, absl::InvalidArgumentError("bad")));
  EXPECT_EQ(lot_->HeldBy(kTopic, "R1"), std::nullopt);
  ASSERT_OK_AND_ASSIGN(int64_t left, lot_->Count());
  EXPECT_EQ(left, 1);
}

TEST_F(ParkingLotTest, ListingPagesOldestFirst) {
  for (int i = 0; i < 5; ++i) {
    clock_.Advance(absl::Seconds(1));
    ASSERT_OK(lot_->Park(
        {Record(i, "K" + std::to_string(i), "p"), kafka::ParkCause::kInvalid, "bad", 1}));
  }
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page first, lot_->List(2, ""));
  ASSERT_EQ(first.records.size(), 2u);
  EXPECT_EQ(first.records[0].offset(), 0);
  EXPECT_EQ(first.total, 5);
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page last, lot_->List(3, first.next_page_token));
  ASSERT_EQ(last.records.size(), 3u);
  EXPECT_EQ(last.records[2].offset(), 4);
  EXPECT_EQ(last.next_page_token, "");
  EXPECT_TRUE(absl::IsInvalidArgument(lot_->List(2, "x").status()));
}

TEST_F(ParkingLotTest, AHoldOlderThanTheLimitIsParkedWithWhatItAwaited) {
  HoldStore holds(client_.get(), "hold:svc");
  redis::Mutation m;
  holds.Hold(m, HeldOf(Record(3, "R9", "delivery"), "delivered:h9", "report R9", kT0));
  holds.Hold(
      m, HeldOf(Record(4, "R8", "fresh"), "delivered:h8", "report R8", kT0 + absl::Minutes(50)));
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  HoldSweeper sweeper(&holds, lot_.get(), client_.get(), &clock_, absl::Hours(1), absl::Seconds(1));
  clock_.Advance(absl::Minutes(61));
  ASSERT_OK_AND_ASSIGN(int parked, sweeper.SweepOnce());
  EXPECT_EQ(parked, 1);
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page page, lot_->List(10, ""));
  ASSERT_EQ(page.records.size(), 1u);
  EXPECT_EQ(page.records[0].cause(), v1::ParkedRecord::CAUSE_HOLD_EXPIRED);
  EXPECT_EQ(page.records[0].payload(), "delivery");
  EXPECT_NE(page.records[0].error().find("report R9 did not arrive within 1h"), std::string::npos)
      << page.records[0].error();
  EXPECT_FALSE(page.records[0].holds_key());
  ASSERT_OK_AND_ASSIGN(int64_t held, holds.Count());
  EXPECT_EQ(held, 1);
  ASSERT_OK_AND_ASSIGN(parked, sweeper.SweepOnce());
  EXPECT_EQ(parked, 0);
}

TEST_F(ParkingLotTest, AHeldRecordRefusedWhenItsPrerequisiteCameIsParkedWithTheReason) {
  HoldStore holds(client_.get(), "hold:svc", lot_.get());
  const v1::HeldRecord held = HeldOf(Record(6, "R7", "supplement"), "doc:S7", "report R7", kT0);
  redis::Mutation m;
  holds.Hold(m, held);
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting waiting, holds.Load("report R7"));
  ASSERT_OK(holds.Park(waiting, waiting.records[0], "supplement.item: no longer in the catalogue"));
  ASSERT_OK_AND_ASSIGN(int64_t held_now, holds.Count());
  EXPECT_EQ(held_now, 0);
  ASSERT_OK_AND_ASSIGN(ParkingLot::Page page, lot_->List(10, ""));
  ASSERT_EQ(page.records.size(), 1u);
  EXPECT_EQ(page.records[0].cause(), v1::ParkedRecord::CAUSE_INVALID);
  EXPECT_EQ(page.records[0].error(),
            "held for report R7, then refused: supplement.item: no longer in the catalogue");
  EXPECT_EQ(page.records[0].payload(), "supplement");
  EXPECT_EQ(sent_.size(), 1u);  // its copy on the dead-letter topic
  // Parking from a stale load is refused like a release.
  redis::Mutation again;
  holds.Hold(again, held);
  ASSERT_OK(outbox::CommitMutation(*client_, again));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting fresh, holds.Load("report R7"));
  redis::Mutation bump;
  holds.Hold(bump, HeldOf(Record(9, "R7", "other"), "doc:S8", "report R7", kT0));
  ASSERT_OK(outbox::CommitMutation(*client_, bump));
  EXPECT_TRUE(absl::IsAborted(holds.Park(fresh, fresh.records[0], "x")));
  HoldStore without(client_.get(), "hold:svc");
  EXPECT_TRUE(absl::IsFailedPrecondition(without.Park(fresh, fresh.records[0], "x")));
}

}  // namespace
}  // namespace opsreport::consumer
