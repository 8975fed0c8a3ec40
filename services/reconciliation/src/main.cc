// opsreport-reconciliation: ЄРДР extracts against the special reports
// (002 §3.7, §7.7–§7.9).
#include <csignal>
#include <iostream>

#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "drop_dir.h"
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
#include "reconciliation_config.h"
#include "reconciliation_handler.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

absl::StatusOr<ServiceOptions> OptionsFrom(const ReconciliationConfig& config) {
  ServiceOptions o;
  o.report_grace = config.report_grace;
  ASSIGN_OR_RETURN(o.daily_time, ParseTimeOfDay(config.daily_time));
  ASSIGN_OR_RETURN(o.monthly_time, ParseTimeOfDay(config.monthly_time));
  for (absl::string_view unit : absl::StrSplit(config.daily_units, ',', absl::SkipWhitespace())) {
    o.daily_units.emplace_back(unit);
  }
  o.check_due_day = static_cast<int>(config.check_due_day);
  o.report_due_day = static_cast<int>(config.report_due_day);
  o.ministry_day = static_cast<int>(config.ministry_day);
  o.checkpoint_every = config.checkpoint_every;
  o.requests_topic = config.requests_topic;
  o.request_lease = config.request_lease;
  o.accepted_topic = config.accepted_topic;
  o.delivered_topic = config.delivered_topic;
  o.receipts_topic = config.receipts_topic;
  return o;
}

absl::Status Run(const ReconciliationConfig& config) {
  ASSIGN_OR_RETURN(ServiceOptions options, OptionsFrom(config));
  ASSIGN_OR_RETURN(catalogue::ContentRules rules,
                   catalogue::ContentRules::LoadFile(config.content_rules));
  ASSIGN_OR_RETURN(catalogue::Catalogue catalogue,
                   catalogue::Catalogue::LoadFile(config.catalogue, rules));
  ASSIGN_OR_RETURN(org::OrgDirectory org,
                   org::OrgDirectory::LoadFiles(config.org_units, config.officials));
  for (const std::string& unit : options.daily_units) {
    if (org.Find(unit) == nullptr) {
      return absl::InvalidArgumentError("bad configuration: daily_units: unknown unit " + unit);
    }
  }
  ASSIGN_OR_RETURN(auth::CredentialSigner signer_value,
                   auth::CredentialSigner::FromKeyFile(config.credential_key_file));
  auto signer = std::make_shared<const auth::CredentialSigner>(std::move(signer_value));
  ASSIGN_OR_RETURN(redis::RedisConfig redis_config, redis::ParseRedisAddress(config.redis));
  redis_config.pool_size = static_cast<int>(config.redis_pool);
  ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> redis, redis::NewRedisClient(redis_config));

  RETURN_IF_ERROR(kafka::EnsureTopics(
      config.kafka,
      {config.accepted_topic, config.delivered_topic, config.requests_topic, config.receipts_topic},
      static_cast<int>(config.topic_partitions), static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = "opsreport-reconciliation";
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Producer> producer,
                   kafka::NewKafkaProducer(producer_config));
  kafka::ConsumerConfig consumer_config;
  consumer_config.bootstrap = config.kafka;
  consumer_config.group_id = config.group;
  consumer_config.topics = {config.accepted_topic, config.delivered_topic, config.receipts_topic};
  consumer_config.extra = {{"session.timeout.ms", "4000"},
                           {"heartbeat.interval.ms", "500"},
                           {"fetch.wait.max.ms", "50"}};
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Consumer> consumer,
                   kafka::NewKafkaConsumer(consumer_config));

  const base::Clock& clock = base::SystemClock::Instance();
  outbox::Relay* relay_ptr = nullptr;
  ReconciliationService service(redis.get(), &org, &catalogue, &clock, options,
                                [&](const outbox::Message& m) { relay_ptr->Enqueue(m); });
  outbox::RelayOptions relay_options;
  relay_options.default_topic = config.requests_topic;
  relay_options.poll_interval = config.outbox_poll;
  relay_options.lease = config.request_lease;
  relay_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
  outbox::Relay relay(&service.request_outbox(), producer.get(), &clock, relay_options);
  relay_ptr = &relay;
  timers::TimerPoller poller(&service.timers(), &clock,
                             [&service](const timers::Timer& t) { return service.OnTimer(t); },
                             {config.timer_poll, absl::Minutes(5), 64});
  kafka::ApplyLoop loop(
      consumer.get(), [&service](const kafka::Message& m) { return service.OnRecord(m); },
      "opsreport-reconciliation");
  std::unique_ptr<DropDirectory> drop;
  if (!config.drop_dir.empty()) {
    drop = std::make_unique<DropDirectory>(&service, config.drop_dir, config.drop_poll);
  }
  ReconciliationHandler handler(&service, config.spool_dir, config.max_extract_bytes);

  grpc_util::Transport transport;
  if (!config.tls_ca.empty()) {
    ASSIGN_OR_RETURN(transport,
                     grpc_util::MutualTlsFromFiles(config.tls_ca, config.tls_cert, config.tls_key));
  }
  grpc_util::EnableStandardServices();
  grpc::ServerBuilder builder;
  builder.SetMaxReceiveMessageSize(8 << 20);
  int port = 0;
  RETURN_IF_ERROR(grpc_util::AddAuthenticatedListeningPort(builder, config.listen, transport,
                                                           {signer, &clock, {}}, &port));
  builder.RegisterService(&handler);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError("cannot listen on " + config.listen);
  }
  RETURN_IF_ERROR(service.EnsureScheduled());
  RETURN_IF_ERROR(grpc_util::MarkServing(*server, {"opsreport.v1.Reconciliation"}));
  relay.Start();
  RETURN_IF_ERROR(poller.Start());
  loop.Start();
  service.StartWorker();
  if (drop) drop->Start();
  std::cout << "opsreport-reconciliation listening on "
            << config.listen.substr(0, config.listen.rfind(':')) << ":" << port << std::endl;

  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << "opsreport-reconciliation: signal " << sig << ", stopping" << std::endl;
  server->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(2)));
  if (drop) drop->Stop();
  service.StopWorker();
  loop.Stop();
  poller.Stop();
  relay.Stop();
  return absl::OkStatus();
}

}  // namespace
}  // namespace opsreport::reconciliation_service

int main(int argc, char** argv) {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  namespace rs = opsreport::reconciliation_service;
  absl::StatusOr<rs::ReconciliationConfig> config = rs::LoadReconciliationConfig(argc, argv);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n\nOptions:\n";
    rs::ReconciliationConfig defaults;
    std::cerr << rs::ReconciliationSchema(defaults).Help();
    return 2;
  }
  absl::Status status = rs::Run(*config);
  if (!status.ok()) {
    std::cerr << "opsreport-reconciliation: " << status << "\n";
    return 1;
  }
  return 0;
}
