// Consumer over librdkafka's high-level (group) consumer. Offsets are only
// ever committed by Ack, synchronously, so a crash between Poll and Ack means
// redelivery, never loss.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/kafka/topic_name.h"
#include "rdkafka_util.h"

namespace opsreport::kafka {
namespace {

using internal::ConfEntry;
using internal::ConfPtr;
using internal::MessagePtr;
using internal::PartitionListPtr;

// Leaves the group (so its partitions are reassigned at once) before freeing
// the handle.
struct ConsumerHandleDeleter {
  void operator()(rd_kafka_t* rk) const {
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
  }
};
using ConsumerHandlePtr = std::unique_ptr<rd_kafka_t, ConsumerHandleDeleter>;

class KafkaConsumer final : public Consumer {
 public:
  absl::Status Init(const ConsumerConfig& config) {
    base::Violations violations;
    internal::ValidateBootstrap(config.bootstrap, &violations);
    if (config.group_id.empty()) violations.Add("group_id", "is empty");
    if (config.topics.empty())
      violations.Add("topics", "is empty; subscribe to at least one topic");
    for (size_t i = 0; i < config.topics.size(); ++i) {
      ValidateTopicName(config.topics[i], absl::StrCat("topics[", i, "]"), &violations);
    }
    std::vector<ConfEntry> entries = {
        {"bootstrap.servers", config.bootstrap, "bootstrap"},
        {"group.id", config.group_id, "group_id"},
        {"enable.auto.commit", "false", "enable.auto.commit"},
        {"enable.auto.offset.store", "false", "enable.auto.offset.store"},
        {"auto.offset.reset", config.from_beginning ? "earliest" : "latest", "from_beginning"},
    };
    internal::AddExtra(config.extra,
                       {"bootstrap.servers", "metadata.broker.list", "group.id",
                        "enable.auto.commit", "enable.auto.offset.store", "auto.offset.reset"},
                       &entries, &violations);
    ConfPtr conf(rd_kafka_conf_new());
    internal::ApplyConf(conf.get(), entries, &violations);
    RETURN_IF_ERROR(violations.ToStatus("kafka consumer config"));

    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaConsumer::OnError);
    char errstr[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), errstr, sizeof(errstr));
    if (rk == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("kafka consumer config rejected: ", errstr));
    }
    conf.release();  // rd_kafka_new took ownership.
    rk_.reset(rk);
    // One queue for messages, rebalances and errors, all served by Poll.
    rd_kafka_poll_set_consumer(rk_.get());

    PartitionListPtr subscription(
        rd_kafka_topic_partition_list_new(static_cast<int>(config.topics.size())));
    for (const std::string& topic : config.topics) {
      rd_kafka_topic_partition_list_add(subscription.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
    }
    rd_kafka_resp_err_t err = rd_kafka_subscribe(rk_.get(), subscription.get());
    return internal::ErrorToStatus(
        err, absl::StrCat("kafka subscribe to ", absl::StrJoin(config.topics, ",")));
  }

  absl::StatusOr<std::optional<Message>> Poll(absl::Duration timeout) override {
    const absl::Time deadline = absl::Now() + timeout;
    while (true) {
      RETURN_IF_ERROR(FatalError());
      MessagePtr msg(
          rd_kafka_consumer_poll(rk_.get(), internal::ToTimeoutMs(deadline - absl::Now())));
      if (msg == nullptr) {
        if (absl::Now() >= deadline) return std::nullopt;
        continue;
      }
      if (msg->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) continue;
      if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::string where = msg->rkt != nullptr
                                ? absl::StrCat("kafka poll ", rd_kafka_topic_name(msg->rkt), "[",
                                               msg->partition, "]")
                                : std::string("kafka poll");
        return internal::ErrorToStatus(msg->err, where, rd_kafka_message_errstr(msg.get()));
      }
      Message out;
      out.topic = rd_kafka_topic_name(msg->rkt);
      out.partition = msg->partition;
      out.offset = msg->offset;
      if (msg->key != nullptr) out.key.assign(static_cast<const char*>(msg->key), msg->key_len);
      if (msg->payload != nullptr) {
        out.payload.assign(static_cast<const char*>(msg->payload), msg->len);
      }
      return out;
    }
  }

  absl::Status AckAsync(const Message& message) override {
    base::Violations violations;
    ValidateTopicName(message.topic, "message.topic", &violations);
    if (message.partition < 0) violations.Add("message.partition", "is negative");
    if (message.offset < 0) violations.Add("message.offset", "is negative");
    RETURN_IF_ERROR(violations.ToStatus("kafka ack"));
    PartitionListPtr offsets(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(offsets.get(), message.topic.c_str(), message.partition)
        ->offset = message.offset + 1;
    return internal::ErrorToStatus(
        rd_kafka_commit(rk_.get(), offsets.get(), /*async=*/1),
        absl::StrCat("kafka commit ", message.topic, "[", message.partition, "]"));
  }

  absl::Status Ack(const Message& message) override {
    base::Violations violations;
    ValidateTopicName(message.topic, "message.topic", &violations);
    if (message.partition < 0) violations.Add("message.partition", "is negative");
    if (message.offset < 0) violations.Add("message.offset", "is negative");
    RETURN_IF_ERROR(violations.ToStatus("kafka ack"));

    const int64_t next = message.offset + 1;
    auto key = std::make_pair(message.topic, message.partition);
    // Serialises commits so the acknowledged offset only moves forward.
    absl::MutexLock lock(&ack_mu_);
    if (auto it = acked_.find(key); it != acked_.end() && it->second >= next) {
      return absl::OkStatus();
    }
    PartitionListPtr offsets(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(offsets.get(), message.topic.c_str(), message.partition)
        ->offset = next;
    rd_kafka_resp_err_t err = rd_kafka_commit(rk_.get(), offsets.get(), /*async=*/0);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) err = offsets->elems[0].err;
    RETURN_IF_ERROR(internal::ErrorToStatus(
        err, absl::StrCat("kafka commit ", message.topic, "[", message.partition, "]@", next)));
    acked_[key] = next;
    return absl::OkStatus();
  }

 private:
  static void OnError(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    // Transient errors are retried by librdkafka; only fatal ones end the
    // consumer.
    if (err != RD_KAFKA_RESP_ERR__FATAL) return;
    auto* self = static_cast<KafkaConsumer*>(opaque);
    char detail[512];
    rd_kafka_resp_err_t cause = rd_kafka_fatal_error(rk, detail, sizeof(detail));
    absl::MutexLock lock(&self->fatal_mu_);
    self->fatal_ = internal::ErrorToStatus(cause, "kafka consumer failed fatally", detail);
  }

  absl::Status FatalError() {
    absl::MutexLock lock(&fatal_mu_);
    return fatal_;
  }

  ConsumerHandlePtr rk_;
  absl::Mutex ack_mu_;
  std::map<std::pair<std::string, int32_t>, int64_t> acked_ ABSL_GUARDED_BY(ack_mu_);
  absl::Mutex fatal_mu_;
  absl::Status fatal_ ABSL_GUARDED_BY(fatal_mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Consumer>> NewKafkaConsumer(const ConsumerConfig& config) {
  auto consumer = std::make_unique<KafkaConsumer>();
  RETURN_IF_ERROR(consumer->Init(config));
  return std::unique_ptr<Consumer>(std::move(consumer));
}

}  // namespace opsreport::kafka
