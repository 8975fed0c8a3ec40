// Topic creation through the CreateTopics admin API, with a fallback for
// clusters that cannot serve it. librdkafka's 2.0.2 mock cluster has no
// CreateTopics handler and advertises controller id 0, which is none of its
// brokers (ids start at 1), so an admin request would wait for a controller
// until it times out; it does create topics when a metadata request allows
// auto-creation.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/kafka/topic_name.h"
#include "rdkafka_util.h"

namespace opsreport::kafka {
namespace {

using internal::AdminOptionsPtr;
using internal::ConfPtr;
using internal::EventPtr;
using internal::HandlePtr;
using internal::MetadataPtr;
using internal::NewTopicPtr;
using internal::QueuePtr;
using internal::TopicPtr;

constexpr absl::Duration kAdminTimeout = absl::Seconds(10);

void IgnoreError(rd_kafka_t*, int, const char*, void*) {}

absl::StatusOr<HandlePtr> NewAdminHandle(const std::string& bootstrap) {
  ConfPtr conf(rd_kafka_conf_new());
  base::Violations violations;
  internal::ApplyConf(conf.get(),
                      {{"bootstrap.servers", bootstrap, "bootstrap"},
                       {"client.id", "opsreport-admin", "client_id"},
                       {"allow.auto.create.topics", "true", "allow.auto.create.topics"}},
                      &violations);
  RETURN_IF_ERROR(violations.ToStatus("kafka admin config"));
  // Connection errors are reported through the request results instead.
  rd_kafka_conf_set_error_cb(conf.get(), &IgnoreError);
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr));
  if (rk == nullptr) return absl::InvalidArgumentError(absl::StrCat("kafka admin: ", errstr));
  conf.release();
  return HandlePtr(rk);
}

// Returns UNIMPLEMENTED when the broker has no CreateTopics API.
absl::Status CreateWithAdminApi(rd_kafka_t* rk, const std::vector<std::string>& topics,
                                int partitions, int replication_factor) {
  char errstr[512];
  std::vector<NewTopicPtr> owned;
  std::vector<rd_kafka_NewTopic_t*> raw;
  for (const std::string& topic : topics) {
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, replication_factor,
                                                    errstr, sizeof(errstr));
    if (nt == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("kafka create topic ", topic, ": ", errstr));
    }
    owned.emplace_back(nt);
    raw.push_back(nt);
  }
  AdminOptionsPtr options(rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS));
  const int timeout_ms = internal::ToTimeoutMs(kAdminTimeout);
  rd_kafka_AdminOptions_set_request_timeout(options.get(), timeout_ms, errstr, sizeof(errstr));
  rd_kafka_AdminOptions_set_operation_timeout(options.get(), timeout_ms, errstr, sizeof(errstr));
  QueuePtr queue(rd_kafka_queue_new(rk));
  rd_kafka_CreateTopics(rk, raw.data(), raw.size(), options.get(), queue.get());
  EventPtr event(rd_kafka_queue_poll(queue.get(), timeout_ms + 2000));
  if (event == nullptr) {
    return absl::DeadlineExceededError(absl::StrCat("kafka create topics: no answer within ",
                                                    absl::FormatDuration(kAdminTimeout)));
  }
  if (rd_kafka_resp_err_t err = rd_kafka_event_error(event.get()); err) {
    return internal::ErrorToStatus(err, "kafka create topics",
                                   rd_kafka_event_error_string(event.get()));
  }
  const rd_kafka_CreateTopics_result_t* result = rd_kafka_event_CreateTopics_result(event.get());
  size_t count = 0;
  const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(result, &count);
  std::vector<std::string> failures;
  absl::StatusCode code = absl::StatusCode::kOk;
  for (size_t i = 0; i < count; ++i) {
    rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      continue;
    }
    absl::Status s = internal::ErrorToStatus(err, rd_kafka_topic_result_name(results[i]),
                                             rd_kafka_topic_result_error_string(results[i])
                                                 ? rd_kafka_topic_result_error_string(results[i])
                                                 : "");
    code = s.code();
    failures.push_back(std::string(s.message()));
  }
  if (failures.empty()) return absl::OkStatus();
  return absl::Status(code, absl::StrCat("kafka create topics: ", absl::StrJoin(failures, "; ")));
}

// Asks for each topic's metadata with auto-creation allowed, retrying while
// the new topic has no leader yet.
absl::Status CreateWithMetadata(rd_kafka_t* rk, const std::vector<std::string>& topics) {
  const absl::Time deadline = absl::Now() + kAdminTimeout;
  std::vector<std::string> failures;
  for (const std::string& topic : topics) {
    TopicPtr rkt(rd_kafka_topic_new(rk, topic.c_str(), nullptr));
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR__TIMED_OUT;
    while (absl::Now() < deadline) {
      const rd_kafka_metadata_t* raw = nullptr;
      err =
          rd_kafka_metadata(rk, 0, rkt.get(), &raw, internal::ToTimeoutMs(deadline - absl::Now()));
      MetadataPtr md(raw);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        err = md->topic_cnt == 1 ? md->topics[0].err : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR && md->topics[0].partition_cnt > 0) break;
      }
      if (err != RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE && err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        break;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      failures.push_back(
          std::string(internal::ErrorToStatus(
                          err, topic, "broker lacks CreateTopics and did not auto-create it")
                          .message()));
    }
  }
  if (failures.empty()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat("kafka ensure topics: ", absl::StrJoin(failures, "; ")));
}

}  // namespace

absl::Status EnsureTopics(const std::string& bootstrap, const std::vector<std::string>& topics,
                          int partitions, int replication_factor) {
  base::Violations violations;
  internal::ValidateBootstrap(bootstrap, &violations);
  if (topics.empty()) violations.Add("topics", "is empty");
  for (size_t i = 0; i < topics.size(); ++i) {
    ValidateTopicName(topics[i], absl::StrCat("topics[", i, "]"), &violations);
  }
  if (partitions < 1) violations.Add("partitions", absl::StrCat("must be >= 1, got ", partitions));
  if (replication_factor < 1) {
    violations.Add("replication_factor", absl::StrCat("must be >= 1, got ", replication_factor));
  }
  RETURN_IF_ERROR(violations.ToStatus("kafka ensure topics"));

  ASSIGN_OR_RETURN(HandlePtr rk, NewAdminHandle(bootstrap));
  // Listing every topic never triggers auto-creation.
  const rd_kafka_metadata_t* raw = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), /*all_topics=*/1, nullptr, &raw,
                                              internal::ToTimeoutMs(kAdminTimeout));
  RETURN_IF_ERROR(internal::ErrorToStatus(err, "kafka ensure topics: cluster metadata"));
  MetadataPtr md(raw);

  std::vector<std::string> missing;
  for (const std::string& topic : topics) {
    bool exists = false;
    for (int i = 0; i < md->topic_cnt; ++i) {
      if (topic == md->topics[i].topic && md->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        exists = true;
      }
    }
    if (!exists) missing.push_back(topic);
  }
  if (missing.empty()) return absl::OkStatus();

  const int32_t controller = rd_kafka_controllerid(rk.get(), 0);
  bool controller_known = false;
  for (int i = 0; i < md->broker_cnt; ++i) {
    if (md->brokers[i].id == controller) controller_known = true;
  }
  if (controller_known) {
    absl::Status created = CreateWithAdminApi(rk.get(), missing, partitions, replication_factor);
    if (created.code() != absl::StatusCode::kUnimplemented) return created;
  }
  return CreateWithMetadata(rk.get(), missing);
}

}  // namespace opsreport::kafka
