#include "control_config.h"

#include "opsreport/service/main.h"

namespace opsreport::control {

config::Schema ControlSchema(ControlConfig& c) {
  config::Schema s;
  service::DeclareCommonKeys(s, c);
  s.String("delivered_topic", &c.delivered_topic, "routing's deliveries to the Ministry")
      .String("delivery_receipts_topic", &c.delivery_receipts_topic,
              "routing's receipts topic: each applied delivery is acknowledged there")
      .String("hop_receipts_topic", &c.hop_receipts_topic,
              "routing's receipts of the hops it applied: a delivery waits for its hop's")
      .String("events_topic", &c.events_topic, "control file changes and overdue transfers")
      .Duration("transfer_allowed", &c.transfer_allowed,
                "a transfer between regions is overdue if unconfirmed after this")
      .String("coordination_rule_sets", &c.coordination_rule_sets,
              "comma-separated rule-set files, one per jurisdiction")
      .String("coordination_topic", &c.coordination_topic, "reminders and decisions on measures")
      .String("reminder_lead", &c.reminder_lead, "reminders start this long before (e.g. 3d, 2wd)")
      .String("reminder_interval", &c.reminder_interval, "and repeat at this interval")
      .Duration("timer_poll", &c.timer_poll, "how often due timers are looked for")
      .Check("transfer_allowed",
             [&c]() -> std::string {
               return c.transfer_allowed > absl::ZeroDuration() ? "" : "must be positive";
             })
      .Check("hop_receipts_topic", [&c]() -> std::string {
        // Without routing's receipts no delivery could be verified.
        return c.hop_receipts_topic.empty() ? "required: deliveries wait for routing's receipts"
                                            : "";
      });
  return s;
}

absl::StatusOr<ControlConfig> LoadControlConfig(int argc, char** argv) {
  return service::LoadConfig<ControlConfig>(argc, argv, ControlSchema);
}

}  // namespace opsreport::control
