#include "opsreport/calendar/deadline.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/strings.h"

namespace opsreport::calendar {
namespace {

constexpr char kExpected[] =
    "expected <amount><unit> with unit m, h, d or wd, e.g. 30m, 2h, 10d, 5wd";

absl::Status Bad(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("deadline \"", std::string(text), "\": ", std::string(why)));
}

}  // namespace

absl::StatusOr<Deadline> Deadline::Parse(std::string_view text) {
  const std::string_view s = base::Trim(text);
  if (s.empty()) return Bad(text, absl::StrCat("is empty; ", kExpected));
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits == 0) {
    return Bad(text, absl::StrCat("amount must be a non-negative integer; ", kExpected));
  }
  const std::string_view unit = s.substr(digits);
  Deadline d;
  if (unit == "m") {
    d.unit = DeadlineUnit::kMinutes;
  } else if (unit == "h") {
    d.unit = DeadlineUnit::kHours;
  } else if (unit == "d") {
    d.unit = DeadlineUnit::kCalendarDays;
  } else if (unit == "wd") {
    d.unit = DeadlineUnit::kWorkingDays;
  } else if (unit.empty()) {
    return Bad(text, absl::StrCat("missing unit; ", kExpected));
  } else {
    return Bad(text, absl::StrCat("unknown unit \"", std::string(unit), "\"; ", kExpected));
  }
  // Leading zeros are harmless; only the value matters for the bound.
  size_t first = 0;
  while (first + 1 < digits && s[first] == '0') ++first;
  if (digits - first > 6) {
    return Bad(text, absl::StrCat("amount exceeds ", kMaxAmount));
  }
  for (size_t i = first; i < digits; ++i) d.amount = d.amount * 10 + (s[i] - '0');
  return d;
}

std::string Deadline::ToString() const {
  const char* suffix = "";
  switch (unit) {
    case DeadlineUnit::kMinutes:
      suffix = "m";
      break;
    case DeadlineUnit::kHours:
      suffix = "h";
      break;
    case DeadlineUnit::kCalendarDays:
      suffix = "d";
      break;
    case DeadlineUnit::kWorkingDays:
      suffix = "wd";
      break;
  }
  return absl::StrCat(amount, suffix);
}

}  // namespace opsreport::calendar
