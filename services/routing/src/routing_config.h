#pragma once
// Typed configuration of the routing service; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/routing_rules/deadlines.h"

namespace opsreport::routing {

struct RoutingConfig {
  std::string listen = "127.0.0.1:50052";
  std::string redis = "127.0.0.1:6379";
  std::string kafka;  // bootstrap servers; required
  std::string accepted_topic = "opsreport.reports.accepted";
  std::string hops_topic = "opsreport.routing.hops";
  std::string receipts_topic = "opsreport.routing.receipts";
  std::string breaches_topic = "opsreport.routing.breaches";
  std::string delivered_topic = "opsreport.routing.delivered";
  bool delivered_needs_receipt = true;
  // The reconciliation's requests to units (in) and routing's receipts (out).
  std::string reconciliation_requests_topic = "opsreport.reconciliation.requests";
  std::string reconciliation_receipts_topic = "opsreport.reconciliation.receipts";
  std::string accepted_receipts_topic = "opsreport.reports.receipts";
  int64_t topic_partitions = 6;
  int64_t topic_replication = 1;
  std::string group = "opsreport-routing";
  std::string catalogue = "data/catalogue.tsv";
  std::string content_rules = "data/content_rules.tsv";
  std::string org_units = "data/org_units.tsv";
  std::string officials = "data/officials.tsv";
  std::string credential_key_file;  // required
  // Deadlines (002 §1.2, §2.2, §2.6-2.7, §8.3, §9.3) and per-hop times.
  absl::Duration hop_receipt = absl::Minutes(2);
  absl::Duration hop_acknowledgement = absl::Minutes(10);
  absl::Duration one_hour = absl::Hours(1);
  absl::Duration ongoing_update_interval = absl::Hours(1);
  int64_t fire_supplement_days = 10;
  absl::Duration erdr_supplement = absl::Hours(24);
  // Delivery.
  absl::Duration hop_lease = absl::Seconds(10);
  // Consumer-group members in this process: records of different
  // partitions are applied in parallel (Redis batches their fsyncs).
  int64_t consumers = 4;
  // How long the broker may hold an empty fetch: the floor of each hop's
  // latency on the mock cluster, which always waits this long.
  absl::Duration fetch_wait = absl::Milliseconds(20);
  absl::Duration outbox_poll = absl::Milliseconds(200);
  absl::Duration timer_poll = absl::Milliseconds(200);
  absl::Duration timer_lease = absl::Seconds(30);
  std::string tls_ca, tls_cert, tls_key;
  int64_t redis_pool = 16;

  routing_rules::DeadlinePolicy Policy() const;
};

absl::StatusOr<RoutingConfig> LoadRoutingConfig(int argc, char** argv);
config::Schema RoutingSchema(RoutingConfig& config);

}  // namespace opsreport::routing
