#pragma once
// Typed configuration of the reconciliation service: the common keys
// (service::CommonConfig) and its own; unknown keys refuse the start.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/service/common_config.h"
#include "opsreport/topics/topics.h"

namespace opsreport::reconciliation_service {

struct ReconciliationConfig : service::CommonConfig {
  ReconciliationConfig() : CommonConfig("127.0.0.1:50054", "opsreport-reconciliation") {}
  std::string accepted_topic{topics::kReportsAccepted.name};
  std::string delivered_topic{topics::kRoutingDelivered.name};
  std::string requests_topic{topics::kReconciliationRequests.name};
  std::string receipts_topic{topics::kReconciliationReceipts.name};
  // §3.7: a report is "without entry" once it was accepted this long ago
  // and the register still does not hold it.
  absl::Duration report_grace = absl::Hours(48);
  // Kyiv local time of the daily run (for the previous day), "HH:MM".
  std::string daily_time = "09:00";
  // Units reconciled daily; empty = every regional directorate.
  std::string daily_units;
  // §7.8.2: the monthly completeness check runs on this day of the next
  // month at monthly_time and is due by its end; §7.8.3: the report to the
  // Ministry is due by the end of report_due_day.
  int64_t check_due_day = 10;
  std::string monthly_time = "06:00";
  int64_t report_due_day = 15;
  // §7.9: the Ministry's reconciliation runs on this day at monthly_time.
  int64_t ministry_day = 16;
  // Extracts dropped here as files (.csv / .jsonl named
  // <kind>-<anything>.<ext>, kind = entries|results|suspects) are applied
  // and moved to done/ or, refused, to rejected/ with a .errors file.
  // Empty = no drop directory.
  std::string drop_dir;
  absl::Duration drop_poll = absl::Seconds(2);
  // gRPC uploads are spooled here before validation (bounded memory).
  std::string spool_dir = "/tmp";
  int64_t max_extract_bytes = int64_t{4} << 30;
  // A monthly run saves its position (and writes what it found) this often.
  int64_t checkpoint_every = 5000;
  absl::Duration request_lease = absl::Seconds(30);
  absl::Duration timer_poll = absl::Seconds(1);
};

absl::StatusOr<ReconciliationConfig> LoadReconciliationConfig(int argc, char** argv);
config::Schema ReconciliationSchema(ReconciliationConfig& config);
// Checks the parts the schema cannot ("daily_time" is a time of day...).
absl::Status ValidateReconciliationConfig(const ReconciliationConfig& config);

struct ServiceOptions;
// The service's options from a valid config; an unknown unit in daily_units
// is refused by name.
absl::StatusOr<ServiceOptions> ServiceOptionsFrom(const ReconciliationConfig& config,
                                                  const org::OrgDirectory& org);

}  // namespace opsreport::reconciliation_service
