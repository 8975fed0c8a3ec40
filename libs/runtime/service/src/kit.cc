#include "opsreport/service/kit.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/server_setup.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/service/main.h"

namespace opsreport::service {
namespace {

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
  RETURN_IF_ERROR(kafka::EnsureTopics(config.kafka, topics,
                                      static_cast<int>(config.topic_partitions),
                                      static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = kit->name_;
  ASSIGN_OR_RETURN(kit->producer_, kafka::NewKafkaProducer(producer_config));
  return kit;
}

Kit::~Kit() = default;

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
  std::vector<std::string> health_names;
  for (const auto& [service, health_name] : services_) {
    builder.RegisterService(service);
    health_names.push_back(health_name);
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + config_.listen);
  }
  RETURN_IF_ERROR(grpc_util::MarkServing(*server, health_names));
  size_t started = 0;
  absl::Status status;
  for (; started < parts_.size(); ++started) {
    status = parts_[started].start();
    if (!status.ok()) break;
  }
  if (status.ok()) {
    std::cout << name_ << " listening on " << Host(config_.listen) << ":" << port << std::endl;
    int sig = WaitForStopSignal();
    std::cout << name_ << ": signal " << sig << ", stopping" << std::endl;
  }
  grpc_util::MarkNotServing(*server);
  server->Shutdown(absl::ToChronoTime(absl::Now() + grace));
  // Consumer loops (added last) stop first, so nothing they apply is left
  // without the relays that carry its messages; whatever a relay has not
  // sent stays in its outbox and is sent on the next start.
  while (started > 0) parts_[--started].stop();
  return status;
}

}  // namespace opsreport::service
