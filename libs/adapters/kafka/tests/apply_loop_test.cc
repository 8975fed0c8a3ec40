// ApplyLoop over the in-memory broker and dead letters: applied records are
// committed; a record that can never apply is parked at once; a transient
// failure is retried and then parked while the records behind it go on;
// same-key order is kept on topics that ask for it; a loop that cannot even
// park keeps the record and says it is stalled; parked records replay once.
#include "opsreport/kafka/apply_loop.h"

#include <set>
#include <vector>

#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "opsreport/kafka_fake/memory_dead_letters.h"

namespace opsreport::kafka {
namespace {

ApplyLoopOptions Fast(std::set<std::string> ordered = {}) {
  ApplyLoopOptions o;
  o.name = "test";
  o.retry = {3, absl::Milliseconds(1), absl::Milliseconds(2)};
  o.keeps_key_order = [ordered](const std::string& topic) { return ordered.count(topic) > 0; };
  return o;
}

void Drain(ApplyLoop& loop) {
  while (loop.RunOnce(absl::ZeroDuration())) {
  }
  loop.CommitApplied();
}

TEST(ApplyLoopTest, ARecordThatCanNeverApplyIsParkedAtOnceAndTheRestGoOn) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  for (const char* p : {"a", "bad", "c"}) ASSERT_TRUE(producer->Send("t", "k", p).ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  MemoryDeadLetters dead;
  std::vector<std::string> seen;
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        seen.push_back(m.payload);
        if (m.payload == "bad") return absl::InvalidArgumentError("hop: unknown case R9");
        return absl::OkStatus();
      },
      &dead, Fast());
  Drain(loop);
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "bad", "c"}));  // tried once, not retried
  EXPECT_EQ(loop.applied(), 2);
  EXPECT_EQ(loop.parked(), 1);
  ASSERT_EQ(dead.parked().size(), 1u);
  EXPECT_EQ(dead.parked()[0].cause, ParkCause::kInvalid);
  EXPECT_EQ(dead.parked()[0].error, "hop: unknown case R9");
  EXPECT_EQ(dead.parked()[0].message.payload, "bad");
  EXPECT_FALSE(dead.parked()[0].holds_key);
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 3);
}

TEST(ApplyLoopTest, ATransientFailureIsRetriedThenParkedAndTheRecordsBehindItAreApplied) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  for (const char* p : {"a", "stuck", "c"}) ASSERT_TRUE(producer->Send("t", "k", p).ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  MemoryDeadLetters dead;
  int flaky = 2;
  std::vector<std::string> seen;
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        seen.push_back(m.payload);
        if (m.payload == "stuck") return absl::UnavailableError("redis down");
        if (m.payload == "c" && flaky-- > 0) return absl::AbortedError("conflict");
        return absl::OkStatus();
      },
      &dead, Fast());
  Drain(loop);
  // Three attempts for "stuck", then parked; "c" succeeded on its third.
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "stuck", "stuck", "stuck", "c", "c", "c"}));
  ASSERT_EQ(dead.parked().size(), 1u);
  const Parked p = dead.parked()[0];
  EXPECT_EQ(p.cause, ParkCause::kRetriesExhausted);
  EXPECT_EQ(p.attempts, 3);
  EXPECT_EQ(p.error, "UNAVAILABLE: redis down");
  EXPECT_EQ(p.message.offset, 1);
  EXPECT_NE(p.first_failed_at, absl::InfinitePast());
  EXPECT_EQ(loop.applied(), 2);
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 3);
}

TEST(ApplyLoopTest, OnAnOrderedTopicLaterRecordsOfAParkedKeyParkBehindItAndOthersPass) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("ordered", "R1", "report").ok());
  ASSERT_TRUE(producer->Send("ordered", "R2", "other report").ok());
  ASSERT_TRUE(producer->Send("ordered", "R1", "supplement").ok());
  ASSERT_TRUE(producer->Send("free", "R1", "receipt").ok());
  auto consumer = broker.NewConsumer("g", {"ordered", "free"});
  MemoryDeadLetters dead;
  bool redis_down = true;
  std::vector<std::string> applied;
  auto handler = [&](const Message& m) -> absl::Status {
    if (m.payload == "report" && redis_down) return absl::UnavailableError("redis down");
    applied.push_back(m.payload);
    return absl::OkStatus();
  };
  ApplyLoop loop(consumer.get(), handler, &dead, Fast({"ordered"}));
  Drain(loop);
  EXPECT_EQ(applied, (std::vector<std::string>{"other report", "receipt"}));
  std::vector<Parked> parked = dead.parked();
  ASSERT_EQ(parked.size(), 2u);
  EXPECT_EQ(parked[0].message.payload, "report");
  EXPECT_TRUE(parked[0].holds_key);
  EXPECT_EQ(parked[1].message.payload, "supplement");
  EXPECT_EQ(parked[1].cause, ParkCause::kBehind);
  EXPECT_EQ(parked[1].behind, RecordId(parked[0].message));

  // Once the cause is fixed, replaying the head brings the one behind, in order.
  redis_down = false;
  absl::StatusOr<ReplayOutcome> replay =
      loop.Replay({RecordId(parked[0].message)}, false, absl::Milliseconds(100));
  // Not started: the replay waits for RunOnce, so run the loop's thread here.
  EXPECT_TRUE(absl::IsDeadlineExceeded(replay.status())) << replay.status();
  loop.Start();
  replay = loop.Replay({RecordId(parked[0].message)}, false, absl::Seconds(10));
  loop.Stop();
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->replayed.size(), 2u);
  EXPECT_TRUE(replay->still_parked.empty());
  EXPECT_EQ(applied, (std::vector<std::string>{"other report", "receipt", "report", "supplement"}));
  EXPECT_TRUE(dead.parked().empty());
}

