#include "opsreport/outbox/relay.h"

#include "gtest/gtest.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "memory_store.h"

namespace opsreport::outbox {
namespace {

constexpr absl::Duration kLease = absl::Seconds(30);

class RelayTest : public ::testing::Test {
 protected:
  // Writes a message as a service does: leased, and handed over unless `lost`.
  Message Write(const std::string& id, bool handed_over = true) {
    Message m{id, "", "key-" + id, "payload-" + id};
    store_.Put(m, clock_.Now() + kLease);
    if (handed_over) relay_.Enqueue(m);
    return m;
  }

  MemoryStore store_;
  kafka::FakeBroker broker_;
  std::unique_ptr<kafka::Producer> producer_ = broker_.NewProducer();
  base::FakeClock clock_{absl::FromUnixSeconds(1773144000)};
  Relay relay_{&store_,
               producer_.get(),
               &clock_,
               {"default.topic", absl::Milliseconds(10), kLease, 10, absl::ZeroDuration()}};
};

TEST_F(RelayTest, HandedOverMessagesArePublishedKeyedAndCleared) {
  Write("a");
  Write("b");
  store_.Put({"c", "other.topic", "k", "p"}, clock_.Now() + kLease);
  relay_.Enqueue({"c", "other.topic", "k", "p"});
  EXPECT_EQ(*relay_.RunOnce(), 3);
  auto messages = broker_.Messages("default.topic");
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].key, "key-a");
  EXPECT_EQ(messages[0].payload, "payload-a");
  EXPECT_EQ(broker_.Messages("other.topic").size(), 1u);
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_EQ(relay_.published(), 3);
}

TEST_F(RelayTest, FailedPublishIsResentWhenTheLeaseEnds) {
  Write("a");
  broker_.FailNextSends(1, absl::UnavailableError("broker down"));
  EXPECT_EQ(*relay_.RunOnce(), 1);
  EXPECT_EQ(store_.size(), 1u);
  EXPECT_EQ(relay_.failures(), 1);
  clock_.Advance(kLease - absl::Seconds(1));
  EXPECT_EQ(*relay_.RunOnce(), 0) << "leased: not re-sent before the lease ends";
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(*relay_.RunOnce(), 1);
  EXPECT_EQ(store_.size(), 0u);
  EXPECT_EQ(broker_.Messages("default.topic").size(), 1u);
}

TEST_F(RelayTest, EntriesOfADeadProcessAreSentFromTheStore) {
  Write("lost-1", /*handed_over=*/false);
  Write("lost-2", /*handed_over=*/false);
  EXPECT_EQ(*relay_.RunOnce(), 0);
  clock_.Advance(kLease);
  EXPECT_EQ(*relay_.RunOnce(), 2);
  EXPECT_EQ(broker_.Messages("default.topic").size(), 2u);
  EXPECT_EQ(store_.size(), 0u);
}

TEST_F(RelayTest, ThreadPublishesAndStopClearsConfirmations) {
  relay_.Start();
  Write("a");
  for (int i = 0; i < 200 && broker_.Messages("default.topic").empty(); ++i) {
    absl::SleepFor(absl::Milliseconds(5));
  }
  relay_.Stop();
  EXPECT_EQ(broker_.Messages("default.topic").size(), 1u);
  EXPECT_EQ(store_.size(), 0u);
}

TEST_F(RelayTest, ReceiverModeKeepsEntriesUntilTheReceiverAcknowledges) {
  RelayOptions options = relay_.options();
  options.clear_on = RelayOptions::ClearOn::kReceiver;
  Relay relay(&store_, producer_.get(), &clock_, options);
  Message m{"hop-1", "", "k", "p"};
  store_.Put(m, clock_.Now() + kLease);
  relay.Enqueue(m);
  EXPECT_EQ(*relay.RunOnce(), 1);
  EXPECT_EQ(store_.size(), 1u) << "the broker took it; the receiver has not";
  clock_.Advance(kLease);
  EXPECT_EQ(*relay.RunOnce(), 1) << "no acknowledgement within the lease: sent again";
  EXPECT_EQ(broker_.Messages("default.topic").size(), 2u);
  ASSERT_TRUE(store_.Clear({"hop-1"}).ok());  // the receiver's acknowledgement arrives
  clock_.Advance(kLease);
  EXPECT_EQ(*relay.RunOnce(), 0);
  EXPECT_EQ(store_.size(), 0u);
}

}  // namespace
}  // namespace opsreport::outbox
