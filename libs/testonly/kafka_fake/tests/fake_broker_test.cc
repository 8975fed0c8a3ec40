#include "opsreport/kafka_fake/fake_broker.h"

#include <map>
#include <set>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::kafka {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;

Message Msg(std::string topic, int32_t partition, int64_t offset, std::string key,
            std::string payload) {
  return Message{std::move(topic), partition, offset, std::move(key), std::move(payload)};
}

TEST(FakeBrokerTest, SendThenPollDeliversInOrderWithOffsets) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("reports", "r1", "a").ok());
  ASSERT_TRUE(producer->Send("reports", "r2", "b").ok());

  auto consumer = broker.NewConsumer("routing", {"reports"});
  auto first = consumer->Poll(absl::ZeroDuration());
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(*first, Optional(Msg("reports", 0, 0, "r1", "a")));
  auto second = consumer->Poll(absl::ZeroDuration());
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(*second, Optional(Msg("reports", 0, 1, "r2", "b")));
  auto none = consumer->Poll(absl::Milliseconds(10));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, std::nullopt);
  EXPECT_THAT(broker.Messages("reports"),
              ElementsAre(Msg("reports", 0, 0, "r1", "a"), Msg("reports", 0, 1, "r2", "b")));
  EXPECT_THAT(broker.Messages("unknown"), IsEmpty());
}

TEST(FakeBrokerTest, PollWakesWhenAMessageArrivesFromAnotherThread) {
  FakeBroker broker;
  auto consumer = broker.NewConsumer("g", {"t"});
  std::thread sender([&] {
    absl::SleepFor(absl::Milliseconds(20));
    ASSERT_TRUE(broker.NewProducer()->Send("t", "k", "late").ok());
  });
  auto polled = consumer->Poll(absl::Seconds(5));
  sender.join();
  ASSERT_TRUE(polled.ok());
  EXPECT_THAT(*polled, Optional(Field(&Message::payload, "late")));
}

TEST(FakeBrokerTest, UnackedMessageIsRedeliveredToNextConsumerOfTheGroup) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(producer->Send("t", "k", absl::StrCat(i)).ok());

  auto first = broker.NewConsumer("g", {"t"});
  auto m0 = first->Poll(absl::ZeroDuration());
  auto m1 = first->Poll(absl::ZeroDuration());
  ASSERT_TRUE(m0.ok() && m0->has_value() && m1.ok() && m1->has_value());
  ASSERT_TRUE(first->Ack(**m0).ok());  // m1 polled but never acknowledged: a crash.
  first.reset();
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 1);

  auto second = broker.NewConsumer("g", {"t"});
  auto again = second->Poll(absl::ZeroDuration());
  ASSERT_TRUE(again.ok());
  EXPECT_THAT(*again, Optional(Field(&Message::payload, "1")));

  // Another group has its own offsets and starts at the beginning.
  auto other = broker.NewConsumer("other", {"t"});
  auto fresh = other->Poll(absl::ZeroDuration());
  ASSERT_TRUE(fresh.ok());
  EXPECT_THAT(*fresh, Optional(Field(&Message::payload, "0")));
}

TEST(FakeBrokerTest, AckNeverMovesTheCommittedOffsetBackwards) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(producer->Send("t", "k", absl::StrCat(i)).ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  ASSERT_TRUE(consumer->Ack(Msg("t", 0, 2, "k", "2")).ok());
  ASSERT_TRUE(consumer->Ack(Msg("t", 0, 0, "k", "0")).ok());
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 3);
}

TEST(FakeBrokerTest, AckRejectsMessagesThatWereNeverProducedNamingTheField) {
  FakeBroker broker;
  ASSERT_TRUE(broker.NewProducer()->Send("t", "k", "v").ok());
  auto consumer = broker.NewConsumer("g", {"t"});

  absl::Status wrong_topic = consumer->Ack(Msg("elsewhere", 0, 0, "", ""));
  EXPECT_EQ(wrong_topic.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(wrong_topic.message(), HasSubstr("message.topic"));

  absl::Status wrong_partition = consumer->Ack(Msg("t", 1, 0, "", ""));
  EXPECT_THAT(wrong_partition.message(), HasSubstr("message.partition"));

  absl::Status beyond_end = consumer->Ack(Msg("t", 0, 1, "", ""));
  EXPECT_THAT(beyond_end.message(), HasSubstr("message.offset"));

  absl::Status negative = consumer->Ack(Msg("t", 0, -1, "", ""));
  EXPECT_THAT(negative.message(), HasSubstr("message.offset"));
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 0);
}

