// opsreport-intake: duty desks file special reports and supplements here.
#include <csignal>
#include <iostream>

#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "intake.h"
#include "intake_config.h"
#include "intake_handler.h"
#include "intake_outbox.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/server_setup.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/apply_loop.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/producer.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "redis_report_store.h"

namespace opsreport::intake {
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

absl::Status Run(const IntakeConfig& config) {
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

  std::vector<std::string> topics = {config.topic};
  if (!config.receipts_topic.empty()) topics.push_back(config.receipts_topic);
  RETURN_IF_ERROR(kafka::EnsureTopics(config.kafka, topics,
                                      static_cast<int>(config.topic_partitions),
                                      static_cast<int>(config.topic_replication)));
  kafka::ProducerConfig producer_config;
  producer_config.bootstrap = config.kafka;
  producer_config.client_id = "opsreport-intake";
  ASSIGN_OR_RETURN(std::unique_ptr<kafka::Producer> producer,
                   kafka::NewKafkaProducer(producer_config));

  const base::Clock& clock = base::SystemClock::Instance();
  RedisReportStore store(redis.get());
  IntakeOutbox intake_outbox(&store);
  outbox::RelayOptions relay_options{config.topic, config.outbox_poll, config.outbox_lease, 256,
                                     absl::Milliseconds(2)};
  std::unique_ptr<kafka::Consumer> receipts;
  std::unique_ptr<kafka::ApplyLoop> receipts_loop;
  if (!config.receipts_topic.empty()) {
    // Delivered means applied by routing, not merely taken by the broker:
    // a record the broker confirmed can still go unread (the mock evicts,
    // and lost some under injected errors in the fault suite).
    relay_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
    kafka::ConsumerConfig consumer_config;
    consumer_config.bootstrap = config.kafka;
    consumer_config.group_id = config.group;
    consumer_config.topics = {config.receipts_topic};
    consumer_config.extra = {{"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "500"}};
    ASSIGN_OR_RETURN(receipts, kafka::NewKafkaConsumer(consumer_config));
  }
  outbox::Relay relay(&intake_outbox, producer.get(), &clock, relay_options);
  if (receipts) {
    receipts_loop = std::make_unique<kafka::ApplyLoop>(
        receipts.get(), [&relay](const kafka::Message& m) { return ClearOnReceipt(relay, m); },
        "opsreport-intake");
  }
  report_rules::ReportValidator validator(&catalogue, &rules, &org, &clock);
  Intake intake(
      &validator, &org, &store, &clock,
      [&relay](v1::AcceptedDocument doc) { relay.Enqueue(ToMessage(doc)); }, config.outbox_lease);
  IntakeHandler handler(&intake);

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
  RETURN_IF_ERROR(grpc_util::MarkServing(*server, {"opsreport.v1.Intake"}));
  relay.Start();
  if (receipts_loop) receipts_loop->Start();
  std::cout << "opsreport-intake listening on " << config.listen.substr(0, config.listen.rfind(':'))
            << ":" << port << std::endl;

  int sig = WaitForStopSignal();
  std::cout << "opsreport-intake: signal " << sig << ", stopping" << std::endl;
  server->Shutdown(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  // Whatever is not confirmed stays in the outbox and is re-sent on the next start.
  if (receipts_loop) receipts_loop->Stop();
  relay.Stop();
  return absl::OkStatus();
}

}  // namespace
}  // namespace opsreport::intake

int main(int argc, char** argv) {
  // Debian's Abseil keeps Mutex deadlock detection on, which shows up in
  // profiles of the hot path; our lock order is simple and tested.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  // Block the stop signals in every thread; the main thread takes them with sigwait.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  absl::StatusOr<opsreport::intake::IntakeConfig> config =
      opsreport::intake::LoadIntakeConfig(argc, argv);
  if (!config.ok()) {
    std::cerr << config.status().message() << "\n\nOptions:\n";
    opsreport::intake::IntakeConfig defaults;
    std::cerr << opsreport::intake::IntakeSchema(defaults).Help();
    return 2;
  }
  absl::Status status = opsreport::intake::Run(*config);
  if (!status.ok()) {
    std::cerr << "opsreport-intake: " << status << "\n";
    return 1;
  }
  return 0;
}
