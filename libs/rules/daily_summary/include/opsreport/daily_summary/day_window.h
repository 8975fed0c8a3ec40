#pragma once
// The Kyiv calendar day a daily summary or a morning check covers.

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::daily_summary {

// [00:00, 24:00) of a Kyiv calendar day: 23 or 25 hours on the days the
// clocks change.
struct DayWindow {
  absl::Time begin;
  absl::Time end;
};

// The window of `day` ("YYYY-MM-DD"); INVALID_ARGUMENT naming `field` for a
// malformed or impossible date.
absl::StatusOr<DayWindow> KyivDay(const std::string& day, const std::string& field);

}  // namespace opsreport::daily_summary
