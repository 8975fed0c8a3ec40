#pragma once
// Typed configuration of the intake service; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"

namespace opsreport::intake {

struct IntakeConfig {
  std::string listen = "127.0.0.1:50051";
  std::string redis = "127.0.0.1:6379";
  std::string kafka;  // bootstrap servers; required
  std::string topic = "opsreport.reports.accepted";
  int64_t topic_partitions = 6;
  int64_t topic_replication = 1;
  std::string catalogue = "data/catalogue.tsv";
  std::string content_rules = "data/content_rules.tsv";
  std::string org_units = "data/org_units.tsv";
  std::string officials = "data/officials.tsv";
  std::string credential_key_file;  // required
  // Routing's AcceptedReceipts: a document leaves the outbox only when routing
  // has applied it. Empty: on the broker's confirmation (intake without routing).
  std::string receipts_topic = "opsreport.reports.receipts";
  std::string group = "opsreport-intake";
  absl::Duration outbox_poll = absl::Milliseconds(200);
  absl::Duration outbox_lease = absl::Seconds(30);
  // Mutual TLS for production; empty = local TCP (loopback only).
  std::string tls_ca, tls_cert, tls_key;
  int64_t redis_pool = 32;
};

// From --config=FILE and --key=value flags.
absl::StatusOr<IntakeConfig> LoadIntakeConfig(int argc, char** argv);
config::Schema IntakeSchema(IntakeConfig& config);

}  // namespace opsreport::intake
