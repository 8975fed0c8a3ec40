#include "routing_config.h"

#include "opsreport/base/status_macros.h"

namespace opsreport::routing {

routing_rules::DeadlinePolicy RoutingConfig::Policy() const {
  routing_rules::DeadlinePolicy p;
  p.hop = {hop_receipt, hop_acknowledgement};
  p.one_hour = one_hour;
  p.ongoing_update_interval = ongoing_update_interval;
  p.fire_supplement_days = fire_supplement_days;
  p.erdr_supplement = erdr_supplement;
  return p;
}

config::Schema RoutingSchema(RoutingConfig& c) {
  config::Schema s;
  s.String("listen", &c.listen, "gRPC listen address host:port")
      .String("redis", &c.redis, "Redis address host:port or unix:/path")
      .String("kafka", &c.kafka, "Kafka bootstrap servers", /*required=*/true)
      .String("accepted_topic", &c.accepted_topic, "documents accepted by intake")
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
      .Int("topic_partitions", &c.topic_partitions, "partitions when creating topics", 1, 1024)
      .Int("topic_replication", &c.topic_replication, "replication factor when creating them", 1,
           16)
      .String("group", &c.group, "Kafka consumer group")
      .String("catalogue", &c.catalogue, "catalogue (Перелік) TSV file")
      .String("content_rules", &c.content_rules, "section-8 content rules TSV file")
      .String("org_units", &c.org_units, "organisation tree TSV file")
      .String("officials", &c.officials, "heads, deputies and duty officers TSV file")
      .String("credential_key_file", &c.credential_key_file, "key verifying caller credentials",
              /*required=*/true)
      .Duration("hop_receipt", &c.hop_receipt, "a level acknowledges a hop within this")
      .Duration("hop_acknowledgement", &c.hop_acknowledgement,
                "a level forwards (or, last, acknowledges) within this")
      .Duration("one_hour", &c.one_hour, "the 1-hour rule of 002 §2.6-2.7")
      .Duration("ongoing_update_interval", &c.ongoing_update_interval,
                "updates of an ongoing event (002 §2.2)")
      .Int("fire_supplement_days", &c.fire_supplement_days, "fire supplement (002 §8.3)", 1, 366)
      .Duration("erdr_supplement", &c.erdr_supplement,
                "the ЄРДР supplement of a crime filed before its entry")
      .Duration("hop_lease", &c.hop_lease, "re-send a hop without a receipt after this")
      .Int("consumers", &c.consumers, "consumer-group members applying records in parallel", 1, 64)
      .Duration("fetch_wait", &c.fetch_wait, "fetch.wait.max.ms of the consumers")
      .Duration("outbox_poll", &c.outbox_poll, "how often the outboxes are scanned")
      .Duration("timer_poll", &c.timer_poll, "how often due deadlines are looked for")
      .Duration("timer_lease", &c.timer_lease, "a claimed deadline fires again after this")
      .String("tls_ca", &c.tls_ca, "CA bundle for mutual TLS (empty = loopback local TCP)")
      .String("tls_cert", &c.tls_cert, "server certificate chain for mutual TLS")
      .String("tls_key", &c.tls_key, "server private key for mutual TLS")
      .Int("redis_pool", &c.redis_pool, "Redis connections", 1, 256);
  return s;
}

absl::StatusOr<RoutingConfig> LoadRoutingConfig(int argc, char** argv) {
  ASSIGN_OR_RETURN(config::RawConfig raw, config::LoadFromArgs(argc, argv));
  RoutingConfig c;
  RETURN_IF_ERROR(RoutingSchema(c).Apply(raw));
  if (!c.tls_ca.empty() && (c.tls_cert.empty() || c.tls_key.empty())) {
    return absl::InvalidArgumentError("bad configuration: tls_ca needs tls_cert and tls_key");
  }
  RETURN_IF_ERROR(routing_rules::ValidatePolicy(c.Policy()));
  return c;
}

}  // namespace opsreport::routing
