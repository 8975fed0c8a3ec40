// opsreport-stack: starts the whole stack on one machine (embedded default)
// or points the services at real Kafka/Redis, loads demo data, prints where
// everything listens, and stops it all on Ctrl-C.
#include "opsreport/service/main.h"

#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "demo.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/config/config.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/stack/stack.h"

namespace {

struct LauncherConfig {
  std::string data_dir = "var/stack";
  std::string rules_dir = "data";
  std::string kafka;
  std::string redis;
  int64_t intake_port = 50051;
  int64_t routing_port = 50052;
  int64_t control_port = 50053;
  int64_t reconciliation_port = 50054;
  bool demo = true;
  bool once = false;
  std::string appendfsync = "always";
};

opsreport::config::Schema LauncherSchema(LauncherConfig& c) {
  opsreport::config::Schema s;
  s.String("data_dir", &c.data_dir, "directory for Redis AOF, logs and the credential key")
      .String("rules_dir", &c.rules_dir, "directory with catalogue, org tree and officials data")
      .String("kafka", &c.kafka, "real Kafka bootstrap servers (default: embedded mock cluster)")
      .String("redis", &c.redis, "real Redis host:port (default: redis-server child)")
      .Int("intake_port", &c.intake_port, "intake gRPC port on 127.0.0.1 (0 = any free)", 0, 65535)
      .Int("routing_port", &c.routing_port, "routing gRPC port on 127.0.0.1 (0 = any free)", 0,
           65535)
      .Int("control_port", &c.control_port, "control gRPC port on 127.0.0.1 (0 = any free)", 0,
           65535)
      .Int("reconciliation_port", &c.reconciliation_port,
           "reconciliation gRPC port on 127.0.0.1 (0 = any free)", 0, 65535)
      .Bool("demo", &c.demo, "file demo reports after start")
      .Bool("once", &c.once, "start, load demo data, then stop (a smoke check)")
      .String("appendfsync", &c.appendfsync, "embedded redis-server fsync policy: always|everysec");
  return s;
}

absl::Status Run(const LauncherConfig& c) {
  opsreport::stack::StackOptions options;
  options.data_dir = c.data_dir;
  options.rules_dir = c.rules_dir;
  options.kafka = c.kafka;
  options.redis = c.redis;
  options.intake_port = static_cast<int>(c.intake_port);
  options.routing_port = static_cast<int>(c.routing_port);
  options.control_port = static_cast<int>(c.control_port);
  options.reconciliation_port = static_cast<int>(c.reconciliation_port);
  options.appendfsync = c.appendfsync;
  ASSIGN_OR_RETURN(std::unique_ptr<opsreport::stack::Stack> stack,
                   opsreport::stack::Stack::Start(options));
  std::cout << "opsreport stack is up\n"
            << "  kafka bootstrap : " << stack->kafka_bootstrap()
            << (stack->cluster() ? "  (embedded mock cluster)" : "") << "\n"
            << "  redis           : " << stack->redis_address()
            << (c.redis.empty() ? "  (redis-server child, AOF in " + c.data_dir + "/redis)" : "")
            << "\n"
            << "  intake gRPC     : " << stack->intake_address()
            << "  (opsreport.v1.Intake, health, reflection)\n"
            << "  routing gRPC    : " << stack->routing_address()
            << "  (opsreport.v1.Routing, health, reflection)\n"
            << "  control gRPC    : " << stack->control_address()
            << "  (opsreport.v1.Control, health, reflection)\n"
            << "  reconciliation  : " << stack->reconciliation_address()
            << "  (opsreport.v1.Reconciliation, health, reflection)\n"
            << "  ЄРДР extracts   : drop <entries|results|suspects>-*.csv|.jsonl into "
            << stack->extracts_dir() << "\n"
            << "  credential key  : " << stack->key_file() << "\n"
            << "  logs            : " << c.data_dir
            << "/{intake,routing,control,reconciliation}.log" << std::endl;
  if (c.demo) {
    RETURN_IF_ERROR(opsreport::launcher::LoadDemoData(stack->intake_address(),
                                                      stack->routing_address(), stack->key_file()));
    // A sample register extract for the reconciliation (002 §3.7).
    std::error_code ec;
    std::filesystem::copy_file(c.rules_dir + "/demo/entries-demo.csv",
                               stack->extracts_dir() + "/entries-demo.csv",
                               std::filesystem::copy_options::skip_existing, ec);
    if (ec) std::cerr << "demo extract not copied: " << ec.message() << std::endl;
  }
  ASSIGN_OR_RETURN(auto signer, opsreport::auth::CredentialSigner::FromKeyFile(stack->key_file()));
  std::cout << "  sample credential (unit " << opsreport::fixtures::kDistrictUnit
            << ", duty officer, 12 h):\n    "
            << signer.Sign({opsreport::fixtures::kDistrictUnit,
                            opsreport::fixtures::kDistrictDutyOfficer,
                            opsreport::auth::Role::kDutyOfficer, absl::Now() + absl::Hours(12)})
            << std::endl;
  if (c.once) return absl::OkStatus();
  std::cout << "Press Ctrl-C to stop." << std::endl;
  opsreport::service::WaitForStopSignal();
  std::cout << "stopping..." << std::endl;
  stack->Stop();
  std::cout << "stopped" << std::endl;
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  opsreport::service::PrepareProcess();
  LauncherConfig config;
  absl::StatusOr<opsreport::config::RawConfig> raw = opsreport::config::LoadFromArgs(argc, argv);
  absl::Status status = raw.ok() ? LauncherSchema(config).Apply(*raw) : raw.status();
  if (!status.ok()) {
    LauncherConfig defaults;
    std::cerr << status.message() << "\n\nOptions:\n" << LauncherSchema(defaults).Help();
    return 2;
  }
  status = Run(config);
  if (!status.ok()) {
    std::cerr << "opsreport-stack: " << status << std::endl;
    return 1;
  }
  return 0;
}
