#include "reconciliation_config.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/service/main.h"
#include "service.h"
#include "time_of_day.h"
#include "absl/strings/str_split.h"

namespace opsreport::reconciliation_service {

config::Schema ReconciliationSchema(ReconciliationConfig& c) {
  config::Schema s;
  service::DeclareCommonKeys(s, c);
  s.String("accepted_topic", &c.accepted_topic, "intake's accepted documents")
      .String("delivered_topic", &c.delivered_topic, "routing's deliveries to the Ministry")
      .String("requests_topic", &c.requests_topic, "requests to units, applied by routing")
      .String("receipts_topic", &c.receipts_topic, "routing's receipts for those requests")
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
      .Duration("request_lease", &c.request_lease,
                "a request routing has not confirmed is sent again after this")
      .Duration("timer_poll", &c.timer_poll, "how often due timers are looked for");
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
  return v.ToStatus("bad configuration");
}

absl::StatusOr<ReconciliationConfig> LoadReconciliationConfig(int argc, char** argv) {
  ASSIGN_OR_RETURN(ReconciliationConfig c,
                   service::LoadConfig<ReconciliationConfig>(argc, argv, ReconciliationSchema));
  RETURN_IF_ERROR(ValidateReconciliationConfig(c));
  return c;
}

absl::StatusOr<ServiceOptions> ServiceOptionsFrom(const ReconciliationConfig& config,
                                                  const org::OrgDirectory& org) {
  ServiceOptions o;
  o.report_grace = config.report_grace;
  ASSIGN_OR_RETURN(o.daily_time, ParseTimeOfDay(config.daily_time));
  ASSIGN_OR_RETURN(o.monthly_time, ParseTimeOfDay(config.monthly_time));
  for (absl::string_view unit : absl::StrSplit(config.daily_units, ',', absl::SkipWhitespace())) {
    if (org.Find(std::string(unit)) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad configuration: daily_units: unknown unit ", unit));
    }
    o.daily_units.emplace_back(unit);
  }
  o.check_due_day = static_cast<int>(config.check_due_day);
  o.report_due_day = static_cast<int>(config.report_due_day);
  o.ministry_day = static_cast<int>(config.ministry_day);
  o.checkpoint_every = config.checkpoint_every;
  o.requests_topic = config.requests_topic;
  o.request_lease = config.request_lease;
  o.accepted_topic = config.accepted_topic;
  o.delivered_topic = config.delivered_topic;
  o.receipts_topic = config.receipts_topic;
  return o;
}

}  // namespace opsreport::reconciliation_service
