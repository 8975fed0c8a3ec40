#include "opsreport/calendar/date.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_format.h"

namespace opsreport::calendar {
namespace {

bool ParseDigits(std::string_view s, int* out) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

absl::CivilDay ToCivilDay(Date d) { return absl::CivilDay(d.year, d.month, d.day); }

Date FromCivilDay(absl::CivilDay d) {
  constexpr absl::civil_year_t kMin = std::numeric_limits<int>::min();
  constexpr absl::civil_year_t kMax = std::numeric_limits<int>::max();
  return {static_cast<int>(std::clamp(d.year(), kMin, kMax)), d.month(), d.day()};
}

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  Date d;
  if (!ParseDigits(text.substr(0, 4), &d.year) || !ParseDigits(text.substr(5, 2), &d.month) ||
      !ParseDigits(text.substr(8, 2), &d.day) || d.year == 0) {
    return std::nullopt;
  }
  // absl normalises 2025-02-30 to 2025-03-02; a real date survives the round trip.
  if (FromCivilDay(ToCivilDay(d)) != d) return std::nullopt;
  return d;
}

std::string FormatDate(Date d) { return absl::StrFormat("%04d-%02d-%02d", d.year, d.month, d.day); }

}  // namespace opsreport::calendar
