// ApplyLoop over the in-memory broker: applied records are committed,
// rejected ones skipped, transient failures retried in place.
#include "opsreport/kafka/apply_loop.h"

#include <vector>

#include "gtest/gtest.h"
#include "opsreport/kafka_fake/fake_broker.h"

namespace opsreport::kafka {
namespace {

TEST(ApplyLoopTest, AppliesInOrderRetriesTransientFailuresAndSkipsRejects) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  for (const char* p : {"a", "bad", "c"}) ASSERT_TRUE(producer->Send("t", "k", p).ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  std::vector<std::string> seen;
  int transient = 2;
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        seen.push_back(m.payload);
        if (m.payload == "bad") return absl::InvalidArgumentError("cannot apply");
        if (m.payload == "c" && transient-- > 0) return absl::UnavailableError("redis down");
        return absl::OkStatus();
      },
      "test");
  while (loop.RunOnce(absl::ZeroDuration())) {
  }
  loop.CommitApplied();
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "bad", "c", "c", "c"}));
  EXPECT_EQ(loop.applied(), 3);
  EXPECT_EQ(loop.rejected(), 1);
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 3);
}

TEST(ApplyLoopTest, NothingIsCommittedBeforeItIsApplied) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("t", "k", "a").ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  ApplyLoop loop(
      consumer.get(), [](const Message&) { return absl::OkStatus(); }, "test");
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 0);
  EXPECT_TRUE(loop.RunOnce(absl::ZeroDuration()));
  loop.CommitApplied();
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 1);
  EXPECT_FALSE(loop.RunOnce(absl::ZeroDuration()));
}

}  // namespace
}  // namespace opsreport::kafka