TEST(ApplyLoopTest, AReplayThatFailsAgainKeepsTheRecordAndThoseBehindIt) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("ordered", "R1", "report").ok());
  ASSERT_TRUE(producer->Send("ordered", "R1", "supplement").ok());
  auto consumer = broker.NewConsumer("g", {"ordered"});
  MemoryDeadLetters dead;
  int calls = 0;
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        if (m.payload == "report") {
          ++calls;
          return absl::UnavailableError("still down");
        }
        return absl::OkStatus();
      },
      &dead, Fast({"ordered"}));
  Drain(loop);
  loop.Start();
  absl::StatusOr<ReplayOutcome> replay = loop.Replay({}, true, absl::Seconds(10));
  loop.Stop();
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_TRUE(replay->replayed.empty());
  ASSERT_EQ(replay->still_parked.size(), 2u);
  EXPECT_EQ(replay->still_parked[0].error, "UNAVAILABLE: still down");
  EXPECT_EQ(calls, 4);  // three attempts, then one replay
  EXPECT_EQ(dead.parked().size(), 2u);
}

TEST(ApplyLoopTest, AnOrderedPartitionReadForTheFirstTimeOrAfterAPauseRereadsTheHeldKeys) {
  FakeBroker broker;
  ASSERT_TRUE(broker.CreateTopic("ordered", 2).ok());
  auto producer = broker.NewProducer();
  for (const char* k : {"R1", "R2", "R3", "R4", "R5", "R6"}) {
    ASSERT_TRUE(producer->Send("ordered", k, "x").ok());
    ASSERT_TRUE(producer->Send("free", k, "y").ok());
  }
  auto consumer = broker.NewConsumer("g", {"ordered", "free"});
  MemoryDeadLetters dead;
  ApplyLoop loop(
      consumer.get(), [](const Message&) { return absl::OkStatus(); }, &dead, Fast({"ordered"}));
  Drain(loop);
  std::set<int32_t> partitions;
  for (const Message& m : broker.Messages("ordered")) partitions.insert(m.partition);
  // Once per ordered partition, not per record, and never for the free topic.
  EXPECT_EQ(dead.refreshes(), static_cast<int>(partitions.size()));
  EXPECT_EQ(loop.applied(), 12);
}

TEST(ApplyLoopTest, AParkedRecordReadAgainIsNotParkedAgain) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("ordered", "R1", "report").ok());
  MemoryDeadLetters dead;
  int calls = 0;
  auto handler = [&](const Message&) -> absl::Status {
    ++calls;
    return absl::UnavailableError("redis down");
  };
  {
    auto consumer = broker.NewConsumer("g", {"ordered"});
    ApplyLoop loop(consumer.get(), handler, &dead, Fast({"ordered"}));
    EXPECT_TRUE(loop.RunOnce(absl::ZeroDuration()));  // parked; its commit is lost
  }
  const Parked first = dead.parked()[0];
  auto again = broker.NewConsumer("g", {"ordered"});
  ApplyLoop loop(again.get(), handler, &dead, Fast({"ordered"}));
  Drain(loop);
  EXPECT_EQ(calls, 3);  // not applied again: it is the record holding its key
  ASSERT_EQ(dead.parked().size(), 1u);
  EXPECT_EQ(dead.parked()[0].cause, ParkCause::kRetriesExhausted);
  EXPECT_EQ(dead.parked()[0].error, first.error);
  EXPECT_EQ(broker.CommittedOffset("g", "ordered", 0), 1);
}

