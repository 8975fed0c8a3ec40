#pragma once
// Kyiv wall-clock times of the scheduled runs ("09:00").

#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace opsreport::reconciliation_service {

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
};

// "HH:MM", 00:00 to 23:59.
absl::StatusOr<TimeOfDay> ParseTimeOfDay(std::string_view text);
// That time on `day` in Kyiv (a time skipped by the DST change: the instant after).
absl::Time KyivAt(absl::CivilDay day, TimeOfDay time);
// The Kyiv calendar day and month of an instant.
absl::CivilDay KyivDayOf(absl::Time t);
absl::CivilMonth KyivMonthOf(absl::Time t);
// "2026-11-22", "2026-11".
std::string DayKey(absl::CivilDay day);
std::string MonthKey(absl::CivilMonth month);
absl::StatusOr<absl::CivilDay> ParseDay(std::string_view text);
absl::StatusOr<absl::CivilMonth> ParseMonth(std::string_view text);
// [first day 00:00, first day of the next month 00:00) Kyiv.
absl::Time KyivMonthStart(absl::CivilMonth month);

}  // namespace opsreport::reconciliation_service
