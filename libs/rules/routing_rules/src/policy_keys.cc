// The deadline policy's configuration keys, declared once for every service
// and tool that reads a policy.
#include <string>

#include "opsreport/routing_rules/deadlines.h"

namespace opsreport::routing_rules {

void DeclarePolicyKeys(config::Schema& schema, DeadlinePolicy& policy) {
  schema.Duration("hop_receipt", &policy.hop.receipt, "a level acknowledges a hop within this")
      .Duration("hop_acknowledgement", &policy.hop.acknowledgement,
                "a level forwards (or, last, acknowledges) within this")
      .Duration("one_hour", &policy.one_hour, "the 1-hour rule of 002 §2.6-2.7")
      .Duration("ongoing_update_interval", &policy.ongoing_update_interval,
                "updates of an ongoing event (002 §2.2)")
      .Int("fire_supplement_days", &policy.fire_supplement_days, "fire supplement (002 §8.3)", 1,
           366)
      .Duration("erdr_supplement", &policy.erdr_supplement,
                "the ЄРДР supplement of a crime filed before its entry")
      .Check("policy", [&policy]() -> std::string {
        absl::Status valid = ValidatePolicy(policy);
        return valid.ok() ? "" : std::string(valid.message());
      });
}

}  // namespace opsreport::routing_rules
