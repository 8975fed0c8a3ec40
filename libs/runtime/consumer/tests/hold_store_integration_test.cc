// HoldStore over a real redis-server: a record held under what it awaits is
// found, replaced when held again, released by the step that brings its
// prerequisite, and a release built on a stale load is refused.
#include "gtest/gtest.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::consumer {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1773129600);

kafka::Message Record(int64_t offset, const std::string& payload) {
  return {"opsreport.routing.delivered", 2, offset, "R1", payload};
}

class HoldStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis()); }

  absl::Status Hold(const v1::HeldRecord& record) {
    redis::Mutation m;
    store_->Hold(m, record);
    return outbox::CommitMutation(*client_, m);
  }

  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<HoldStore> store_ = nullptr;
};

TEST_F(HoldStoreTest, HeldRecordsWaitUnderTheirPrerequisiteAndLeaveWithIt) {
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK(Hold(HeldOf(Record(7, "a"), "delivered:h1", "report R1", kT0)));
  ASSERT_OK(Hold(HeldOf(Record(9, "b"), "doc:S1", "report R1", kT0 + absl::Seconds(1))));
  ASSERT_OK(Hold(HeldOf(Record(3, "c"), "doc:S9", "report R9", kT0 + absl::Seconds(2))));

  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting waiting, store_->Load("report R1"));
  ASSERT_EQ(waiting.records.size(), 2u);
  EXPECT_EQ(waiting.records[0].id(), "delivered:h1");
  EXPECT_EQ(MessageOf(waiting.records[0]), Record(7, "a"));
  EXPECT_EQ(waiting.records[1].id(), "doc:S1");
  ASSERT_OK_AND_ASSIGN(int64_t count, store_->Count());
  EXPECT_EQ(count, 3);
  ASSERT_OK_AND_ASSIGN(std::optional<absl::Time> oldest, store_->OldestHeldAt());
  EXPECT_EQ(oldest, kT0);

  redis::Mutation release;
  store_->Release(release, waiting);
  ASSERT_OK(outbox::CommitMutation(*client_, release));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting after, store_->Load("report R1"));
  EXPECT_TRUE(after.records.empty());
  ASSERT_OK_AND_ASSIGN(count, store_->Count());
  EXPECT_EQ(count, 1);
  ASSERT_OK_AND_ASSIGN(std::vector<v1::HeldRecord> left, store_->List(10));
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].awaits(), "report R9");
}

TEST_F(HoldStoreTest, HoldingTheSameIdAgainReplacesItAndKeepsItsAge) {
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK(Hold(HeldOf(Record(7, "a"), "delivered:h1", "report R1", kT0)));
  ASSERT_OK(Hold(HeldOf(Record(12, "a"), "delivered:h1", "report R1", kT0 + absl::Minutes(5))));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting waiting, store_->Load("report R1"));
  ASSERT_EQ(waiting.records.size(), 1u);
  EXPECT_EQ(waiting.records[0].offset(), 12);
  ASSERT_OK_AND_ASSIGN(int64_t count, store_->Count());
  EXPECT_EQ(count, 1);
  ASSERT_OK_AND_ASSIGN(std::optional<absl::Time> oldest, store_->OldestHeldAt());
  EXPECT_EQ(oldest, kT0);
}

TEST_F(HoldStoreTest, AReleaseBuiltBeforeAnotherHoldIsRefusedAsAConflict) {
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK(Hold(HeldOf(Record(7, "a"), "delivered:h1", "report R1", kT0)));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting stale, store_->Load("report R1"));
  ASSERT_OK(Hold(HeldOf(Record(8, "b"), "doc:S1", "report R1", kT0)));
  redis::Mutation release;
  store_->Release(release, stale);
  EXPECT_TRUE(absl::IsAborted(outbox::CommitMutation(*client_, release)));
  // Nothing was released: both still wait.
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting waiting, store_->Load("report R1"));
  EXPECT_EQ(waiting.records.size(), 2u);

  redis::Mutation one;
  store_->ReleaseOne(one, waiting, "doc:S1");
  ASSERT_OK(outbox::CommitMutation(*client_, one));
  ASSERT_OK_AND_ASSIGN(waiting, store_->Load("report R1"));
  ASSERT_EQ(waiting.records.size(), 1u);
  EXPECT_EQ(waiting.records[0].id(), "delivered:h1");
}

TEST_F(HoldStoreTest, AReleaseLoadedBeforeTheLastOneLeftAndAnotherCameIsRefused) {
  // Two sweepers (two replicas) load the same hold; one parks it, a new
  // record is held under the same prerequisite: the other's release must
  // not remove the record it never saw.
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK(Hold(HeldOf(Record(7, "a"), "r1", "report R1", kT0)));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting a, store_->Load("report R1"));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting b, store_->Load("report R1"));
  redis::Mutation first;
  store_->ReleaseOne(first, b, "r1");
  ASSERT_OK(outbox::CommitMutation(*client_, first));
  ASSERT_OK(Hold(HeldOf(Record(8, "b"), "r2", "report R1", kT0)));
  redis::Mutation stale;
  store_->ReleaseOne(stale, a, "r1");
  EXPECT_TRUE(absl::IsAborted(outbox::CommitMutation(*client_, stale)));
  redis::Mutation stale_all;
  store_->Release(stale_all, a);
  EXPECT_TRUE(absl::IsAborted(outbox::CommitMutation(*client_, stale_all)));
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting now, store_->Load("report R1"));
  ASSERT_EQ(now.records.size(), 1u);
  EXPECT_EQ(now.records[0].id(), "r2");
}

TEST_F(HoldStoreTest, AReleaseOfNothingStillRefusesWhenSomethingWasHeldMeanwhile) {
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK_AND_ASSIGN(HoldStore::Waiting nothing, store_->Load("report R5"));
  EXPECT_TRUE(nothing.records.empty());
  ASSERT_OK(Hold(HeldOf(Record(3, "late"), "r5", "report R5", kT0)));
  redis::Mutation m;
  store_->Release(m, nothing);
  EXPECT_TRUE(absl::IsAborted(outbox::CommitMutation(*client_, m)));
}

TEST_F(HoldStoreTest, HeldBeforeListsOnlyTheExpired) {
  store_ = std::make_unique<HoldStore>(client_.get(), "hold:test");
  ASSERT_OK(Hold(HeldOf(Record(1, "a"), "x1", "report A", kT0)));
  ASSERT_OK(Hold(HeldOf(Record(2, "b"), "x2", "report B", kT0 + absl::Hours(2))));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::HeldRecord> expired,
                       store_->HeldBefore(kT0 + absl::Hours(1), 10));
  ASSERT_EQ(expired.size(), 1u);
  EXPECT_EQ(expired[0].id(), "x1");
}

}  // namespace
}  // namespace opsreport::consumer
