#include "rdkafka_util.h"

#include <algorithm>
#include <climits>
#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace opsreport::kafka::internal {
namespace {

absl::StatusCode CodeFor(rd_kafka_resp_err_t err) {
  switch (err) {
    case RD_KAFKA_RESP_ERR_NO_ERROR:
      return absl::StatusCode::kOk;
    case RD_KAFKA_RESP_ERR__MSG_TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
    case RD_KAFKA_RESP_ERR__TIMED_OUT_QUEUE:
    case RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT:
      return absl::StatusCode::kDeadlineExceeded;
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
    case RD_KAFKA_RESP_ERR__WAIT_COORD:
    case RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION:
    case RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NETWORK_EXCEPTION:
    case RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE:
    case RD_KAFKA_RESP_ERR_NOT_COORDINATOR:
    case RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS:
    case RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS:
      return absl::StatusCode::kUnavailable;
    case RD_KAFKA_RESP_ERR__QUEUE_FULL:
    case RD_KAFKA_RESP_ERR_THROTTLING_QUOTA_EXCEEDED:
      return absl::StatusCode::kResourceExhausted;
    case RD_KAFKA_RESP_ERR__PURGE_QUEUE:
    case RD_KAFKA_RESP_ERR__PURGE_INFLIGHT:
    case RD_KAFKA_RESP_ERR__DESTROY:
      return absl::StatusCode::kAborted;
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
    case RD_KAFKA_RESP_ERR__UNKNOWN_BROKER:
    case RD_KAFKA_RESP_ERR__UNKNOWN_GROUP:
      return absl::StatusCode::kNotFound;
    case RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS:
      return absl::StatusCode::kAlreadyExists;
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
    case RD_KAFKA_RESP_ERR__BAD_MSG:
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_INVALID_PARTITIONS:
    case RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR:
    case RD_KAFKA_RESP_ERR_INVALID_CONFIG:
    case RD_KAFKA_RESP_ERR_INVALID_REQUEST:
    case RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
      return absl::StatusCode::kInvalidArgument;
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
      return absl::StatusCode::kPermissionDenied;
    case RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
    case RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED:
      return absl::StatusCode::kUnimplemented;
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR__FENCED:
    case RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER:
    case RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH:
      return absl::StatusCode::kInternal;
    case RD_KAFKA_RESP_ERR__STATE:
    case RD_KAFKA_RESP_ERR_ILLEGAL_GENERATION:
    case RD_KAFKA_RESP_ERR_UNKNOWN_MEMBER_ID:
      return absl::StatusCode::kFailedPrecondition;
    default:
      return absl::StatusCode::kUnknown;
  }
}

}  // namespace

absl::Status ErrorToStatus(rd_kafka_resp_err_t err, std::string_view context,
                           std::string_view detail) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return absl::OkStatus();
  std::string text = detail.empty() ? std::string(rd_kafka_err2str(err)) : std::string(detail);
  return absl::Status(CodeFor(err),
                      absl::StrCat(std::string(context), ": ", rd_kafka_err2name(err), ": ", text));
}

void ValidateBootstrap(std::string_view bootstrap, base::Violations* violations) {
  std::string list(bootstrap);
  if (absl::StripAsciiWhitespace(list).empty()) {
    violations->Add("bootstrap", "is empty; expected host:port[,host:port...]");
    return;
  }
  for (absl::string_view raw : absl::StrSplit(list, ',')) {
    absl::string_view entry = absl::StripAsciiWhitespace(raw);
    std::string shown(entry);
    if (size_t scheme = entry.find("://"); scheme != absl::string_view::npos) {
      entry.remove_prefix(scheme + 3);
    }
    size_t colon = entry.rfind(':');
    if (entry.empty() || colon == absl::string_view::npos || colon == 0) {
      violations->Add("bootstrap", absl::StrCat("entry \"", shown, "\" is not host:port"));
      continue;
    }
    int port = 0;
    if (!absl::SimpleAtoi(entry.substr(colon + 1), &port) || port < 1 || port > 65535) {
      violations->Add("bootstrap", absl::StrCat("entry \"", shown, "\" has no port in 1..65535"));
    }
  }
}

void ApplyConf(rd_kafka_conf_t* conf, const std::vector<ConfEntry>& entries,
               base::Violations* violations) {
  char errstr[512];
  for (const ConfEntry& e : entries) {
    // A field we already rejected is not reported twice.
    if (rd_kafka_conf_set(conf, e.key.c_str(), e.value.c_str(), errstr, sizeof(errstr)) !=
            RD_KAFKA_CONF_OK &&
        !violations->HasField(e.field)) {
      violations->Add(e.field, errstr);
    }
  }
}

void AddExtra(const std::map<std::string, std::string>& extra,
              const std::vector<std::string>& reserved, std::vector<ConfEntry>* entries,
              base::Violations* violations) {
  for (const auto& [key, value] : extra) {
    if (std::find(reserved.begin(), reserved.end(), key) != reserved.end()) {
      violations->Add(ExtraField(key),
                      "is set by the wrapper to keep its guarantees; not allowed in extra");
      continue;
    }
    entries->push_back({key, value, ExtraField(key)});
  }
}

std::string ExtraField(std::string_view key) {
  return absl::StrCat("extra[", std::string(key), "]");
}

int ToTimeoutMs(absl::Duration d) {
  if (d <= absl::ZeroDuration()) return 0;
  int64_t ms = absl::ToInt64Milliseconds(absl::Ceil(d, absl::Milliseconds(1)));
  return static_cast<int>(std::min<int64_t>(ms, INT_MAX));
}

}  // namespace opsreport::kafka::internal