TEST(FakeBrokerTest, FailNextSendsFailsExactlyNSendsAndStoresNothing) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  broker.FailNextSends(2, absl::UnavailableError("broker down"));

  EXPECT_EQ(producer->Send("t", "k", "1").code(), absl::StatusCode::kUnavailable);
  absl::Status async_status;
  int calls = 0;
  producer->SendAsync("t", "k", "2", [&](absl::Status s) {
    async_status = s;
    ++calls;
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(async_status.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(producer->Send("t", "k", "3").ok());
  EXPECT_THAT(broker.Messages("t"), ElementsAre(Field(&Message::payload, "3")));
  EXPECT_TRUE(producer->Flush(absl::ZeroDuration()).ok());
}

TEST(FakeBrokerTest, SendRejectsInvalidTopicNames) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  EXPECT_EQ(producer->Send("", "k", "v").code(), absl::StatusCode::kInvalidArgument);
  absl::Status bad_char = producer->Send("bad topic", "k", "v");
  EXPECT_EQ(bad_char.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_char.message(), HasSubstr("topic"));
  EXPECT_EQ(producer->Send(std::string(250, 'a'), "k", "v").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(producer->Send(std::string(249, 'a'), "k", "v").ok());
}

TEST(FakeBrokerTest, KeysStickToOnePartitionOfAMultiPartitionTopic) {
  FakeBroker broker;
  ASSERT_TRUE(broker.CreateTopic("multi", 4).ok());
  EXPECT_EQ(broker.CreateTopic("multi", 4).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(broker.CreateTopic("zero", 0).code(), absl::StatusCode::kInvalidArgument);
  auto producer = broker.NewProducer();
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(producer->Send("multi", absl::StrCat("key", i % 5), absl::StrCat(i)).ok());
  }
  std::map<std::string, std::set<int32_t>> partitions_of_key;
  std::map<std::string, std::vector<std::string>> order_of_key;
  auto consumer = broker.NewConsumer("g", {"multi"});
  for (int i = 0; i < 20; ++i) {
    auto m = consumer->Poll(absl::ZeroDuration());
    ASSERT_TRUE(m.ok() && m->has_value());
    partitions_of_key[(*m)->key].insert((*m)->partition);
    order_of_key[(*m)->key].push_back((*m)->payload);
  }
  EXPECT_EQ(partitions_of_key.size(), 5u);
  for (const auto& [key, parts] : partitions_of_key) EXPECT_EQ(parts.size(), 1u) << key;
  EXPECT_THAT(order_of_key["key0"], ElementsAre("0", "5", "10", "15"));
}

TEST(FakeBrokerTest, ConcurrentSendsAreAllStoredWithDistinctOffsets) {
  FakeBroker broker;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&broker, t] {
      auto producer = broker.NewProducer();
      for (int i = 0; i < kPerThread; ++i) {
        ASSERT_TRUE(producer->Send("t", "k", absl::StrCat(t, "-", i)).ok());
      }
    });
  }
  for (auto& th : threads) th.join();
  auto messages = broker.Messages("t");
  ASSERT_EQ(messages.size(), static_cast<size_t>(kThreads * kPerThread));
  for (size_t i = 0; i < messages.size(); ++i)
    EXPECT_EQ(messages[i].offset, static_cast<int64_t>(i));
}

TEST(FakeBrokerTest, ProducersAndConsumersMayOutliveTheBroker) {
  auto broker = std::make_unique<FakeBroker>();
  auto producer = broker->NewProducer();
  auto consumer = broker->NewConsumer("g", {"t"});
  broker.reset();
  EXPECT_TRUE(producer->Send("t", "k", "v").ok());
  auto m = consumer->Poll(absl::ZeroDuration());
  ASSERT_TRUE(m.ok());
  EXPECT_THAT(*m, Optional(Field(&Message::payload, "v")));
}

}  // namespace
}  // namespace opsreport::kafka
