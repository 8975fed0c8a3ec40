#include "outbox_relay.h"

#include "gtest/gtest.h"
#include "memory_report_store.h"
#include "opsreport/kafka/fake_broker.h"

namespace opsreport::intake {
namespace {

constexpr absl::Duration kLease = absl::Seconds(30);

class OutboxRelayTest : public ::testing::Test {
 protected:
  // Accepts a document the way intake does: outbox entry leased, document handed over.
  v1::AcceptedDocument Accept(const std::string& id) {
    AcceptRequest r;
    r.document.set_id(id);
    r.document.set_root_report_id(id);
    r.document.set_unit_code("1001");
    r.document.set_idempotency_key(id);
    r.document.mutable_special_report()->set_unit_code("1001");
    r.year = 2026;
    r.fingerprint = id;
    r.outbox_due = clock_.Now() + kLease;
    AcceptOutcome outcome = *store_.Accept(r);
    ApplyNumbers(r.document, outcome.registration_number, outcome.outgoing_number);
    return r.document;
  }

  MemoryReportStore store_;
  kafka::FakeBroker broker_;
  std::unique_ptr<kafka::Producer> producer_ = broker_.NewProducer();
  base::FakeClock clock_{absl::FromUnixSeconds(1773144000)};
  OutboxRelay relay_{
      &store_, producer_.get(), &clock_, {"topic", absl::Milliseconds(10), kLease, 10}};
};

TEST_F(OutboxRelayTest, HandedOverDocumentsArePublishedKeyedAndCleared) {
  relay_.Enqueue(Accept("a"));
  relay_.Enqueue(Accept("b"));
  EXPECT_EQ(*relay_.RunOnce(), 2);
  auto messages = broker_.Messages("topic");
  ASSERT_EQ(messages.size(), 2u);
  v1::AcceptedDocument doc;
  ASSERT_TRUE(doc.ParseFromString(messages[0].payload));
  EXPECT_EQ(messages[0].key, doc.root_report_id());
  EXPECT_EQ(doc.outgoing_number().rfind("1001/2026/", 0), 0u);
  EXPECT_EQ(*store_.OutboxSize(), 0);
  EXPECT_EQ(relay_.published(), 2);
}

TEST_F(OutboxRelayTest, FailedPublishIsResentWhenTheLeaseEnds) {
  relay_.Enqueue(Accept("a"));
  broker_.FailNextSends(1, absl::UnavailableError("broker down"));
  EXPECT_EQ(*relay_.RunOnce(), 1);
  EXPECT_EQ(*store_.OutboxSize(), 1);
  clock_.Advance(kLease - absl::Seconds(1));
  EXPECT_EQ(*relay_.RunOnce(), 0) << "leased: not re-sent before the lease ends";
  clock_.Advance(absl::Seconds(1));
  EXPECT_EQ(*relay_.RunOnce(), 1);
  EXPECT_EQ(*store_.OutboxSize(), 0);
  EXPECT_EQ(broker_.Messages("topic").size(), 1u);
}

TEST_F(OutboxRelayTest, EntriesOfADeadProcessAreSentFromTheStore) {
  // Accepted but never handed over: the process died before publishing.
  Accept("lost-1");
  Accept("lost-2");
  clock_.Advance(kLease);
  EXPECT_EQ(*relay_.RunOnce(), 2);
  EXPECT_EQ(broker_.Messages("topic").size(), 2u);
  EXPECT_EQ(*store_.OutboxSize(), 0);
}

}  // namespace
}  // namespace opsreport::intake
