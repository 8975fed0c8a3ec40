#pragma once
// The project's display zone: every time shown to a person is Kyiv local time.

#include <string>

#include "absl/time/time.h"

namespace opsreport::calendar {

// "Europe/Kyiv" (or the pre-2022 tzdata name "Europe/Kiev"); aborts the
// process if neither loads, since every deadline would be wrong without it.
absl::TimeZone KyivZone();
// "DD.MM.YYYY HH:MM" in Kyiv local time.
std::string FormatKyiv(absl::Time t);

}  // namespace opsreport::calendar
