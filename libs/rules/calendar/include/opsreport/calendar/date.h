#pragma once
// A civil (wall-calendar) date, independent of any time zone.

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/civil_time.h"

namespace opsreport::calendar {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

// Out-of-range fields are normalised the way absl::CivilDay does (2025-13-01 is 2026-01-01).
absl::CivilDay ToCivilDay(Date d);
// Years beyond the range of int are clamped; real dates never get there.
Date FromCivilDay(absl::CivilDay d);

// Strict ISO form "YYYY-MM-DD" of a real calendar date (no normalisation:
// "2025-02-29" is rejected), nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
// "YYYY-MM-DD".
std::string FormatDate(Date d);

}  // namespace opsreport::calendar
