// opsreport-routing: moves accepted documents up the chain of levels.
#include <csignal>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "consumer_loop.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/server_setup.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/apply_loop.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/timers/timer_poller.h"
#include "router.h"
#include "routing_config.h"
#include "routing_handler.h"

namespace opsreport::routing {
namespace {

int WaitForStopSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  return sig;
}

absl::Status Run(const RoutingConfig& config) {
  ASSIGN_OR_RETURN(catalogue::ContentRules rules,
                   catalogue::ContentRules::LoadFile(config.content_rules));
  ASSIGN_OR_RETURN(catalogue::Catalogue catalogue,
                   catalogue::Catalogue::LoadFile(config.catalogue, rules));
  ASSIGN_OR_RETURN(org::OrgDirectory org,
                   org::OrgDirectory::LoadFiles(config.org_units, config.officials));
  ASSIGN_OR_RETURN(auth::CredentialSigner signer_value,
                   auth::CredentialSigner::FromKeyFile(config.credential_key_file));
  auto signer = std::make_shared<const auth::CredentialSigner>(std::move(signer_value));

  ASSIGN_OR_RETURN(redis::RedisConfig redis_config, redis::ParseRedisAddress(config.redis));
  redis_config.pool_size = static_cast<int>(config.redis_pool);
  ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> redis, redis::NewRedisClient(redis_config));

  RETURN_IF_ERROR(kafka::EnsureTopics(
      config.kafka,
      {config.accepted_topic, config.hops_topic, config.receipts_topic, config.breaches_topic,
       config.delivered_topic, config.reconciliation_requests_topic,
       config.reconciliation_receipts_topic, config.accepted_receipts_topic},
      static_cast<int>(config.topic_partitions), static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = "opsreport-routing";
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Producer> producer,
                   kafka::NewKafkaProducer(producer_config));
  kafka::ConsumerConfig consumer_config;
  consumer_config.bootstrap = config.kafka;
  consumer_config.group_id = config.group;
  consumer_config.topics = {config.accepted_topic, config.hops_topic, config.receipts_topic,
                            config.reconciliation_requests_topic};
  // The mock cluster forms groups slowly; these keep a restart's rejoin short.
  consumer_config.extra = {
      {"session.timeout.ms", "4000"},
      {"heartbeat.interval.ms", "500"},
      {"fetch.wait.max.ms", absl::StrCat(absl::ToInt64Milliseconds(config.fetch_wait))}};
  std::vector<std::unique_ptr<kafka::Consumer>> consumers;
  for (int64_t i = 0; i < config.consumers; ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<kafka::Consumer> consumer,
                     kafka::NewKafkaConsumer(consumer_config));
    consumers.push_back(std::move(consumer));
  }

  const base::Clock& clock = base::SystemClock::Instance();
  RouterOptions options;
  options.policy = config.Policy();
  options.hops_topic = config.hops_topic;
  options.breaches_topic = config.breaches_topic;
  options.delivered_topic = config.delivered_topic;
  options.hop_lease = config.hop_lease;
  options.delivered_needs_receipt = config.delivered_needs_receipt;
  outbox::Relay* hop_relay_ptr = nullptr;
  outbox::Relay* publish_relay_ptr = nullptr;
  Router router(
      &org, &catalogue, redis.get(), &clock, options,
      [&](const outbox::Message& m) { hop_relay_ptr->Enqueue(m); },
      [&](const outbox::Message& m) { publish_relay_ptr->Enqueue(m); });
  outbox::RelayOptions hop_options{config.hops_topic, config.outbox_poll, config.hop_lease, 256,
                                   absl::Milliseconds(2)};
  // A hop is delivered when the receiving level's receipt comes back, not
  // when the broker has it (the mock may evict it unread).
  hop_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
  outbox::Relay hop_relay(&router.hop_outbox(), producer.get(), &clock, hop_options);
  outbox::Relay publish_relay(
      &router.publish_outbox(), producer.get(), &clock,
      {config.breaches_topic, config.outbox_poll, absl::Seconds(30), 256, absl::Milliseconds(2)});
  hop_relay_ptr = &hop_relay;
  publish_relay_ptr = &publish_relay;
  timers::TimerPoller poller(&router.timers(), &clock,
                             [&router](const timers::Timer& t) { return router.OnTimer(t); },
                             {config.timer_poll, config.timer_lease, 256});
  const ConsumerTopics topics{config.accepted_topic,
                              config.hops_topic,
                              config.receipts_topic,
                              config.reconciliation_requests_topic,
                              config.reconciliation_receipts_topic,
                              config.accepted_receipts_topic};
  std::vector<std::unique_ptr<kafka::ApplyLoop>> loops;
  for (auto& consumer : consumers) {
    loops.push_back(std::make_unique<kafka::ApplyLoop>(
        consumer.get(),
        [&](const kafka::Message& m) { return ApplyRecord(router, *producer, topics, m); },
        "opsreport-routing"));
  }
  RoutingHandler handler(&router);

  grpc_util::Transport transport;
  if (!config.tls_ca.empty()) {
    ASSIGN_OR_RETURN(transport,
                     grpc_util::MutualTlsFromFiles(config.tls_ca, config.tls_cert, config.tls_key));
  }
  grpc_util::EnableStandardServices();
  grpc::ServerBuilder builder;
  int port = 0;
  RETURN_IF_ERROR(grpc_util::AddAuthenticatedListeningPort(builder, config.listen, transport,
                                                           {signer, &clock, {}}, &port));
  builder.RegisterService(&handler);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + config.listen);
  }
  RETURN_IF_ERROR(grpc_util::MarkServing(*server, {"opsreport.v1.Routing"}));
  hop_relay.Start();
  publish_relay.Start();
  RETURN_IF_ERROR(poller.Start());
  for (auto& loop : loops) loop->Start();
  std::cout << "opsreport-routing listening on "
            << config.listen.substr(0, config.listen.rfind(':')) << ":" << port << std::endl;

  int sig = WaitForStopSignal();
  std::cout << "opsreport-routing: signal " << sig << ", stopping" << std::endl;
  server->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  for (auto& loop : loops) loop->Stop();
  poller.Stop();
  // Unconfirmed messages stay in the outboxes and are re-sent on the next start.
  hop_relay.Stop();
  publish_relay.Stop();
  return absl::OkStatus();
}

}  // namespace
}  // namespace opsreport::routing

int main(int argc, char** argv) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  absl::StatusOr<opsreport::routing::RoutingConfig> config =
      opsreport::routing::LoadRoutingConfig(argc, argv);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n\nOptions:\n";
    opsreport::routing::RoutingConfig defaults;
    std::cerr << opsreport::routing::RoutingSchema(defaults).Help();
    return 2;
  }
  absl::Status status = opsreport::routing::Run(*config);
  if (!status.ok()) {
    std::cerr << "opsreport-routing: " << status << "\n";
    return 1;
  }
  return 0;
}
