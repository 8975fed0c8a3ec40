#pragma once
// Internal glue over the librdkafka C API: RAII owners for its handles,
// error-code translation and config validation shared by producer, consumer
// and admin code.

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/base/violations.h"
#include "opsreport/kafka/topic_name.h"

namespace opsreport::kafka::internal {

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
};
struct HandleDeleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
};
struct TopicDeleter {
  void operator()(rd_kafka_topic_t* p) const { rd_kafka_topic_destroy(p); }
};
struct MessageDeleter {
  void operator()(rd_kafka_message_t* p) const { rd_kafka_message_destroy(p); }
};
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* p) const {
    rd_kafka_topic_partition_list_destroy(p);
  }
};
struct QueueDeleter {
  void operator()(rd_kafka_queue_t* p) const { rd_kafka_queue_destroy(p); }
};
struct EventDeleter {
  void operator()(rd_kafka_event_t* p) const { rd_kafka_event_destroy(p); }
};
struct NewTopicDeleter {
  void operator()(rd_kafka_NewTopic_t* p) const { rd_kafka_NewTopic_destroy(p); }
};
struct AdminOptionsDeleter {
  void operator()(rd_kafka_AdminOptions_t* p) const { rd_kafka_AdminOptions_destroy(p); }
};
struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
};

using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;
using TopicPtr = std::unique_ptr<rd_kafka_topic_t, TopicDeleter>;
using MessagePtr = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;
using PartitionListPtr = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using QueuePtr = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using EventPtr = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using NewTopicPtr = std::unique_ptr<rd_kafka_NewTopic_t, NewTopicDeleter>;
using AdminOptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, AdminOptionsDeleter>;
using MetadataPtr = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;

// Maps a librdkafka error to the closest canonical code; the message carries
// `context`, the error's name and `detail` (or librdkafka's text for it).
absl::Status ErrorToStatus(rd_kafka_resp_err_t err, std::string_view context,
                           std::string_view detail = {});

// Adds a violation under "bootstrap" unless `bootstrap` is a non-empty,
// comma-separated list of [scheme://]host:port with a port in 1..65535.
void ValidateBootstrap(std::string_view bootstrap, base::Violations* violations);

// One librdkafka property and the field of our config it came from, so a
// refusal names what the caller wrote.
struct ConfEntry {
  std::string key;
  std::string value;
  std::string field;
};

// Sets every entry on `conf`, recording each one librdkafka refuses (unknown
// property or bad value) as a violation of its field.
void ApplyConf(rd_kafka_conf_t* conf, const std::vector<ConfEntry>& entries,
               base::Violations* violations);

// Appends the caller's `extra` properties, refusing keys that would break a
// guarantee the wrapper makes (e.g. auto-commit on a consumer whose contract
// is explicit Ack).
void AddExtra(const std::map<std::string, std::string>& extra,
              const std::vector<std::string>& reserved, std::vector<ConfEntry>* entries,
              base::Violations* violations);

// Formats the field path of an `extra` entry: extra[key].
std::string ExtraField(std::string_view key);

// Milliseconds for a librdkafka timeout argument, clamped to [0, INT_MAX].
int ToTimeoutMs(absl::Duration d);

}  // namespace opsreport::kafka::internal
