#include "opsreport/service/common_config.h"

namespace opsreport::service {

void DeclareCommonKeys(config::Schema& s, CommonConfig& c) {
  s.String("listen", &c.listen, "gRPC listen address host:port")
      .String("redis", &c.redis, "Redis address host:port or unix:/path")
      .Int("redis_pool", &c.redis_pool, "Redis connections", 1, 256)
      .String("kafka", &c.kafka, "Kafka bootstrap servers", /*required=*/true)
      .String("group", &c.group, "Kafka consumer group")
      .Int("topic_partitions", &c.topic_partitions, "partitions when creating topics", 1, 1024)
      .Int("topic_replication", &c.topic_replication, "replication factor when creating them", 1,
           16)
      .String("catalogue", &c.catalogue, "catalogue (Перелік) TSV file")
      .String("content_rules", &c.content_rules, "section-8 content rules TSV file")
      .String("org_units", &c.org_units, "organisation tree TSV file")
      .String("officials", &c.officials, "heads, deputies and duty officers TSV file")
      .String("credential_key_file", &c.credential_key_file, "key verifying caller credentials",
              /*required=*/true)
      .String("tls_ca", &c.tls_ca, "CA bundle for mutual TLS (empty = loopback local TCP)")
      .String("tls_cert", &c.tls_cert, "server certificate chain for mutual TLS")
      .String("tls_key", &c.tls_key, "server private key for mutual TLS")
      .Duration("outbox_poll", &c.outbox_poll, "how often the outboxes are scanned")
      .Int("consumer_retry_attempts", &c.consumer_retry_attempts,
           "handler attempts before a transiently failing record is parked", 1, 1000)
      .Duration("consumer_retry_backoff", &c.consumer_retry_backoff,
                "first delay between attempts (doubles, with jitter)")
      .Duration("consumer_retry_backoff_max", &c.consumer_retry_backoff_max,
                "longest delay between attempts")
      .Duration("consumer_stall_limit", &c.consumer_stall_limit,
                "a consumer in hand with one record longer than this reports NOT_SERVING")
      .Duration("hold_limit", &c.hold_limit,
                "how long a record waits for its prerequisite before it is parked")
      .Duration("hold_sweep", &c.hold_sweep, "how often expired holds are looked for")
      .String("dead_letter_topic", &c.dead_letter_topic,
              "topic of parked records' copies (default: the topic contract's)")
      .Check("consumer_retry_backoff_max",
             [&c]() -> std::string {
               return c.consumer_retry_backoff_max < c.consumer_retry_backoff
                          ? "must not be shorter than consumer_retry_backoff"
                          : "";
             })
      .Check("tls_ca", [&c]() -> std::string {
        if (c.tls_ca.empty()) {
          return c.tls_cert.empty() && c.tls_key.empty() ? "" : "tls_cert and tls_key need tls_ca";
        }
        return c.tls_cert.empty() || c.tls_key.empty() ? "needs tls_cert and tls_key" : "";
      });
}

}  // namespace opsreport::service
