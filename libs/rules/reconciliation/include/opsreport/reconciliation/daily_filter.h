#pragma once
// The daily reconciliation's selection (002 §3.7): yesterday's entries of
// the duty unit's units. Days are Kyiv calendar days, so one lasts 23, 24 or
// 25 hours around a DST change.

#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "opsreport/calendar/date.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::reconciliation {

// [start, end): from start inclusive to end exclusive.
struct TimeWindow {
  absl::Time start;
  absl::Time end;
  bool Contains(absl::Time t) const { return t >= start && t < end; }
  bool operator==(const TimeWindow&) const = default;
};

// 00:00 Kyiv of `day` to 00:00 Kyiv of the next day.
TimeWindow KyivDay(calendar::Date day);

class DailyFilter {
 public:
  // `unit_codes`: the units whose records are kept (for a regional duty unit,
  // its subtree: org::OrgDirectory::InSubtree). An empty list keeps nothing.
  DailyFilter(const std::vector<std::string>& unit_codes, calendar::Date day);

  // The entry's unit is one of the units and it was registered that day.
  bool Matches(const v1::RegisterEntry& entry) const;
  // The report's unit is one of the units and it was accepted that day.
  bool Matches(const v1::ReportRecord& report) const;

  const TimeWindow& window() const { return window_; }

 private:
  std::set<std::string, std::less<>> units_;
  TimeWindow window_;
};

}  // namespace opsreport::reconciliation
