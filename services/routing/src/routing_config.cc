#include "routing_config.h"

#include "consumer_loop.h"
#include "opsreport/service/main.h"
#include "router.h"

namespace opsreport::routing {

config::Schema RoutingSchema(RoutingConfig& c) {
  config::Schema s;
  service::DeclareCommonKeys(s, c);
  s.String("accepted_topic", &c.accepted_topic, "documents accepted by intake")
      .String("hops_topic", &c.hops_topic, "transmissions between levels")
      .String("receipts_topic", &c.receipts_topic, "receivers' hop receipts")
      .String("breaches_topic", &c.breaches_topic, "missed deadlines")
      .String("delivered_topic", &c.delivered_topic, "chain deliveries to the Ministry")
      .Bool("delivered_needs_receipt", &c.delivered_needs_receipt,
            "keep a delivery in the outbox until control's receipt (false: without control)")
      .String("reconciliation_requests_topic", &c.reconciliation_requests_topic,
              "the reconciliation's requests to units")
      .String("reconciliation_receipts_topic", &c.reconciliation_receipts_topic,
              "receipts of applied reconciliation requests")
      .String("accepted_receipts_topic", &c.accepted_receipts_topic,
              "receipts of applied accepted documents, which clear intake's outbox")
      .Duration("hop_lease", &c.hop_lease, "re-send a hop without a receipt after this")
      .Int("consumers", &c.consumers, "consumer-group members applying records in parallel", 1, 64)
      .Duration("fetch_wait", &c.fetch_wait, "fetch.wait.max.ms of the consumers")
      .Duration("timer_poll", &c.timer_poll, "how often due deadlines are looked for")
      .Duration("timer_lease", &c.timer_lease, "a claimed deadline fires again after this");
  routing_rules::DeclarePolicyKeys(s, c.policy);
  return s;
}

std::vector<std::string> AllTopics(const RoutingConfig& c) {
  return {c.accepted_topic,
          c.hops_topic,
          c.receipts_topic,
          c.breaches_topic,
          c.delivered_topic,
          c.reconciliation_requests_topic,
          c.reconciliation_receipts_topic,
          c.accepted_receipts_topic};
}

ConsumerTopics ConsumerTopicsFrom(const RoutingConfig& c) {
  return {c.accepted_topic,
          c.hops_topic,
          c.receipts_topic,
          c.reconciliation_requests_topic,
          c.reconciliation_receipts_topic,
          c.accepted_receipts_topic};
}

RouterOptions RouterOptionsFrom(const RoutingConfig& c) {
  RouterOptions options;
  options.policy = c.Policy();
  options.accepted_topic = c.accepted_topic;
  options.hops_topic = c.hops_topic;
  options.breaches_topic = c.breaches_topic;
  options.delivered_topic = c.delivered_topic;
  options.hop_lease = c.hop_lease;
  options.delivered_needs_receipt = c.delivered_needs_receipt;
  return options;
}

absl::StatusOr<RoutingConfig> LoadRoutingConfig(int argc, char** argv) {
  return service::LoadConfig<RoutingConfig>(argc, argv, RoutingSchema);
}

}  // namespace opsreport::routing
