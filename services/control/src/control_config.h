#pragma once
// Typed configuration of the control service; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"

namespace opsreport::control {

struct ControlConfig {
  std::string listen = "127.0.0.1:50053";
  std::string redis = "127.0.0.1:6379";
  std::string kafka;  // required
  std::string delivered_topic = "opsreport.routing.delivered";
  // Where each applied delivery is acknowledged to routing (empty: nowhere).
  std::string delivery_receipts_topic = "opsreport.routing.receipts";
  std::string events_topic = "opsreport.control.events";
  int64_t topic_partitions = 6;
  int64_t topic_replication = 1;
  std::string group = "opsreport-control";
  std::string catalogue = "data/catalogue.tsv";
  std::string content_rules = "data/content_rules.tsv";
  std::string org_units = "data/org_units.tsv";
  std::string officials = "data/officials.tsv";
  std::string credential_key_file;  // required
  // §7.6.3: a case passed to another region shows as overdue when the
  // receiving region has not confirmed it within this.
  absl::Duration transfer_allowed = absl::Hours(72);
  // Coordination rule sets, one file per jurisdiction (libs/coordination_rules).
  std::string coordination_rule_sets = "data/coordination_ua.conf,data/coordination_kz.conf";
  std::string coordination_topic = "opsreport.coordination.events";
  // Measure reminders: from this long before the deadline, then every interval.
  std::string reminder_lead = "3d";
  std::string reminder_interval = "1d";
  absl::Duration outbox_poll = absl::Milliseconds(200);
  absl::Duration timer_poll = absl::Seconds(1);
  std::string tls_ca, tls_cert, tls_key;
  int64_t redis_pool = 8;
};

absl::StatusOr<ControlConfig> LoadControlConfig(int argc, char** argv);
config::Schema ControlSchema(ControlConfig& config);

}  // namespace opsreport::control
