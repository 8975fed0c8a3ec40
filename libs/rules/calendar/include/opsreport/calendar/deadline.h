#pragma once
// A deadline as written in the catalogue and in coordination rules: an amount
// and a unit, "30m", "2h", "10d" (calendar days) or "5wd" (working days).

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace opsreport::calendar {

enum class DeadlineUnit { kMinutes, kHours, kCalendarDays, kWorkingDays };

struct Deadline {
  // The largest amount Parse accepts; also bounds the work DueAt may do.
  static constexpr int64_t kMaxAmount = 999'999;

  int64_t amount = 0;
  DeadlineUnit unit = DeadlineUnit::kHours;

  // <digits><unit>, unit one of m, h, d, wd; surrounding whitespace ignored;
  // 0 is allowed ("at once"). Errors quote the text.
  static absl::StatusOr<Deadline> Parse(std::string_view text);
  // The form Parse accepts: "30m", "2h", "10d", "5wd".
  std::string ToString() const;

  bool operator==(const Deadline&) const = default;
};

}  // namespace opsreport::calendar
