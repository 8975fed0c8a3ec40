#pragma once
// The embedded stack on one machine: a librdkafka mock cluster hosted in this
// process, a redis-server child with AOF in the data directory, and the
// service processes pointed at both. Used by the launcher, the integration
// tests and the benchmarks, so all three run the same wiring. Either external
// system can be replaced by a real one (StackOptions::kafka / ::redis).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/embedded_kafka/mock_cluster.h"
#include "opsreport/process/subprocess.h"

namespace opsreport::stack {

struct StackOptions {
  std::string data_dir;            // created if missing; holds redis/, logs, the key
  std::string rules_dir = "data";  // catalogue, org tree, officials, content rules
  std::string kafka;               // external bootstrap; empty = embedded mock cluster
  std::string redis;               // external host:port; empty = redis-server child
  int kafka_brokers = 3;
  std::string appendfsync = "always";  // for the embedded redis-server
  // Benchmarks turn automatic AOF rewrites off: a rewrite forks and competes
  // for the same cores mid-run, a periodic cost that is not per report.
  bool aof_auto_rewrite = true;
  int intake_port = 0;             // 0 = a free port
  std::string intake_bin;          // empty = the binary built next to this code
  std::string intake_extra_flags;  // appended, space-separated (--key=value)
  bool routing = true;             // start opsreport-routing too
  int routing_port = 0;
  std::string routing_bin;
  std::string routing_extra_flags;
  bool control = true;  // start opsreport-control (needs routing)
  int control_port = 0;
  std::string control_bin;
  std::string control_extra_flags;
  bool reconciliation = true;  // start opsreport-reconciliation (needs routing for requests)
  int reconciliation_port = 0;
  std::string reconciliation_bin;
  std::string reconciliation_extra_flags;
};

class Stack {
 public:
  static absl::StatusOr<std::unique_ptr<Stack>> Start(StackOptions options);
  ~Stack();  // stops the services, then redis-server, then the mock cluster

  const std::string& kafka_bootstrap() const { return kafka_bootstrap_; }
  const std::string& redis_address() const { return redis_address_; }
  std::string intake_address() const;
  std::string routing_address() const;
  std::string control_address() const;
  std::string reconciliation_address() const;
  // Where reconciliation picks up dropped extract files (<data_dir>/extracts).
  std::string extracts_dir() const;
  const std::string& key_file() const { return key_file_; }
  // Null when Kafka is external.
  embedded_kafka::MockCluster* cluster() { return cluster_.get(); }

  // Fault injection for tests: SIGKILL the service / redis-server, and start again.
  absl::Status KillIntake();
  absl::Status StartIntake();
  absl::Status KillRouting();
  absl::Status StartRouting();
  absl::Status KillControl();
  absl::Status StartControl();
  absl::Status KillReconciliation();
  absl::Status StartReconciliation();
  absl::Status RestartRedis(bool kill);
  // SIGSTOP / SIGCONT of redis-server: it stops answering without closing a
  // connection, as an overloaded or partitioned server does.
  absl::Status PauseRedis();
  absl::Status ResumeRedis();
  // Clean stop of everything, in reverse order of start.
  void Stop();

 private:
  explicit Stack(StackOptions options) : options_(std::move(options)) {}
  absl::Status StartRedis();
  absl::Status EnsureKey();
  // Spawns `bin` with the common flags plus `flags`, logging to
  // <data_dir>/<name>.log, and waits for its gRPC port.
  absl::StatusOr<process::Subprocess> StartService(const std::string& name, const std::string& bin,
                                                   int port, std::vector<std::string> flags,
                                                   const std::string& extra_flags);

  StackOptions options_;
  std::unique_ptr<embedded_kafka::MockCluster> cluster_;
  std::string kafka_bootstrap_;
  std::string redis_address_;
  int redis_port_ = 0;
  std::string key_file_;
  std::optional<process::Subprocess> redis_;
  std::optional<process::Subprocess> intake_;
  std::optional<process::Subprocess> routing_;
  std::optional<process::Subprocess> control_;
  std::optional<process::Subprocess> reconciliation_;
};

// Writes a fresh random 32-byte hex key to `path` unless the file exists.
absl::Status EnsureKeyFile(const std::string& path);

}  // namespace opsreport::stack
