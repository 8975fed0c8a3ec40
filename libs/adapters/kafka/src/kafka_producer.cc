// Producer over librdkafka. Each record carries a heap-allocated Pending as
// its opaque; the delivery-report callback (served by our poll thread) runs
// its `done` and frees it, so every SendAsync ends in exactly one `done`.

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
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
using internal::HandlePtr;

// Bounds how long the destructor waits for purged records to report back.
constexpr absl::Duration kPurgeWait = absl::Seconds(5);
// Also bounds how long destruction waits for the poll thread to see stopping_.
constexpr int kPollIntervalMs = 100;

struct Pending {
  std::function<void(absl::Status)> done;
};

class KafkaProducer final : public Producer {
 public:
  KafkaProducer() = default;

  ~KafkaProducer() override {
    if (rk_ == nullptr) return;
    // Undelivered records fail with ABORTED rather than vanish: callers that
    // need them delivered call Flush first.
    rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    WaitIdle(kPurgeWait).IgnoreError();
    stopping_.store(true);
    if (poller_.joinable()) poller_.join();
    rk_.reset();
  }

  absl::Status Init(const ProducerConfig& config) {
    base::Violations violations;
    internal::ValidateBootstrap(config.bootstrap, &violations);
    if (config.client_id.empty()) violations.Add("client_id", "is empty");
    if (config.delivery_timeout <= absl::ZeroDuration() ||
        config.delivery_timeout > absl::Milliseconds(INT32_MAX)) {
      violations.Add("delivery_timeout",
                     absl::StrCat("must be in (0, ", INT32_MAX, "ms], got ",
                                  absl::FormatDuration(config.delivery_timeout)));
    }
    std::vector<ConfEntry> entries = {
        {"bootstrap.servers", config.bootstrap, "bootstrap"},
        {"client.id", config.client_id, "client_id"},
        {"enable.idempotence", "true", "enable.idempotence"},
        {"acks", "all", "acks"},
        {"linger.ms", "5", "linger.ms"},
        {"message.timeout.ms", absl::StrCat(internal::ToTimeoutMs(config.delivery_timeout)),
         "delivery_timeout"},
    };
    internal::AddExtra(
        config.extra,
        {"bootstrap.servers", "metadata.broker.list", "client.id", "enable.idempotence", "acks",
         "request.required.acks", "message.timeout.ms", "delivery.timeout.ms"},
        &entries, &violations);
    ConfPtr conf(rd_kafka_conf_new());
    internal::ApplyConf(conf.get(), entries, &violations);
    RETURN_IF_ERROR(violations.ToStatus("kafka producer config"));

    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_dr_msg_cb(conf.get(), &KafkaProducer::OnDelivery);
    rd_kafka_conf_set_error_cb(conf.get(), &KafkaProducer::OnError);
    char errstr[512];
    rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr));
    if (rk == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("kafka producer config rejected: ", errstr));
    }
    conf.release();  // rd_kafka_new took ownership.
    rk_.reset(rk);
    poller_ = std::thread([this] { PollLoop(); });
    return absl::OkStatus();
  }

  absl::Status Send(std::string_view topic, std::string_view key,
                    std::string_view payload) override {
    absl::Notification delivered;
    absl::Status result;
    SendAsync(topic, key, payload, [&](absl::Status s) {
      result = std::move(s);
      delivered.Notify();
    });
    delivered.WaitForNotification();
    return result;
  }

  void SendAsync(std::string_view topic, std::string_view key, std::string_view payload,
                 std::function<void(absl::Status)> done) override {
    base::Violations violations;
    ValidateTopicName(topic, "topic", &violations);
    if (!violations.empty()) {
      done(violations.ToStatus("kafka send"));
      return;
    }
    if (absl::Status fatal = FatalError(); !fatal.ok()) {
      done(fatal);
      return;
    }
    std::string topic_name(topic);
    auto* pending = new Pending{std::move(done)};
    {
      absl::MutexLock lock(&mu_);
      ++in_flight_;
    }
    // An empty key is sent as no key, so keyless records spread over partitions.
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_.get(), RD_KAFKA_V_TOPIC(topic_name.c_str()),
        RD_KAFKA_V_KEY(key.empty() ? nullptr : key.data(), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(payload.data()), payload.size()),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(pending), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::unique_ptr<Pending> owned(pending);
      owned->done(internal::ErrorToStatus(err, absl::StrCat("kafka send to ", topic_name)));
      Finished();
    }
  }

  absl::Status Flush(absl::Duration timeout) override { return WaitIdle(timeout); }

 private:
  static void OnDelivery(rd_kafka_t*, const rd_kafka_message_t* msg, void* opaque) {
    auto* self = static_cast<KafkaProducer*>(opaque);
    std::unique_ptr<Pending> pending(static_cast<Pending*>(msg->_private));
    absl::Status status;
    if (msg->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      status = internal::ErrorToStatus(
          msg->err, absl::StrCat("kafka delivery to ", rd_kafka_topic_name(msg->rkt)));
    }
    if (pending != nullptr) pending->done(std::move(status));
    self->Finished();
  }

  static void OnError(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
    // Transient errors (broker down, all brokers down) are retried by
    // librdkafka and surface, if they last, as a record's delivery error.
    if (err != RD_KAFKA_RESP_ERR__FATAL) return;
    auto* self = static_cast<KafkaProducer*>(opaque);
    char detail[512];
    rd_kafka_resp_err_t cause = rd_kafka_fatal_error(rk, detail, sizeof(detail));
    absl::MutexLock lock(&self->mu_);
    self->fatal_ = internal::ErrorToStatus(cause, "kafka producer failed fatally", detail);
  }

  absl::Status FatalError() {
    absl::MutexLock lock(&mu_);
    return fatal_;
  }

  void Finished() {
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }

  absl::Status WaitIdle(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto idle = +[](int64_t* in_flight) { return *in_flight == 0; };
    if (!mu_.AwaitWithTimeout(absl::Condition(idle, &in_flight_), timeout)) {
      return absl::DeadlineExceededError(absl::StrCat(
          "kafka flush: ", in_flight_, " record(s) still awaiting a delivery report after ",
          absl::FormatDuration(timeout)));
    }
    return absl::OkStatus();
  }

  void PollLoop() {
    while (!stopping_.load()) rd_kafka_poll(rk_.get(), kPollIntervalMs);
  }

  HandlePtr rk_;
  std::thread poller_;
  std::atomic<bool> stopping_{false};
  absl::Mutex mu_;
  int64_t in_flight_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status fatal_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<std::unique_ptr<Producer>> NewKafkaProducer(const ProducerConfig& config) {
  auto producer = std::make_unique<KafkaProducer>();
  RETURN_IF_ERROR(producer->Init(config));
  return std::unique_ptr<Producer>(std::move(producer));
}

}  // namespace opsreport::kafka
