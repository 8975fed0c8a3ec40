#pragma once
// In-memory stand-in for a Kafka cluster, for unit tests of code that takes a
// Producer or Consumer.
//
// Topics are per-partition vectors (one partition unless CreateTopic says
// otherwise; a key always maps to the same partition). Each consumer group
// keeps its acknowledged offsets; a new consumer starts every partition at its
// group's acknowledged offset, so an un-acknowledged message is delivered again
// to the next consumer of the group. Unlike Kafka there is no partition
// assignment: every consumer reads every partition of its topics. Offsets start
// at 0 and nothing is ever evicted.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/message.h"
#include "opsreport/kafka/producer.h"

namespace opsreport::kafka {

class FakeBroker {
 public:
  FakeBroker();
  ~FakeBroker();
  FakeBroker(const FakeBroker&) = delete;
  FakeBroker& operator=(const FakeBroker&) = delete;

  // Producers and consumers may outlive the broker (they share its state).
  // The fake producer runs SendAsync's `done` inline, before SendAsync returns.
  std::unique_ptr<Producer> NewProducer();
  std::unique_ptr<Consumer> NewConsumer(std::string group_id, std::vector<std::string> topics);

  // Declares a topic's partition count before first use. INVALID_ARGUMENT for
  // partitions < 1; ALREADY_EXISTS if the topic already has records or was
  // declared.
  absl::Status CreateTopic(std::string_view topic, int partitions);

  // Every record of `topic`, partition by partition, in offset order.
  std::vector<Message> Messages(std::string_view topic) const;

  // The next `n` sends (Send or SendAsync, from any producer) fail with
  // `status` and store nothing.
  void FailNextSends(int n, absl::Status status);

  // Next offset the group will read on topic/partition (0 when never acked).
  int64_t CommittedOffset(std::string_view group_id, std::string_view topic,
                          int32_t partition) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace opsreport::kafka
