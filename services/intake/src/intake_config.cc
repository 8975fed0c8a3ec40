#include "intake_config.h"

#include "opsreport/base/status_macros.h"

namespace opsreport::intake {

config::Schema IntakeSchema(IntakeConfig& c) {
  config::Schema s;
  s.String("listen", &c.listen, "gRPC listen address host:port")
      .String("redis", &c.redis, "Redis address host:port or unix:/path")
      .String("kafka", &c.kafka, "Kafka bootstrap servers", /*required=*/true)
      .String("topic", &c.topic, "topic accepted documents are published to")
      .String("receipts_topic", &c.receipts_topic,
              "routing's receipts, which clear the outbox (empty: the broker's confirmation does)")
      .String("group", &c.group, "Kafka consumer group for the receipts")
      .Int("topic_partitions", &c.topic_partitions, "partitions when creating the topic", 1, 1024)
      .Int("topic_replication", &c.topic_replication, "replication factor when creating it", 1, 16)
      .String("catalogue", &c.catalogue, "catalogue (Перелік) TSV file")
      .String("content_rules", &c.content_rules, "section-8 content rules TSV file")
      .String("org_units", &c.org_units, "organisation tree TSV file")
      .String("officials", &c.officials, "heads, deputies and duty officers TSV file")
      .String("credential_key_file", &c.credential_key_file, "key verifying caller credentials",
              /*required=*/true)
      .Duration("outbox_poll", &c.outbox_poll, "how often the outbox is scanned")
      .Duration("outbox_lease", &c.outbox_lease, "re-send an unconfirmed publish after this")
      .String("tls_ca", &c.tls_ca, "CA bundle for mutual TLS (empty = loopback local TCP)")
      .String("tls_cert", &c.tls_cert, "server certificate chain for mutual TLS")
      .String("tls_key", &c.tls_key, "server private key for mutual TLS")
      .Int("redis_pool", &c.redis_pool, "Redis connections", 1, 256);
  return s;
}

absl::StatusOr<IntakeConfig> LoadIntakeConfig(int argc, char** argv) {
  ASSIGN_OR_RETURN(config::RawConfig raw, config::LoadFromArgs(argc, argv));
  IntakeConfig c;
  RETURN_IF_ERROR(IntakeSchema(c).Apply(raw));
  if (!c.tls_ca.empty() && (c.tls_cert.empty() || c.tls_key.empty())) {
    return absl::InvalidArgumentError("bad configuration: tls_ca needs tls_cert and tls_key");
  }
  return c;
}

}  // namespace opsreport::intake
