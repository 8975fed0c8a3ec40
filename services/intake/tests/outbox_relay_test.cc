#include "outbox_relay.h"

#include "gtest/gtest.h"
#include "memory_report_store.h"
#include "opsreport/kafka/fake_broker.h"

namespace opsreport::intake {
namespace {

AcceptRequest Doc(const std::string& id, const std::string& key) {
  AcceptRequest r;
  r.document.set_id(id);
  r.document.set_root_report_id(id);
  r.document.set_unit_code("1001");
  r.document.set_idempotency_key(key);
  r.document.mutable_special_report()->set_unit_code("1001");
  r.year = 2026;
  r.fingerprint = key;
  return r;
}

TEST(OutboxRelayTest, PublishesKeyedByReportAndClearsOnConfirmation) {
  MemoryReportStore store;
  kafka::FakeBroker broker;
  auto producer = broker.NewProducer();
  base::FakeClock clock(absl::FromUnixSeconds(1773144000));
  OutboxRelay relay(&store, producer.get(), &clock, {"topic", absl::Milliseconds(10), absl::Seconds(30), 10});
  ASSERT_TRUE(store.Accept(Doc("a", "1")).ok());
  ASSERT_TRUE(store.Accept(Doc("b", "2")).ok());
  EXPECT_EQ(*relay.RunOnce(), 2);
  auto messages = broker.Messages("topic");
  ASSERT_EQ(messages.size(), 2u);
  v1::AcceptedDocument doc;
  ASSERT_TRUE(doc.ParseFromString(messages[0].payload));
  EXPECT_EQ(messages[0].key, doc.root_report_id());
  EXPECT_EQ(doc.outgoing_number().rfind("1001/2026/", 0), 0u);
  EXPECT_EQ(*store.OutboxSize(), 0);
}

TEST(OutboxRelayTest, FailedPublishIsRetriedAfterTheLease) {
  MemoryReportStore store;
  kafka::FakeBroker broker;
  auto producer = broker.NewProducer();
  base::FakeClock clock(absl::FromUnixSeconds(1773144000));
  OutboxRelay relay(&store, producer.get(), &clock, {"topic", absl::Milliseconds(10), absl::Seconds(30), 10});
  ASSERT_TRUE(store.Accept(Doc("a", "1")).ok());
  broker.FailNextSends(1, absl::UnavailableError("broker down"));
  EXPECT_EQ(*relay.RunOnce(), 1);
  EXPECT_EQ(*store.OutboxSize(), 1);
  EXPECT_EQ(*relay.RunOnce(), 0) << "leased: not re-sent before the lease ends";
  clock.Advance(absl::Seconds(30));
  EXPECT_EQ(*relay.RunOnce(), 1);
  EXPECT_EQ(*store.OutboxSize(), 0);
  EXPECT_EQ(broker.Messages("topic").size(), 1u);
}

}  // namespace
}  // namespace opsreport::intake