TEST(ApplyLoopTest, AReplayedHeadThatCanNeverApplyStopsHoldingItsKey) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("ordered", "R1", "report").ok());
  ASSERT_TRUE(producer->Send("ordered", "R1", "supplement").ok());
  auto consumer = broker.NewConsumer("g", {"ordered"});
  MemoryDeadLetters dead;
  absl::Status report_status = absl::UnavailableError("redis down");
  std::vector<std::string> applied;
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        if (m.payload == "report") return report_status;
        applied.push_back(m.payload);
        return absl::OkStatus();
      },
      &dead, Fast({"ordered"}));
  Drain(loop);
  ASSERT_EQ(dead.parked().size(), 2u);
  report_status = absl::InvalidArgumentError("report: unknown item");
  loop.Start();
  absl::StatusOr<ReplayOutcome> replay = loop.Replay({}, true, absl::Seconds(10));
  loop.Stop();
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(applied, std::vector<std::string>{"supplement"});
  ASSERT_EQ(dead.parked().size(), 1u);
  EXPECT_EQ(dead.parked()[0].cause, ParkCause::kInvalid);
  EXPECT_FALSE(dead.parked()[0].holds_key);
  EXPECT_EQ(dead.HeldBy("ordered", "R1"), std::nullopt);
}

TEST(ApplyLoopTest, ALoopThatCannotParkKeepsTheRecordUncommittedAndSaysItIsStalled) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("t", "k", "a").ok());
  ASSERT_TRUE(producer->Send("t", "k", "b").ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  MemoryDeadLetters dead;
  dead.FailNextParks(1000000, absl::UnavailableError("redis down"));
  std::atomic<bool> redis_down{true};
  std::atomic<int> calls{0};
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        if (m.payload == "a") ++calls;
        return redis_down ? absl::UnavailableError("redis down") : absl::OkStatus();
      },
      &dead, Fast());
  loop.Start();
  while (calls < 10) absl::SleepFor(absl::Milliseconds(1));
  EXPECT_EQ(loop.Stalled(absl::Now(), absl::Hours(1)), std::nullopt);
  std::optional<std::string> why = loop.Stalled(absl::Now() + absl::Minutes(2), absl::Minutes(1));
  ASSERT_TRUE(why.has_value());
  EXPECT_NE(why->find("t/0@0"), std::string::npos) << *why;
  EXPECT_NE(why->find("cannot park"), std::string::npos) << *why;
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 0);
  EXPECT_EQ(loop.Snapshot().current, "t/0@0");

  // Redis is back: the record applies (it is not parked), the next follows.
  redis_down = false;
  while (loop.applied() < 2) absl::SleepFor(absl::Milliseconds(1));
  loop.Stop();
  EXPECT_TRUE(dead.parked().empty());
  EXPECT_EQ(loop.Stalled(absl::Now() + absl::Hours(1), absl::Minutes(1)), std::nullopt);
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 2);
}

TEST(ApplyLoopTest, StopDuringARetryLeavesTheRecordUncommitted) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("t", "k", "a").ok());
  ASSERT_TRUE(producer->Send("t", "k", "b").ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  MemoryDeadLetters dead;
  absl::Notification tried;
  ApplyLoopOptions options = Fast();
  options.retry = {1000, absl::Seconds(1), absl::Seconds(1)};  // a long backoff
  ApplyLoop loop(
      consumer.get(),
      [&](const Message& m) -> absl::Status {
        if (m.payload == "a") return absl::OkStatus();
        if (!tried.HasBeenNotified()) tried.Notify();
        return absl::UnavailableError("redis down");
      },
      &dead, options);
  loop.Start();
  tried.WaitForNotification();
  loop.Stop();  // cuts the backoff short
  EXPECT_TRUE(dead.parked().empty());
  EXPECT_EQ(loop.applied(), 1);
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 1);  // "b" comes again to the next owner
}

TEST(ApplyLoopTest, NothingIsCommittedBeforeItIsApplied) {
  FakeBroker broker;
  auto producer = broker.NewProducer();
  ASSERT_TRUE(producer->Send("t", "k", "a").ok());
  auto consumer = broker.NewConsumer("g", {"t"});
  MemoryDeadLetters dead;
  ApplyLoop loop(
      consumer.get(), [](const Message&) { return absl::OkStatus(); }, &dead, Fast());
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 0);
  EXPECT_TRUE(loop.RunOnce(absl::ZeroDuration()));
  loop.CommitApplied();
  EXPECT_EQ(broker.CommittedOffset("g", "t", 0), 1);
  EXPECT_FALSE(loop.RunOnce(absl::ZeroDuration()));
}

}  // namespace
}  // namespace opsreport::kafka
