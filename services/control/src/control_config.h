#pragma once
// Typed configuration of the control service: the common keys
// (service::CommonConfig) and control's own; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/service/common_config.h"
#include "opsreport/topics/topics.h"

namespace opsreport::control {

struct ControlConfig : service::CommonConfig {
  ControlConfig() : CommonConfig("127.0.0.1:50053", "opsreport-control") {}
  std::string delivered_topic{topics::kRoutingDelivered.name};
  // Where each applied delivery is acknowledged to routing (empty: nowhere).
  std::string delivery_receipts_topic{topics::kRoutingReceipts.name};
  // Routing's receipts of the hops it applied (consumed): a delivery is
  // applied only once routing acknowledged its hop to the Ministry.
  std::string hop_receipts_topic{topics::kRoutingReceipts.name};
  std::string events_topic{topics::kControlEvents.name};
  // §7.6.3: a case passed to another region shows as overdue when the
  // receiving region has not confirmed it within this.
  absl::Duration transfer_allowed = absl::Hours(72);
  // Coordination rule sets, one file per jurisdiction (libs/rules/coordination_rules).
  std::string coordination_rule_sets = "data/coordination_ua.conf,data/coordination_kz.conf";
  std::string coordination_topic{topics::kCoordinationEvents.name};
  // Measure reminders: from this long before the deadline, then every interval.
  std::string reminder_lead = "3d";
  std::string reminder_interval = "1d";
  absl::Duration timer_poll = absl::Seconds(1);
};

absl::StatusOr<ControlConfig> LoadControlConfig(int argc, char** argv);
config::Schema ControlSchema(ControlConfig& config);

}  // namespace opsreport::control
