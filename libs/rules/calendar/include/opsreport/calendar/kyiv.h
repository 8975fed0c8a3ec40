#pragma once
// The project's display zone: every time shown to a person is Kyiv local time.

#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace opsreport::calendar {

// "Europe/Kyiv" (or the pre-2022 tzdata name "Europe/Kiev"); aborts the
// process if neither loads, since every deadline would be wrong without it.
absl::TimeZone KyivZone();
// [00:00, next 00:00) Kyiv of a calendar day. Kyiv changes clocks at
// 03:00/04:00, never at midnight, so both ends exist exactly once; a DST day
// is 23 or 25 hours long.
struct DayBounds {
  absl::Time begin;
  absl::Time end;
};
DayBounds KyivDayBounds(absl::CivilDay day);

// "DD.MM.YYYY HH:MM" in Kyiv local time.
std::string FormatKyiv(absl::Time t);

}  // namespace opsreport::calendar
