#include "opsreport/coordination_rules/periods.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "opsreport/base/violations.h"
#include "terms.h"

namespace opsreport::coordination_rules {
namespace {

int MonthsIn(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return 1;
    case PeriodKind::kQuarter:
      return 3;
    case PeriodKind::kHalfYear:
      return 6;
    case PeriodKind::kYear:
      break;
  }
  return 12;
}

}  // namespace

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kMonth:
      return "month";
    case PeriodKind::kQuarter:
      return "quarter";
    case PeriodKind::kHalfYear:
      return "half_year";
    case PeriodKind::kYear:
      break;
  }
  return "year";
}

std::string CalendarPeriod::ToString() const {
  const int index = (start.month - 1) / MonthsIn(kind) + 1;
  switch (kind) {
    case PeriodKind::kMonth:
      return absl::StrFormat("%04d-%02d", start.year, start.month);
    case PeriodKind::kQuarter:
      return absl::StrFormat("%04d-Q%d", start.year, index);
    case PeriodKind::kHalfYear:
      return absl::StrFormat("%04d-H%d", start.year, index);
    case PeriodKind::kYear:
      break;
  }
  return absl::StrFormat("%04d", start.year);
}

CalendarPeriod PeriodContaining(PeriodKind kind, calendar::Date date) {
  const int months = MonthsIn(kind);
  const absl::CivilMonth civil = absl::CivilMonth(calendar::ToCivilDay(date));
  const absl::CivilMonth first(civil.year(), (civil.month() - 1) / months * months + 1);
  return {kind, calendar::FromCivilDay(absl::CivilDay(first)),
          calendar::FromCivilDay(absl::CivilDay(first + months))};
}

std::optional<CalendarPeriod> PlanPeriodContaining(const RuleSet& rules, calendar::Date date) {
  if (!rules.plan_period) return std::nullopt;
  return PeriodContaining(*rules.plan_period, date);
}

absl::StatusOr<std::vector<CalendarPeriod>> PeriodsWithoutMeeting(
    const RuleSet& rules, const std::vector<absl::Time>& meetings, calendar::Date from,
    calendar::Date to) {
  base::Violations violations;
  if (to < from) {
    violations.Add("to", absl::StrCat(calendar::FormatDate(to), " is before from ",
                                      calendar::FormatDate(from)));
  }
  for (size_t i = 0; i < meetings.size(); ++i) {
    if (IsInfinite(meetings[i])) {
      violations.Add(absl::StrCat("meetings[", i, "]"), "must be a finite time");
    }
  }
  if (!violations.empty()) return violations.ToStatus("meeting frequency");

  std::vector<CalendarPeriod> missed;
  if (!rules.meeting_interval) return missed;
  std::set<calendar::Date> met;
  for (absl::Time t : meetings) met.insert(calendar::FromCivilDay(LocalDay(rules.zone, t)));

  CalendarPeriod p = PeriodContaining(*rules.meeting_interval, from);
  if (p.start < from) p = PeriodContaining(*rules.meeting_interval, p.end);
  for (; p.end <= to; p = PeriodContaining(*rules.meeting_interval, p.end)) {
    auto it = met.lower_bound(p.start);
    if (it == met.end() || !(*it < p.end)) missed.push_back(p);
  }
  return missed;
}

}  // namespace opsreport::coordination_rules
