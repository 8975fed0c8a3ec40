#pragma once
// Typed configuration of the intake service: the common keys
// (service::CommonConfig) and intake's own; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/service/common_config.h"
#include "opsreport/topics/topics.h"

namespace opsreport::intake {

struct IntakeConfig : service::CommonConfig {
  IntakeConfig() : CommonConfig("127.0.0.1:50051", "opsreport-intake", 32) {}
  std::string topic{topics::kReportsAccepted.name};
  // Routing's AcceptedReceipts: a document leaves the outbox only when routing
  // has applied it. Empty: on the broker's confirmation (intake without routing).
  std::string receipts_topic{topics::kReportsReceipts.name};
  absl::Duration outbox_lease = absl::Seconds(30);
};

// From --config=FILE and --key=value flags.
absl::StatusOr<IntakeConfig> LoadIntakeConfig(int argc, char** argv);
config::Schema IntakeSchema(IntakeConfig& config);

}  // namespace opsreport::intake
