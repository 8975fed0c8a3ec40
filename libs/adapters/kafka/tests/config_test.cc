// Config validation and client behaviour that needs no broker at all.

#include <atomic>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/kafka/rdkafka_client.h"

namespace opsreport::kafka {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

// Nothing listens on port 1, so connections are refused at once.
constexpr char kNowhere[] = "127.0.0.1:1";

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(status)) out.push_back(v.field);
  return out;
}

TEST(ProducerConfigTest, RejectsBadBootstrapStrings) {
  for (const char* bootstrap : {"", "   ", "localhost", "localhost:", "host:0", "host:65536",
                                "host:port", ":9092", "a:1,,b:2"}) {
    ProducerConfig config;
    config.bootstrap = bootstrap;
    auto producer = NewKafkaProducer(config);
    ASSERT_FALSE(producer.ok()) << bootstrap;
    EXPECT_EQ(producer.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(Fields(producer.status()), Contains("bootstrap")) << bootstrap;
  }
}

TEST(ProducerConfigTest, AcceptsBootstrapListsWithSchemesAndIpv6) {
  ProducerConfig config;
  config.bootstrap = "PLAINTEXT://127.0.0.1:1, [::1]:2,localhost:65535";
  EXPECT_TRUE(NewKafkaProducer(config).ok());
}

TEST(ProducerConfigTest, CollectsEveryFaultNamingEachKey) {
  ProducerConfig config;
  config.bootstrap = "nohost";
  config.client_id = "";
  config.delivery_timeout = absl::ZeroDuration();
  config.extra = {{"no.such.property", "1"}, {"acks", "1"}, {"linger.ms", "-5"}};
  auto producer = NewKafkaProducer(config);
  ASSERT_FALSE(producer.ok());
  EXPECT_EQ(producer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(producer.status()),
              UnorderedElementsAre("bootstrap", "client_id", "delivery_timeout", "extra[acks]",
                                   "extra[no.such.property]", "extra[linger.ms]"));
  EXPECT_THAT(producer.status().message(), HasSubstr("No such configuration property"));
}

TEST(ProducerConfigTest, ReportsCrossPropertyConflictsFromLibrdkafka) {
  ProducerConfig config;
  config.bootstrap = kNowhere;
  config.extra = {{"max.in.flight.requests.per.connection", "10"}};
  auto producer = NewKafkaProducer(config);
  ASSERT_FALSE(producer.ok());
  EXPECT_EQ(producer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(producer.status().message(), HasSubstr("max.in.flight"));
}

TEST(ConsumerConfigTest, CollectsEveryFault) {
  ConsumerConfig config;
  config.bootstrap = "";
  config.group_id = "";
  config.topics = {"ok", "", "bad/name"};
  config.extra = {{"enable.auto.commit", "true"}};
  auto consumer = NewKafkaConsumer(config);
  ASSERT_FALSE(consumer.ok());
  EXPECT_EQ(consumer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(consumer.status()),
              UnorderedElementsAre("bootstrap", "group_id", "topics[1]", "topics[2]",
                                   "extra[enable.auto.commit]"));
}

TEST(ConsumerConfigTest, RejectsNoTopicsAndUnknownExtraKeys) {
  ConsumerConfig config;
  config.bootstrap = kNowhere;
  config.group_id = "g";
  auto consumer = NewKafkaConsumer(config);
  ASSERT_FALSE(consumer.ok());
  EXPECT_THAT(Fields(consumer.status()), UnorderedElementsAre("topics"));

  config.topics = {"t"};
  config.extra = {{"session.timeout.ms", "not-a-number"}};
  consumer = NewKafkaConsumer(config);
  ASSERT_FALSE(consumer.ok());
  EXPECT_THAT(Fields(consumer.status()), UnorderedElementsAre("extra[session.timeout.ms]"));
}

TEST(ConsumerConfigTest, ValidConfigPollsNothingFromAnUnreachableBroker) {
  ConsumerConfig config;
  config.bootstrap = kNowhere;
  config.group_id = "g";
  config.topics = {"t"};
  auto consumer = NewKafkaConsumer(config);
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  auto polled = (*consumer)->Poll(absl::Milliseconds(50));
  ASSERT_TRUE(polled.ok()) << polled.status();
  EXPECT_EQ(*polled, std::nullopt);
  absl::Status bad_ack = (*consumer)->Ack(Message{"", -1, -1, "", ""});
  EXPECT_THAT(Fields(bad_ack),
              UnorderedElementsAre("message.topic", "message.partition", "message.offset"));
}

TEST(EnsureTopicsTest, RejectsBadArgumentsBeforeConnecting) {
  absl::Status status = EnsureTopics("", {"ok", "bad topic"}, 0, 0);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(status),
              UnorderedElementsAre("bootstrap", "topics[1]", "partitions", "replication_factor"));
  EXPECT_THAT(Fields(EnsureTopics(kNowhere, {}, 1, 1)), UnorderedElementsAre("topics"));
}

TEST(ProducerTest, SendToUnreachableBrokerFailsWithinDeliveryTimeout) {
  ProducerConfig config;
  config.bootstrap = kNowhere;
  config.delivery_timeout = absl::Milliseconds(300);
  auto producer = NewKafkaProducer(config);
  ASSERT_TRUE(producer.ok()) << producer.status();
  const absl::Time start = absl::Now();
  absl::Status status = (*producer)->Send("t", "k", "v");
  EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  EXPECT_LT(absl::Now() - start, absl::Seconds(3));
  EXPECT_THAT((*producer)->Send("bad topic", "k", "v").message(), HasSubstr("topic"));
}

TEST(ProducerTest, DestroyingFailsUndeliveredRecordsInsteadOfDroppingThem) {
  ProducerConfig config;
  config.bootstrap = kNowhere;
  config.delivery_timeout = absl::Seconds(60);
  auto producer = NewKafkaProducer(config);
  ASSERT_TRUE(producer.ok()) << producer.status();
  std::atomic<int> calls{0};
  absl::Status last;
  absl::Notification done;
  (*producer)->SendAsync("t", "k", "v", [&](absl::Status s) {
    last = s;
    if (++calls == 1) done.Notify();
  });
  EXPECT_EQ((*producer)->Flush(absl::Milliseconds(50)).code(), absl::StatusCode::kDeadlineExceeded);
  const absl::Time start = absl::Now();
  producer->reset();
  EXPECT_LT(absl::Now() - start, absl::Seconds(6));
  ASSERT_TRUE(done.HasBeenNotified());
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(last.code(), absl::StatusCode::kAborted) << last;
}

}  // namespace
}  // namespace opsreport::kafka
