#pragma once
// What every opsreport service process is made of, set up and stopped the
// same way: the rule data, Redis, the Kafka producer and consumers, a gRPC
// server with health and reflection, and the background parts (relays,
// timer pollers, consumer loops) in the order they must start and stop.
//
// A service's main builds its use cases on the kit's clients, hands the kit
// its gRPC services and background parts, and calls ServeUntilSignal:
//   listen -> SERVING -> parts started in the order given -> SIGTERM/SIGINT
//   -> NOT_SERVING -> stop taking calls (grace) -> parts stopped in reverse
//   (consumer loops drain before the relays that carry their output) ->
//   Redis and Kafka clients closed when the kit is destroyed.
// While it serves, a watchdog turns every health status NOT_SERVING (and
// logs why) for as long as a consumer loop is stuck, and back after.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "grpcpp/impl/service_type.h"
#include "grpcpp/server.h"
#include "opsreport/base/clock.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/consumer/hold_sweeper.h"
#include "opsreport/consumer/parking_lot.h"
#include "opsreport/kafka/apply_loop.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/producer.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/redis/client.h"
#include "opsreport/service/common_config.h"
#include "opsreport/service/dispatcher.h"
#include "opsreport/service/rule_data.h"

namespace opsreport::service {

class Kit {
 public:
  // Loads the rule data, connects Redis, creates the missing `topics` (every
  // topic the service reads or writes) and makes the idempotent producer.
  // `name` ("opsreport-routing") is the client id, the default consumer
  // group and the prefix of every line the kit prints.
  static absl::StatusOr<std::unique_ptr<Kit>> Create(std::string name, const CommonConfig& config,
                                                     const std::vector<std::string>& topics);
  ~Kit();

  const RuleData& data() const { return *data_; }
  const catalogue::Catalogue& catalogue() const { return data_->catalogue; }
  const catalogue::ContentRules& content_rules() const { return data_->content_rules; }
  const org::OrgDirectory& org() const { return data_->org; }
  redis::Client* redis() const { return redis_.get(); }
  kafka::Producer* producer() const { return producer_.get(); }
  const base::Clock& clock() const { return base::SystemClock::Instance(); }

  // A member of the service's consumer group subscribed to `topics`. The
  // defaults keep a restart's rejoin short on the mock cluster; `extra`
  // (librdkafka properties) overrides them.
  absl::StatusOr<std::unique_ptr<kafka::Consumer>> NewConsumer(
      const std::vector<std::string>& topics, std::map<std::string, std::string> extra = {});

  // `count` members of the service's consumer group subscribed to the
  // dispatcher's topics, each applying records in a kafka::ApplyLoop that
  // parks what it cannot apply in the service's parking lot and keeps the
  // keys' order where the topic contract asks for it. They start as a part
  // (after the parts added before: add the relays first), are watched for
  // stalls by the health check, and are listed and replayed through
  // opsreport.v1.Consumers. `dispatcher` must outlive ServeUntilSignal.
  absl::Status Consume(const Dispatcher& dispatcher, int count = 1,
                       std::map<std::string, std::string> extra = {});
  // Where handlers hold a record until its prerequisite arrives; a hold
  // older than hold_limit is parked.
  consumer::HoldStore* holds() const { return holds_.get(); }
  consumer::ParkingLot* parking() const { return parking_.get(); }
  const std::vector<std::unique_ptr<kafka::ApplyLoop>>& loops() const { return loops_; }

  // A gRPC service, marked SERVING under `health_name` ("opsreport.v1.Routing").
  void Serve(grpc::Service* service, std::string health_name);
  void SetMaxReceiveMessageSize(int bytes) { max_receive_bytes_ = bytes; }

  // A background part: started after the server listens, in the order
  // added, stopped in reverse. `Part` has Start() (void or absl::Status) and
  // Stop(); it must outlive ServeUntilSignal.
  template <typename Part>
  void Run(Part* part) {
    Run(
        [part]() -> absl::Status {
          if constexpr (std::is_void_v<decltype(part->Start())>) {
            part->Start();
            return absl::OkStatus();
          } else {
            return part->Start();
          }
        },
        [part] { part->Stop(); });
  }
  void Run(std::function<absl::Status()> start, std::function<void()> stop);

  // Why the health check says NOT_SERVING: a consumer loop in hand with one
  // record for longer than consumer_stall_limit ("" = none is).
  std::string NotServingReason() const;

  // Serves until SIGTERM or SIGINT (blocked in every thread by
  // PrepareProcess), then stops as described above. `grace` bounds how long
  // calls in flight may finish.
  absl::Status ServeUntilSignal(absl::Duration grace = absl::Seconds(2));

 private:
  struct Part {
    std::function<absl::Status()> start;
    std::function<void()> stop;
  };
  Kit(std::string name, const CommonConfig& config) : name_(std::move(name)), config_(config) {}
  absl::Status SetUpConsumerSide();
  void WatchConsumers(grpc::Server& server, const std::vector<std::string>& health_names,
                      absl::Notification& stopping) const;

  std::string name_;
  CommonConfig config_;
  std::unique_ptr<const RuleData> data_;
  std::unique_ptr<redis::Client> redis_;
  std::unique_ptr<kafka::Producer> producer_;
  std::vector<std::pair<grpc::Service*, std::string>> services_;
  std::vector<Part> parts_;
  int max_receive_bytes_ = 0;
  // The consumer side (Consume): parking lot, its dead-letter relay, holds.
  std::unique_ptr<outbox::RedisStore> dead_letter_store_;
  std::unique_ptr<outbox::Relay> dead_letter_relay_;
  std::unique_ptr<consumer::ParkingLot> parking_;
  std::unique_ptr<consumer::HoldStore> holds_;
  std::unique_ptr<consumer::HoldSweeper> sweeper_;
  std::unique_ptr<grpc::Service> consumers_service_;
  std::vector<std::unique_ptr<kafka::Consumer>> consumers_;
  std::vector<std::unique_ptr<kafka::ApplyLoop>> loops_;
};

}  // namespace opsreport::service
