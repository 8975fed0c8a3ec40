#include "opsreport/reconciliation/daily_filter.h"

#include "absl/time/civil_time.h"
#include "opsreport/calendar/kyiv.h"
#include "timestamps.h"

namespace opsreport::reconciliation {

using internal::ToTime;

TimeWindow KyivDay(calendar::Date day) {
  const calendar::DayBounds bounds = calendar::KyivDayBounds(calendar::ToCivilDay(day));
  return {bounds.begin, bounds.end};
}

DailyFilter::DailyFilter(const std::vector<std::string>& unit_codes, calendar::Date day)
    : units_(unit_codes.begin(), unit_codes.end()), window_(KyivDay(day)) {}

bool DailyFilter::Matches(const v1::RegisterEntry& entry) const {
  return entry.has_registered_at() && units_.count(entry.unit_code()) != 0 &&
         window_.Contains(ToTime(entry.registered_at()));
}

bool DailyFilter::Matches(const v1::ReportRecord& report) const {
  return report.has_accepted_at() && units_.count(report.unit_code()) != 0 &&
         window_.Contains(ToTime(report.accepted_at()));
}

}  // namespace opsreport::reconciliation
