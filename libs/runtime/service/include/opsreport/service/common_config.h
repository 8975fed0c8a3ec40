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
  // A service's own defaults: where it listens, its consumer group, its pool.
  CommonConfig(std::string default_listen, std::string default_group, int64_t default_pool = 8)
      : listen(std::move(default_listen)),
        redis_pool(default_pool),
        group(std::move(default_group)) {}

  std::string listen;  // gRPC host:port
  std::string redis = "127.0.0.1:6379";
  int64_t redis_pool;
  std::string kafka;  // bootstrap servers; required
  std::string group;  // the service's consumer group
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
  // The consumer loops (kafka::ApplyLoop): a transient failure is retried
  // this many times, backing off from the first delay to the longest, then
  // parked; a loop in hand with one record longer than the stall limit
  // turns the health check NOT_SERVING.
  int64_t consumer_retry_attempts = 8;
  absl::Duration consumer_retry_backoff = absl::Milliseconds(100);
  absl::Duration consumer_retry_backoff_max = absl::Seconds(5);
  absl::Duration consumer_stall_limit = absl::Seconds(60);
  // A record held for a prerequisite that has not come within this long is
  // parked (checked every hold_sweep).
  absl::Duration hold_limit = absl::Hours(24);
  absl::Duration hold_sweep = absl::Seconds(10);
  std::string dead_letter_topic;  // default: the topic contract's
};

// Declares the common keys into `schema`, with a cross-check that TLS is
// configured whole (every fault reported with the others).
void DeclareCommonKeys(config::Schema& schema, CommonConfig& config);

}  // namespace opsreport::service
