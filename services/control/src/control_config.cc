#include "control_config.h"

#include "opsreport/base/status_macros.h"

namespace opsreport::control {

config::Schema ControlSchema(ControlConfig& c) {
  config::Schema s;
  s.String("listen", &c.listen, "gRPC listen address host:port")
      .String("redis", &c.redis, "Redis address host:port or unix:/path")
      .String("kafka", &c.kafka, "Kafka bootstrap servers", /*required=*/true)
      .String("delivered_topic", &c.delivered_topic, "routing's deliveries to the Ministry")
      .String("delivery_receipts_topic", &c.delivery_receipts_topic,
              "routing's receipts topic: each applied delivery is acknowledged there")
      .String("events_topic", &c.events_topic, "control file changes and overdue transfers")
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
      .Duration("transfer_allowed", &c.transfer_allowed,
                "a transfer between regions is overdue if unconfirmed after this")
      .String("coordination_rule_sets", &c.coordination_rule_sets,
              "comma-separated rule-set files, one per jurisdiction")
      .String("coordination_topic", &c.coordination_topic, "reminders and decisions on measures")
      .String("reminder_lead", &c.reminder_lead, "reminders start this long before (e.g. 3d, 2wd)")
      .String("reminder_interval", &c.reminder_interval, "and repeat at this interval")
      .Duration("outbox_poll", &c.outbox_poll, "how often the outbox is scanned")
      .Duration("timer_poll", &c.timer_poll, "how often due timers are looked for")
      .String("tls_ca", &c.tls_ca, "CA bundle for mutual TLS (empty = loopback local TCP)")
      .String("tls_cert", &c.tls_cert, "server certificate chain for mutual TLS")
      .String("tls_key", &c.tls_key, "server private key for mutual TLS")
      .Int("redis_pool", &c.redis_pool, "Redis connections", 1, 256);
  return s;
}

absl::StatusOr<ControlConfig> LoadControlConfig(int argc, char** argv) {
  ASSIGN_OR_RETURN(config::RawConfig raw, config::LoadFromArgs(argc, argv));
  ControlConfig c;
  RETURN_IF_ERROR(ControlSchema(c).Apply(raw));
  if (!c.tls_ca.empty() && (c.tls_cert.empty() || c.tls_key.empty())) {
    return absl::InvalidArgumentError("bad configuration: tls_ca needs tls_cert and tls_key");
  }
  if (c.transfer_allowed <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("bad configuration: transfer_allowed must be positive");
  }
  return c;
}

}  // namespace opsreport::control
