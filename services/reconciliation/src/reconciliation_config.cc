#include "reconciliation_config.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "time_of_day.h"

namespace opsreport::reconciliation_service {

config::Schema ReconciliationSchema(ReconciliationConfig& c) {
  config::Schema s;
  s.String("listen", &c.listen, "gRPC listen address host:port")
      .String("redis", &c.redis, "Redis address host:port or unix:/path")
      .String("kafka", &c.kafka, "Kafka bootstrap servers", /*required=*/true)
      .String("accepted_topic", &c.accepted_topic, "intake's accepted documents")
      .String("delivered_topic", &c.delivered_topic, "routing's deliveries to the Ministry")
      .String("requests_topic", &c.requests_topic, "requests to units, applied by routing")
      .String("receipts_topic", &c.receipts_topic, "routing's receipts for those requests")
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
      .Duration("report_grace", &c.report_grace,
                "a report is without entry once accepted this long ago")
      .String("daily_time", &c.daily_time, "Kyiv time of the daily run, HH:MM")
      .String("daily_units", &c.daily_units,
              "comma-separated units reconciled daily (empty = every regional directorate)")
      .Int("check_due_day", &c.check_due_day, "day of the next month the monthly check is due by",
           1, 28)
      .String("monthly_time", &c.monthly_time, "Kyiv time of the monthly runs, HH:MM")
      .Int("report_due_day", &c.report_due_day,
           "day of the next month the report to the Ministry is due by", 1, 28)
      .Int("ministry_day", &c.ministry_day, "day of the next month the Ministry reconciles", 1, 28)
      .String("drop_dir", &c.drop_dir, "directory watched for extract files (empty = none)")
      .Duration("drop_poll", &c.drop_poll, "how often the drop directory is scanned")
      .String("spool_dir", &c.spool_dir, "where uploads are spooled before validation")
      .Int("max_extract_bytes", &c.max_extract_bytes, "largest extract accepted", 1,
           int64_t{1} << 40)
      .Int("checkpoint_every", &c.checkpoint_every, "monthly runs save their position this often",
           1, 10000000)
      .Duration("outbox_poll", &c.outbox_poll, "how often the outbox is scanned")
      .Duration("request_lease", &c.request_lease,
                "a request routing has not confirmed is sent again after this")
      .Duration("timer_poll", &c.timer_poll, "how often due timers are looked for")
      .String("tls_ca", &c.tls_ca, "CA bundle for mutual TLS (empty = loopback local TCP)")
      .String("tls_cert", &c.tls_cert, "server certificate chain for mutual TLS")
      .String("tls_key", &c.tls_key, "server private key for mutual TLS")
      .Int("redis_pool", &c.redis_pool, "Redis connections", 1, 256);
  return s;
}

absl::Status ValidateReconciliationConfig(const ReconciliationConfig& c) {
  base::Violations v;
  if (!ParseTimeOfDay(c.daily_time).ok())
    v.Add("daily_time", "'" + c.daily_time + "' is not HH:MM");
  if (!ParseTimeOfDay(c.monthly_time).ok()) {
    v.Add("monthly_time", "'" + c.monthly_time + "' is not HH:MM");
  }
  if (c.report_due_day < c.check_due_day) {
    v.Add("report_due_day", "is before check_due_day: the report follows the check (002 §7.8)");
  }
  if (c.ministry_day <= c.report_due_day) {
    v.Add("ministry_day", "must come after report_due_day: the Ministry reconciles the reports");
  }
  if (c.report_grace < absl::ZeroDuration()) v.Add("report_grace", "must not be negative");
  if (!c.tls_ca.empty() && (c.tls_cert.empty() || c.tls_key.empty())) {
    v.Add("tls_ca", "needs tls_cert and tls_key");
  }
  return v.ToStatus("bad configuration");
}

absl::StatusOr<ReconciliationConfig> LoadReconciliationConfig(int argc, char** argv) {
  ASSIGN_OR_RETURN(config::RawConfig raw, config::LoadFromArgs(argc, argv));
  ReconciliationConfig c;
  RETURN_IF_ERROR(ReconciliationSchema(c).Apply(raw));
  RETURN_IF_ERROR(ValidateReconciliationConfig(c));
  return c;
}

}  // namespace opsreport::reconciliation_service
