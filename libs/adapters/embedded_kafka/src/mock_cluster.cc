#include "opsreport/embedded_kafka/mock_cluster.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"

namespace opsreport::embedded_kafka {
namespace {

// Enough for any test topology; guards against a typo starting 10k listeners.
constexpr int kMaxBrokers = 32;

absl::Status MockError(rd_kafka_resp_err_t err, const std::string& what) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return absl::OkStatus();
  std::string text = absl::StrCat("mock cluster ", what, ": ", rd_kafka_err2name(err), ": ",
                                  rd_kafka_err2str(err));
  switch (err) {
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
      return absl::AlreadyExistsError(text);
    case RD_KAFKA_RESP_ERR__UNKNOWN_BROKER:
      return absl::NotFoundError(text);
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
      return absl::InvalidArgumentError(text);
    default:
      return absl::InternalError(text);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<MockCluster>> MockCluster::Start(int brokers) {
  if (brokers < 1 || brokers > kMaxBrokers) {
    return absl::InvalidArgumentError(
        absl::StrCat("mock cluster: brokers must be in 1..", kMaxBrokers, ", got ", brokers));
  }
  std::unique_ptr<rd_kafka_conf_t, void (*)(rd_kafka_conf_t*)> conf(rd_kafka_conf_new(),
                                                                    &rd_kafka_conf_destroy);
  char errstr[512];
  // The hosting handle never connects anywhere; this keeps it from logging a
  // "no bootstrap.servers" notice at start-up.
  if (rd_kafka_conf_set(conf.get(), "log_level", "4", errstr, sizeof(errstr)) != RD_KAFKA_CONF_OK) {
    return absl::InternalError(absl::StrCat("mock cluster: log_level: ", errstr));
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr));
  if (rk == nullptr) {
    return absl::InternalError(absl::StrCat("mock cluster: hosting handle: ", errstr));
  }
  conf.release();  // rd_kafka_new took ownership.
  auto cluster = std::unique_ptr<MockCluster>(new MockCluster());
  cluster->handle_.reset(rk);
  cluster->cluster_.reset(rd_kafka_mock_cluster_new(rk, brokers));
  if (cluster->cluster_ == nullptr) {
    return absl::InternalError(
        absl::StrCat("mock cluster: could not start ", brokers, " broker(s) (listen failed?)"));
  }
  cluster->brokers_ = brokers;
  cluster->bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster->cluster_.get());
  return cluster;
}

MockCluster::~MockCluster() = default;

absl::Status MockCluster::CreateTopic(const std::string& topic, int partitions,
                                      int replication_factor) {
  base::Violations violations;
  if (topic.empty() || topic.size() > 249) {
    violations.Add("topic", "must have 1..249 characters");
  }
  for (char c : topic) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      violations.Add("topic",
                     absl::StrCat("\"", topic, "\" has a character outside [a-zA-Z0-9._-]"));
      break;
    }
  }
  if (partitions < 1) violations.Add("partitions", absl::StrCat("must be >= 1, got ", partitions));
  if (replication_factor < 1 || replication_factor > brokers_) {
    violations.Add("replication_factor", absl::StrCat("must be in 1..", brokers_,
                                                      " (brokers), got ", replication_factor));
  }
  RETURN_IF_ERROR(violations.ToStatus("mock cluster create topic"));
  return MockError(
      rd_kafka_mock_topic_create(cluster_.get(), topic.c_str(), partitions, replication_factor),
      absl::StrCat("create topic ", topic));
}

absl::Status MockCluster::CheckBroker(int32_t broker_id, const char* what) const {
  if (broker_id == kAllBrokers || (broker_id >= 1 && broker_id <= brokers_)) {
    return absl::OkStatus();
  }
  return absl::InvalidArgumentError(absl::StrCat("mock cluster ", what, ": broker_id must be 1..",
                                                 brokers_, " or kAllBrokers, got ", broker_id));
}

absl::Status MockCluster::SetBrokerDown(int32_t broker_id) {
  RETURN_IF_ERROR(CheckBroker(broker_id, "set broker down"));
  return MockError(rd_kafka_mock_broker_set_down(cluster_.get(), broker_id),
                   absl::StrCat("set broker ", broker_id, " down"));
}

absl::Status MockCluster::SetBrokerUp(int32_t broker_id) {
  RETURN_IF_ERROR(CheckBroker(broker_id, "set broker up"));
  return MockError(rd_kafka_mock_broker_set_up(cluster_.get(), broker_id),
                   absl::StrCat("set broker ", broker_id, " up"));
}

absl::Status MockCluster::SetBrokerRtt(int32_t broker_id, int rtt_ms) {
  RETURN_IF_ERROR(CheckBroker(broker_id, "set broker rtt"));
  if (rtt_ms < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("mock cluster set broker rtt: rtt_ms must be >= 0, got ", rtt_ms));
  }
  return MockError(rd_kafka_mock_broker_set_rtt(cluster_.get(), broker_id, rtt_ms),
                   absl::StrCat("set broker ", broker_id, " rtt"));
}

absl::Status MockCluster::PushRequestErrors(int16_t api_key, int count, rd_kafka_resp_err_t error) {
  base::Violations violations;
  if (api_key < 0) violations.Add("api_key", absl::StrCat("must be >= 0, got ", api_key));
  if (count < 1) violations.Add("count", absl::StrCat("must be >= 1, got ", count));
  RETURN_IF_ERROR(violations.ToStatus("mock cluster push request errors"));
  std::vector<rd_kafka_resp_err_t> errors(count, error);
  rd_kafka_mock_push_request_errors_array(cluster_.get(), api_key, errors.size(), errors.data());
  return absl::OkStatus();
}

}  // namespace opsreport::embedded_kafka
