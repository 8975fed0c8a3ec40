#pragma once
// Typed configuration of the routing service: the common keys
// (service::CommonConfig) and routing's own; unknown keys refuse the start.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/routing_rules/deadlines.h"
#include "opsreport/service/common_config.h"
#include "opsreport/topics/topics.h"

namespace opsreport::routing {

struct RoutingConfig : service::CommonConfig {
  RoutingConfig() : CommonConfig("127.0.0.1:50052", "opsreport-routing", 16) {}
  std::string accepted_topic{topics::kReportsAccepted.name};
  std::string hops_topic{topics::kRoutingHops.name};
  std::string receipts_topic{topics::kRoutingReceipts.name};
  std::string breaches_topic{topics::kRoutingBreaches.name};
  std::string delivered_topic{topics::kRoutingDelivered.name};
  bool delivered_needs_receipt = true;
  // The reconciliation's requests to units (in) and routing's receipts (out).
  std::string reconciliation_requests_topic{topics::kReconciliationRequests.name};
  std::string reconciliation_receipts_topic{topics::kReconciliationReceipts.name};
  std::string accepted_receipts_topic{topics::kReportsReceipts.name};
  // Deadlines (002 §1.2, §2.2, §2.6-2.7, §8.3, §9.3) and per-hop times:
  // the policy declares its own keys (routing_rules::DeclarePolicyKeys).
  routing_rules::DeadlinePolicy policy;
  // Delivery.
  absl::Duration hop_lease = absl::Seconds(10);
  // Consumer-group members in this process: records of different
  // partitions are applied in parallel (Redis batches their fsyncs).
  int64_t consumers = 4;
  // How long the broker may hold an empty fetch: the floor of each hop's
  // latency on the mock cluster, which always waits this long.
  absl::Duration fetch_wait = absl::Milliseconds(20);
  absl::Duration timer_poll = absl::Milliseconds(200);
  absl::Duration timer_lease = absl::Seconds(30);

  const routing_rules::DeadlinePolicy& Policy() const { return policy; }
};

absl::StatusOr<RoutingConfig> LoadRoutingConfig(int argc, char** argv);

// What the config gives the parts: every topic routing reads or writes (to
// create at start), the consumer side's names, and the Router's options.
struct ConsumerTopics;
struct RouterOptions;
std::vector<std::string> AllTopics(const RoutingConfig& config);
ConsumerTopics ConsumerTopicsFrom(const RoutingConfig& config);
RouterOptions RouterOptionsFrom(const RoutingConfig& config);
config::Schema RoutingSchema(RoutingConfig& config);

}  // namespace opsreport::routing
