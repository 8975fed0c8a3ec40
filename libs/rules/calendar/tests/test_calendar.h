#pragma once
// Shared fixtures: a small calendar and Kyiv wall-time helpers.

#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "opsreport/calendar/holiday_calendar.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::calendar::test_support {

// 2025-06-21 is a Saturday worked in exchange for Monday 2025-06-30.
inline constexpr char kTestCalendar[] =
    "# test calendar\n"
    "2025-01-01\tholiday\tНовий рік\n"
    "2025-04-21\tholiday\tВеликдень, понеділок\n"
    "2025-05-01\tholiday\tДень праці\n"
    "2025-05-08\tholiday\tДень пам'яті та перемоги\n"
    "2025-06-21\tworkday\tРобоча субота (за 2025-06-30)\n"
    "2025-06-30\tholiday\tВихідний (перенесено з 2025-06-21)\n"
    "2025-12-25\tholiday\tРіздво Христове\n"
    "2026-01-01\tholiday\tНовий рік\n";

inline HolidayCalendar TestCalendar() {
  auto calendar = HolidayCalendar::Parse(kTestCalendar, "test.tsv");
  if (!calendar.ok()) std::abort();
  return *std::move(calendar);
}

// Only for wall times that occur exactly once in Kyiv.
inline absl::Time Kyiv(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), KyivZone());
}

inline absl::Time Utc(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

}  // namespace opsreport::calendar::test_support
