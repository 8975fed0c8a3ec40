// opsreport-control: Ministry control files (002 §7.6).
#include <csignal>
#include <iostream>

#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "control_config.h"
#include "control_handler.h"
#include "controller.h"
#include "coordinator.h"
#include "delivery_consumer.h"
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

namespace opsreport::control {
namespace {

absl::Status Run(const ControlConfig& config) {
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

  std::map<std::string, coordination_rules::RuleSet> rule_sets;
  for (absl::string_view path :
       absl::StrSplit(config.coordination_rule_sets, ',', absl::SkipWhitespace())) {
    ASSIGN_OR_RETURN(coordination_rules::RuleSet rules,
                     coordination_rules::RuleSet::LoadFile(std::string(path)));
    std::string jurisdiction = rules.jurisdiction;
    rule_sets.emplace(std::move(jurisdiction), std::move(rules));
  }
  CoordinatorOptions coordination;
  coordination.events_topic = config.coordination_topic;
  ASSIGN_OR_RETURN(coordination.reminders.lead, calendar::Deadline::Parse(config.reminder_lead));
  ASSIGN_OR_RETURN(coordination.reminders.interval,
                   calendar::Deadline::Parse(config.reminder_interval));
  std::vector<std::string> topics = {config.delivered_topic, config.events_topic,
                                     config.coordination_topic};
  if (!config.delivery_receipts_topic.empty()) topics.push_back(config.delivery_receipts_topic);
  RETURN_IF_ERROR(kafka::EnsureTopics(config.kafka, topics,
                                      static_cast<int>(config.topic_partitions),
                                      static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = "opsreport-control";
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Producer> producer,
                   kafka::NewKafkaProducer(producer_config));
  kafka::ConsumerConfig consumer_config;
  consumer_config.bootstrap = config.kafka;
  consumer_config.group_id = config.group;
  consumer_config.topics = {config.delivered_topic};
  consumer_config.extra = {{"session.timeout.ms", "4000"},
                           {"heartbeat.interval.ms", "500"},
                           {"fetch.wait.max.ms", "50"}};
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Consumer> consumer,
                   kafka::NewKafkaConsumer(consumer_config));

  const base::Clock& clock = base::SystemClock::Instance();
  outbox::Relay* relay_ptr = nullptr;
  Controller controller(&org, &catalogue, redis.get(), &clock,
                        {config.events_topic, config.transfer_allowed, absl::Seconds(30)},
                        [&](const outbox::Message& m) { relay_ptr->Enqueue(m); });
  outbox::Relay relay(
      &controller.publish_outbox(), producer.get(), &clock,
      {config.events_topic, config.outbox_poll, absl::Seconds(30), 256, absl::Milliseconds(2)});
  relay_ptr = &relay;
  outbox::Relay* coordination_relay_ptr = nullptr;
  Coordinator coordinator(&org, std::move(rule_sets), redis.get(), &clock, coordination,
                          [&](const outbox::Message& m) { coordination_relay_ptr->Enqueue(m); });
  outbox::Relay coordination_relay(&coordinator.publish_outbox(), producer.get(), &clock,
                                   {config.coordination_topic, config.outbox_poll,
                                    absl::Seconds(30), 256, absl::Milliseconds(2)});
  coordination_relay_ptr = &coordination_relay;
  timers::TimerPoller coordination_poller(
      &coordinator.timers(), &clock,
      [&coordinator](const timers::Timer& t) { return coordinator.OnTimer(t); },
      {config.timer_poll, absl::Seconds(30), 256});
  timers::TimerPoller poller(
      &controller.timers(), &clock,
      [&controller](const timers::Timer& t) { return controller.OnTimer(t); },
      {config.timer_poll, absl::Seconds(30), 256});
  kafka::ApplyLoop loop(
      consumer.get(),
      [&](const kafka::Message& m) {
        return ApplyDelivery(controller, *producer, config.delivery_receipts_topic, m);
      },
      "opsreport-control");
  ControlHandler handler(&controller);
  CoordinationHandler coordination_handler(&coordinator);

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
  builder.RegisterService(&coordination_handler);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + config.listen);
  }
  RETURN_IF_ERROR(
      grpc_util::MarkServing(*server, {"opsreport.v1.Control", "opsreport.v1.Coordination"}));
  relay.Start();
  coordination_relay.Start();
  RETURN_IF_ERROR(poller.Start());
  RETURN_IF_ERROR(coordination_poller.Start());
  loop.Start();
  std::cout << "opsreport-control listening on "
            << config.listen.substr(0, config.listen.rfind(':')) << ":" << port << std::endl;

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << "opsreport-control: signal " << sig << ", stopping" << std::endl;
  server->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  loop.Stop();
  poller.Stop();
  coordination_poller.Stop();
  relay.Stop();
  coordination_relay.Stop();
  return absl::OkStatus();
}

}  // namespace
}  // namespace opsreport::control

int main(int argc, char** argv) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  absl::StatusOr<opsreport::control::ControlConfig> config =
      opsreport::control::LoadControlConfig(argc, argv);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n\nOptions:\n";
    opsreport::control::ControlConfig defaults;
    std::cerr << opsreport::control::ControlSchema(defaults).Help();
    return 2;
  }
  absl::Status status = opsreport::control::Run(*config);
  if (!status.ok()) {
    std::cerr << "opsreport-control: " << status << "\n";
    return 1;
  }
  return 0;
}
