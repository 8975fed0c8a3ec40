// One atomic step over a real redis-server: guards map to typed outcomes,
// nothing is written or handed off unless the whole step is stored, and a
// versioned record's write is guarded by the version read.
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/outbox/step.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::outbox {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class StepTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, opsreport::testing::EmptySharedRedis());
    store_ = std::make_unique<RedisStore>(client_.get(), "steptest");
    sink_ = {store_.get(), [this](const Message& m) { handed_.push_back(m.id); }};
  }
  int64_t Pending() {
    absl::StatusOr<int64_t> n = store_->Size();
    EXPECT_OK(n);
    return n.ok() ? *n : -1;
  }
  Step Applying(const std::string& id) {
    Step step;
    step.RequireAbsent("applied:" + id, Guard::kDuplicate);
    step.mutation().Do({"SET", "applied:" + id, "1"});
    step.Put(sink_, {id, "t", "k", "payload"}, absl::Now() + absl::Seconds(30));
    return step;
  }

  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<RedisStore> store_;
  Sink sink_;
  std::vector<std::string> handed_;
};

TEST_F(StepTest, AStoredStepHandsOffItsMessagesOnce) {
  Step step = Applying("m1");
  ASSERT_OK(step.Commit(*client_));
  EXPECT_THAT(handed_, ElementsAre("m1"));
  EXPECT_EQ(Pending(), 1);
}

TEST_F(StepTest, ADuplicateIsAlreadyExistsAndChangesNothing) {
  Step first = Applying("m1");
  ASSERT_OK(first.Commit(*client_));
  Step again = Applying("m1");
  EXPECT_TRUE(absl::IsAlreadyExists(again.Commit(*client_)));
  EXPECT_THAT(handed_, ElementsAre("m1"));
  EXPECT_EQ(Pending(), 1);
}

TEST_F(StepTest, AVersionedWriteAfterAConcurrentOneIsAborted) {
  redis::Mutation create;
  PutVersioned(create, "rec", 0, "v1");
  ASSERT_OK(CommitMutation(*client_, create));
  redis::Mutation create_again;  // also read "absent": beaten by the first
  PutVersioned(create_again, "rec", 0, "other");
  EXPECT_TRUE(absl::IsAborted(CommitMutation(*client_, create_again)));

  Step stale;
  PutVersioned(stale.mutation(), "rec", 2, "v3");  // read a version that never was
  stale.Put(sink_, {"m2", "t", "k", "p"}, absl::Now());
  EXPECT_TRUE(absl::IsAborted(stale.Commit(*client_)));
  EXPECT_THAT(handed_, IsEmpty());
  EXPECT_EQ(Pending(), 0);

  Step next;
  PutVersioned(next.mutation(), "rec", 1, "v2");
  ASSERT_OK(next.Commit(*client_));
  ASSERT_OK_AND_ASSIGN(redis::Reply body, client_->Command({"HMGET", "rec", "body", "v"}));
  ASSERT_EQ(body.elements.size(), 2u);
  EXPECT_EQ(body.elements[0].str, "v2");
  EXPECT_EQ(body.elements[1].str, "2");
}

TEST_F(StepTest, VersionedRecordsLoadInOrderAbsentAsVersionZero) {
  redis::Mutation create;
  PutVersioned(create, "a", 0, "body a");
  ASSERT_OK(CommitMutation(*client_, create));
  ASSERT_OK_AND_ASSIGN(std::vector<VersionedBody> loaded, LoadVersioned(*client_, {"none", "a"}));
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].version, 0);
  EXPECT_EQ(loaded[1].version, 1);
  EXPECT_EQ(loaded[1].body, "body a");
  ASSERT_OK(client_->Command({"HSET", "bad", "body", "x", "v", "one"}));
  absl::StatusOr<std::vector<VersionedBody>> bad = LoadVersioned(*client_, {"bad"});
  EXPECT_TRUE(absl::IsDataLoss(bad.status())) << bad.status();
}

}  // namespace
}  // namespace opsreport::outbox
