#include "intake_config.h"

#include "opsreport/service/main.h"

namespace opsreport::intake {

config::Schema IntakeSchema(IntakeConfig& c) {
  config::Schema s;
  service::DeclareCommonKeys(s, c);
  s.String("topic", &c.topic, "topic accepted documents are published to")
      .String("receipts_topic", &c.receipts_topic,
              "routing's receipts, which clear the outbox (empty: the broker's confirmation does)")
      .Duration("outbox_lease", &c.outbox_lease, "re-send an unconfirmed publish after this");
  return s;
}

absl::StatusOr<IntakeConfig> LoadIntakeConfig(int argc, char** argv) {
  return service::LoadConfig<IntakeConfig>(argc, argv, IntakeSchema);
}

}  // namespace opsreport::intake
