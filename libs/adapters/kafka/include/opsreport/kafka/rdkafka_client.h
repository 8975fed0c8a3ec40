#pragma once
// The librdkafka implementation of Producer and Consumer, and topic creation.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/producer.h"

namespace opsreport::kafka {

struct ProducerConfig {
  // Comma-separated host:port list, e.g. "127.0.0.1:9092,127.0.0.1:9093".
  std::string bootstrap;
  std::string client_id = "opsreport";
  // Upper bound on a record's delivery, retries included (message.timeout.ms).
  absl::Duration delivery_timeout = absl::Seconds(30);
  // Any librdkafka property; applied last, so it overrides the defaults.
  std::map<std::string, std::string> extra;
};

struct ConsumerConfig {
  std::string bootstrap;
  std::string group_id;
  std::vector<std::string> topics;
  // Where a group without a committed offset starts: earliest or latest.
  bool from_beginning = true;
  std::map<std::string, std::string> extra;
};

// Idempotent producer: enable.idempotence=true, acks=all, linger.ms=5; a
// background thread serves delivery reports. Config faults come back as one
// INVALID_ARGUMENT naming every bad key.
absl::StatusOr<std::unique_ptr<Producer>> NewKafkaProducer(const ProducerConfig& config);

// enable.auto.commit=false (see Consumer::Ack); subscribes to `topics`.
absl::StatusOr<std::unique_ptr<Consumer>> NewKafkaConsumer(const ConsumerConfig& config);

// Creates the topics that are missing (CreateTopics admin API); existing ones
// are left as they are, whatever their partition count. On a cluster that
// cannot serve CreateTopics (the librdkafka mock cluster: no such API, no real
// controller) missing topics are auto-created through a metadata request
// instead and get the broker's default partition count (4 on the mock).
// Gives up after 10 s when the cluster is unreachable.
absl::Status EnsureTopics(const std::string& bootstrap, const std::vector<std::string>& topics,
                          int partitions, int replication_factor);

}  // namespace opsreport::kafka
