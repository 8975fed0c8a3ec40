#include "opsreport/stack/stack.h"

#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/process/net.h"
#include "opsreport/topics/topics.h"

namespace opsreport::stack {
namespace fs = std::filesystem;
namespace {

constexpr int kPartitions = 6;

}  // namespace

absl::Status EnsureKeyFile(const std::string& path) {
  if (fs::exists(path)) return absl::OkStatus();
  std::random_device rd;
  std::string hex;
  const char* digits = "0123456789abcdef";
  for (int i = 0; i < 64; ++i) hex.push_back(digits[rd() % 16]);
  std::ofstream out(path);
  out << hex << "\n";
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write key file ", path));
  ::chmod(path.c_str(), 0600);
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Stack>> Stack::Start(StackOptions options) {
  if (options.data_dir.empty()) return absl::InvalidArgumentError("data_dir: must be set");
  std::error_code ec;
  fs::create_directories(fs::path(options.data_dir) / "redis", ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("cannot create ", options.data_dir, ": ", ec.message()));
  }
  if (options.intake_bin.empty()) options.intake_bin = OPSREPORT_INTAKE_BIN;
  if (options.routing_bin.empty()) options.routing_bin = OPSREPORT_ROUTING_BIN;
  if (options.control_bin.empty()) options.control_bin = OPSREPORT_CONTROL_BIN;
  if (options.reconciliation_bin.empty()) {
    options.reconciliation_bin = OPSREPORT_RECONCILIATION_BIN;
  }
  std::unique_ptr<Stack> stack(new Stack(std::move(options)));
  RETURN_IF_ERROR(stack->EnsureKey());
  if (stack->options_.kafka.empty()) {
    ASSIGN_OR_RETURN(stack->cluster_,
                     embedded_kafka::MockCluster::Start(stack->options_.kafka_brokers));
    stack->kafka_bootstrap_ = stack->cluster_->bootstrap();
    // The mock has no CreateTopics API and auto-creates topics with 4
    // partitions, so the stack creates them with the intended layout.
    for (const topics::Topic* topic : topics::kAll) {
      RETURN_IF_ERROR(stack->cluster_->CreateTopic(std::string(topic->name), kPartitions,
                                                   std::min(3, stack->options_.kafka_brokers)));
    }
  } else {
    stack->kafka_bootstrap_ = stack->options_.kafka;
  }
  if (stack->options_.redis.empty()) {
    ASSIGN_OR_RETURN(stack->redis_port_, process::FreeTcpPort());
    RETURN_IF_ERROR(stack->StartRedis());
  } else {
    stack->redis_address_ = stack->options_.redis;
  }
  if (stack->options_.intake_port == 0) {
    ASSIGN_OR_RETURN(stack->options_.intake_port, process::FreeTcpPort());
  }
  RETURN_IF_ERROR(stack->StartIntake());
  if (stack->options_.routing) {
    if (stack->options_.routing_port == 0) {
      ASSIGN_OR_RETURN(stack->options_.routing_port, process::FreeTcpPort());
    }
    RETURN_IF_ERROR(stack->StartRouting());
    if (stack->options_.control) {
      if (stack->options_.control_port == 0) {
        ASSIGN_OR_RETURN(stack->options_.control_port, process::FreeTcpPort());
      }
      RETURN_IF_ERROR(stack->StartControl());
    }
    if (stack->options_.reconciliation) {
      if (stack->options_.reconciliation_port == 0) {
        ASSIGN_OR_RETURN(stack->options_.reconciliation_port, process::FreeTcpPort());
      }
      RETURN_IF_ERROR(stack->StartReconciliation());
    }
  }
  return stack;
}

Stack::~Stack() { Stop(); }

void Stack::Stop() {
  if (reconciliation_) (void)reconciliation_->Terminate(absl::Seconds(10));
  reconciliation_.reset();
  if (control_) (void)control_->Terminate(absl::Seconds(10));
  control_.reset();
  if (routing_) (void)routing_->Terminate(absl::Seconds(10));
  routing_.reset();
  if (intake_) (void)intake_->Terminate(absl::Seconds(10));
  intake_.reset();
  if (redis_) (void)redis_->Terminate(absl::Seconds(10));
  redis_.reset();
  cluster_.reset();
}

absl::Status Stack::EnsureKey() {
  key_file_ = (fs::path(options_.data_dir) / "credential.key").string();
  return EnsureKeyFile(key_file_);
}

absl::Status Stack::StartRedis() {
  std::string dir = fs::absolute(fs::path(options_.data_dir) / "redis").string();
  process::SpawnOptions spawn;
  spawn.argv = {"redis-server",
                "--port",
                absl::StrCat(redis_port_),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir,
                "--appendonly",
                "yes",
                "--appendfsync",
                options_.appendfsync,
                "--save",
                "",
                "--daemonize",
                "no",
                "--protected-mode",
                "yes",
                "--logfile",
                (fs::path(dir) / "redis.log").string()};
  if (!options_.aof_auto_rewrite) {
    spawn.argv.insert(spawn.argv.end(), {"--auto-aof-rewrite-percentage", "0"});
  }
  ASSIGN_OR_RETURN(process::Subprocess child, process::Subprocess::Spawn(spawn));
  redis_.emplace(std::move(child));
  redis_address_ = absl::StrCat("127.0.0.1:", redis_port_);
  return process::WaitForTcp("127.0.0.1", redis_port_, absl::Seconds(20));
}

absl::Status Stack::RestartRedis(bool kill) {
  if (!redis_) return absl::FailedPreconditionError("redis is external");
  if (kill) {
    redis_->Kill();
  } else {
    RETURN_IF_ERROR(redis_->Terminate(absl::Seconds(10)));
  }
  redis_.reset();
  return StartRedis();
}

absl::Status Stack::PauseRedis() {
  if (!redis_) return absl::FailedPreconditionError("redis is external");
  return redis_->Signal(SIGSTOP);
}

absl::Status Stack::ResumeRedis() {
  if (!redis_) return absl::FailedPreconditionError("redis is external");
  return redis_->Signal(SIGCONT);
}

std::string Stack::intake_address() const {
  return absl::StrCat("127.0.0.1:", options_.intake_port);
}

absl::StatusOr<process::Subprocess> Stack::StartService(const std::string& name,
                                                        const std::string& bin, int port,
                                                        std::vector<std::string> flags,
                                                        const std::string& extra_flags) {
  const std::string& rules = options_.rules_dir;
  process::SpawnOptions spawn;
  spawn.argv = {bin,
                absl::StrCat("--listen=127.0.0.1:", port),
                absl::StrCat("--kafka=", kafka_bootstrap_),
                absl::StrCat("--redis=", redis_address_),
                absl::StrCat("--credential_key_file=", key_file_),
                absl::StrCat("--catalogue=", rules, "/catalogue.tsv"),
                absl::StrCat("--content_rules=", rules, "/content_rules.tsv"),
                absl::StrCat("--org_units=", rules, "/org_units.tsv"),
                absl::StrCat("--officials=", rules, "/officials.tsv")};
  if (cluster_) {
    spawn.argv.push_back(absl::StrCat("--topic_replication=", std::min(3, options_.kafka_brokers)));
  }
  for (std::string& f : flags) spawn.argv.push_back(std::move(f));
  for (absl::string_view flag : absl::StrSplit(extra_flags, ' ', absl::SkipEmpty())) {
    spawn.argv.emplace_back(flag);
  }
  spawn.stdout_path = (fs::path(options_.data_dir) / (name + ".log")).string();
  spawn.stderr_path = spawn.stdout_path;
  ASSIGN_OR_RETURN(process::Subprocess child, process::Subprocess::Spawn(spawn));
  absl::Status up = process::WaitForTcp("127.0.0.1", port, absl::Seconds(30));
  if (!up.ok()) {
    if (!child.Running()) {
      return absl::UnavailableError(absl::StrCat(
          name, " exited with code ", child.exit_code().value_or(-1), "; see ", spawn.stdout_path));
    }
    return up;
  }
  return child;
}

absl::Status Stack::StartIntake() {
  ASSIGN_OR_RETURN(process::Subprocess child,
                   StartService("intake", options_.intake_bin, options_.intake_port,
                                // Without routing nobody answers: the broker's
                                // confirmation clears intake's outbox.
                                options_.routing ? std::vector<std::string>{}
                                                 : std::vector<std::string>{"--receipts_topic="},
                                options_.intake_extra_flags));
  intake_.emplace(std::move(child));
  return absl::OkStatus();
}

std::string Stack::routing_address() const {
  return absl::StrCat("127.0.0.1:", options_.routing_port);
}

absl::Status Stack::StartRouting() {
  ASSIGN_OR_RETURN(
      process::Subprocess child,
      StartService("routing", options_.routing_bin, options_.routing_port,
                   // Without control nobody acknowledges deliveries.
                   options_.control ? std::vector<std::string>{}
                                    : std::vector<std::string>{"--delivered_needs_receipt=false"},
                   options_.routing_extra_flags));
  routing_.emplace(std::move(child));
  return absl::OkStatus();
}

std::string Stack::control_address() const {
  return absl::StrCat("127.0.0.1:", options_.control_port);
}

absl::Status Stack::StartControl() {
  ASSIGN_OR_RETURN(process::Subprocess child,
                   StartService("control", options_.control_bin, options_.control_port, {},
                                options_.control_extra_flags));
  control_.emplace(std::move(child));
  return absl::OkStatus();
}

std::string Stack::reconciliation_address() const {
  return absl::StrCat("127.0.0.1:", options_.reconciliation_port);
}

std::string Stack::extracts_dir() const {
  return (fs::path(options_.data_dir) / "extracts").string();
}

absl::Status Stack::StartReconciliation() {
  std::error_code ec;
  fs::create_directories(extracts_dir(), ec);
  ASSIGN_OR_RETURN(
      process::Subprocess child,
      StartService("reconciliation", options_.reconciliation_bin, options_.reconciliation_port,
                   {"--drop_dir=" + extracts_dir(), "--spool_dir=" + options_.data_dir},
                   options_.reconciliation_extra_flags));
  reconciliation_.emplace(std::move(child));
  return absl::OkStatus();
}

absl::Status Stack::KillReconciliation() {
  if (!reconciliation_) return absl::FailedPreconditionError("reconciliation is not running");
  reconciliation_->Kill();
  reconciliation_.reset();
  return absl::OkStatus();
}

absl::Status Stack::KillControl() {
  if (!control_) return absl::FailedPreconditionError("control is not running");
  control_->Kill();
  control_.reset();
  return absl::OkStatus();
}

absl::Status Stack::KillRouting() {
  if (!routing_) return absl::FailedPreconditionError("routing is not running");
  routing_->Kill();
  routing_.reset();
  return absl::OkStatus();
}

absl::Status Stack::KillIntake() {
  if (!intake_) return absl::FailedPreconditionError("intake is not running");
  intake_->Kill();
  intake_.reset();
  return absl::OkStatus();
}

}  // namespace opsreport::stack
