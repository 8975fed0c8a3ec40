#pragma once
// The configuration every opsreport service shares. A service's config
// struct derives from CommonConfig and declares only its own keys on top
// (service::LoadConfig in main.h); the keys here are declared once, in
// DeclareCommonKeys, with the same names in every service.

#include <string>

#include "absl/time/time.h"
#include "opsreport/config/config.h"

namespace opsreport::service {

struct CommonConfig {
  std::string listen;  // gRPC host:port; each service sets its own default
  std::string redis = "127.0.0.1:6379";
  int64_t redis_pool = 8;
  std::string kafka;  // bootstrap servers; required
  std::string group;  // the service's consumer group; defaults to its name
  int64_t topic_partitions = 6;
  int64_t topic_replication = 1;
  // The rule data (data files, not code).
  std::string catalogue = "data/catalogue.tsv";
  std::string content_rules = "data/content_rules.tsv";
  std::string org_units = "data/org_units.tsv";
  std::string officials = "data/officials.tsv";
  std::string credential_key_file;  // required: verifies callers' credentials
  // Mutual TLS for production; empty = loopback-only local TCP.
  std::string tls_ca, tls_cert, tls_key;
  absl::Duration outbox_poll = absl::Milliseconds(200);
};

// Declares the common keys into `schema`, with a cross-check that TLS is
// configured whole (every fault reported with the others).
void DeclareCommonKeys(config::Schema& schema, CommonConfig& config);

}  // namespace opsreport::service
