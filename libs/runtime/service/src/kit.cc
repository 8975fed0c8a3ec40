#include "opsreport/service/kit.h"

#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/consumer/consumers_service.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/server_setup.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/service/main.h"
#include "opsreport/topics/topics.h"

namespace opsreport::service {
namespace {

constexpr std::string_view kLivenessName = "opsreport.live";

std::string Host(const std::string& listen) { return listen.substr(0, listen.rfind(':')); }

}  // namespace

absl::StatusOr<std::unique_ptr<Kit>> Kit::Create(std::string name, const CommonConfig& config,
                                                 const std::vector<std::string>& topics) {
  std::unique_ptr<Kit> kit(new Kit(std::move(name), config));
  if (kit->config_.group.empty()) kit->config_.group = kit->name_;
  ASSIGN_OR_RETURN(kit->data_, LoadRuleData(config));
  ASSIGN_OR_RETURN(redis::RedisConfig redis_config, redis::ParseRedisAddress(config.redis));
  redis_config.pool_size = static_cast<int>(config.redis_pool);
  ASSIGN_OR_RETURN(kit->redis_, redis::NewRedisClient(redis_config));
  std::vector<std::string> all_topics = topics;
  if (kit->config_.dead_letter_topic.empty()) {
    kit->config_.dead_letter_topic = std::string(topics::kDeadLetters.name);
  }
  all_topics.push_back(kit->config_.dead_letter_topic);
  RETURN_IF_ERROR(kafka::EnsureTopics(config.kafka, all_topics,
                                      static_cast<int>(config.topic_partitions),
                                      static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = kit->name_;
  ASSIGN_OR_RETURN(kit->producer_, kafka::NewKafkaProducer(producer_config));
  RETURN_IF_ERROR(kit->SetUpConsumerSide());
  return kit;
}

Kit::~Kit() = default;

absl::Status Kit::SetUpConsumerSide() {
  const std::string& group = config_.group;
  dead_letter_store_ = std::make_unique<outbox::RedisStore>(redis_.get(), "park:" + group + ":pub");
  outbox::RelayOptions relay_options;
  relay_options.default_topic = config_.dead_letter_topic;
  relay_options.poll_interval = config_.outbox_poll;
  dead_letter_relay_ = std::make_unique<outbox::Relay>(dead_letter_store_.get(), producer_.get(),
                                                       &clock(), relay_options);
  parking_ = std::make_unique<consumer::ParkingLot>(
      redis_.get(), group, config_.dead_letter_topic,
      outbox::Sink{dead_letter_store_.get(), dead_letter_relay_->Handoff()}, &clock());
  RETURN_IF_ERROR(parking_->Load());
  holds_ = std::make_unique<consumer::HoldStore>(redis_.get(), "hold:" + group, parking_.get());
  sweeper_ = std::make_unique<consumer::HoldSweeper>(
      holds_.get(), parking_.get(), redis_.get(), &clock(), config_.hold_limit, config_.hold_sweep);
  // First to start and last to stop: whatever a loop parks is published.
  Run(dead_letter_relay_.get());
  Run(sweeper_.get());
  return absl::OkStatus();
}

absl::Status Kit::Consume(const Dispatcher& dispatcher, int count,
                          std::map<std::string, std::string> extra) {
  kafka::ApplyLoopOptions options;
  options.name = name_;
  options.retry = {static_cast<int>(config_.consumer_retry_attempts),
                   config_.consumer_retry_backoff, config_.consumer_retry_backoff_max};
  options.keeps_key_order = [&dispatcher](const std::string& topic) {
    return dispatcher.KeepsKeyOrder(topic);
  };
  for (int i = 0; i < count; ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<kafka::Consumer> consumer,
                     NewConsumer(dispatcher.topics(), extra));
    auto loop = std::make_unique<kafka::ApplyLoop>(consumer.get(), std::ref(dispatcher),
                                                   parking_.get(), options);
    Run(loop.get());
    consumers_.push_back(std::move(consumer));
    loops_.push_back(std::move(loop));
  }
  return absl::OkStatus();
}

std::string Kit::NotServingReason() const {
  const absl::Time now = absl::Now();
  for (const auto& loop : loops_) {
    if (std::optional<std::string> why = loop->Stalled(now, config_.consumer_stall_limit)) {
      return *why;
    }
  }
  return "";
}

absl::StatusOr<std::unique_ptr<kafka::Consumer>> Kit::NewConsumer(
    const std::vector<std::string>& topics, std::map<std::string, std::string> extra) {
  kafka::ConsumerConfig consumer_config;
  consumer_config.bootstrap = config_.kafka;
  consumer_config.group_id = config_.group;
  consumer_config.topics = topics;
  // The mock cluster forms groups slowly; these keep a restart's rejoin short.
  consumer_config.extra = {{"session.timeout.ms", "4000"},
                           {"heartbeat.interval.ms", "500"},
                           {"fetch.wait.max.ms", "50"}};
  for (auto& [key, value] : extra) consumer_config.extra[key] = std::move(value);
  return kafka::NewKafkaConsumer(consumer_config);
}

void Kit::Serve(grpc::Service* service, std::string health_name) {
  services_.emplace_back(service, std::move(health_name));
}

void Kit::Run(std::function<absl::Status()> start, std::function<void()> stop) {
  parts_.push_back({std::move(start), std::move(stop)});
}

absl::Status Kit::ServeUntilSignal(absl::Duration grace) {
  grpc_util::Transport transport;
  if (!config_.tls_ca.empty()) {
    ASSIGN_OR_RETURN(transport, grpc_util::MutualTlsFromFiles(config_.tls_ca, config_.tls_cert,
                                                              config_.tls_key));
  }
  grpc_util::EnableStandardServices();
  grpc::ServerBuilder builder;
  if (max_receive_bytes_ > 0) builder.SetMaxReceiveMessageSize(max_receive_bytes_);
  int port = 0;
  RETURN_IF_ERROR(grpc_util::AddAuthenticatedListeningPort(builder, config_.listen, transport,
                                                           {data_->signer, &clock(), {}}, &port));
  if (!loops_.empty()) {
    consumers_service_ = std::make_unique<consumer::ConsumersService>(consumer::ConsumersSources{
        name_, &loops_, parking_.get(), holds_.get(), config_.consumer_stall_limit,
        [this] { return NotServingReason(); }});
    services_.emplace_back(consumers_service_.get(), "opsreport.v1.Consumers");
  }
  std::vector<std::string> health_names;
  for (const auto& [service, health_name] : services_) {
    builder.RegisterService(service);
    health_names.push_back(health_name);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + config_.listen);
  }
  // "opsreport.live" says only that the process serves: a liveness probe
  // reads it, so a loop stuck while Redis is away takes the pod out of
  // service (readiness reads "") without restarting it in a loop.
  RETURN_IF_ERROR(grpc_util::MarkServing(*server, health_names));
  if (grpc::HealthCheckServiceInterface* health = server->GetHealthCheckService()) {
    health->SetServingStatus(std::string(kLivenessName), true);
  }
  size_t started = 0;
  absl::Status status;
  for (; started < parts_.size(); ++started) {
    status = parts_[started].start();
    if (!status.ok()) break;
  }
  if (status.ok()) {
    std::cout << name_ << " listening on " << Host(config_.listen) << ":" << port << std::endl;
    absl::Notification stopping;
    std::thread watchdog([&] { WatchConsumers(*server, health_names, stopping); });
    int sig = WaitForStopSignal();
    std::cout << name_ << ": signal " << sig << ", stopping" << std::endl;
    stopping.Notify();
    watchdog.join();
  }
  grpc_util::MarkNotServing(*server);
  server->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  // Consumer loops (added last) stop first, so nothing they apply is left
  // without the relays that carry its messages; whatever a relay has not
  // sent stays in its outbox and is sent on the next start.
  while (started > 0) parts_[--started].stop();
  return status;
}

void Kit::WatchConsumers(grpc::Server& server, const std::vector<std::string>& health_names,
                         absl::Notification& stopping) const {
  if (loops_.empty()) return;
  grpc::HealthCheckServiceInterface* health = server.GetHealthCheckService();
  if (health == nullptr) return;
  const absl::Duration every =
      std::clamp(config_.consumer_stall_limit / 4, absl::Milliseconds(100), absl::Seconds(1));
  bool serving = true;
  while (!stopping.WaitForNotificationWithTimeout(every)) {
    std::string why = NotServingReason();
    if (why.empty() == serving) continue;
    serving = why.empty();
    health->SetServingStatus("", serving);
    for (const std::string& name : health_names) health->SetServingStatus(name, serving);
    if (serving) {
      std::cerr << name_ << ": consumers advance again: SERVING" << std::endl;
    } else {
      std::cerr << name_ << ": NOT_SERVING: " << why << std::endl;
    }
  }
}

}  // namespace opsreport::service
