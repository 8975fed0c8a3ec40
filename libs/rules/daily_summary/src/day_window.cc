#include "opsreport/daily_summary/day_window.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::daily_summary {

absl::StatusOr<DayWindow> KyivDay(const std::string& day, const std::string& field) {
  bool shaped = day.size() == 10 && day[4] == '-' && day[7] == '-';
  for (size_t i = 0; shaped && i < day.size(); ++i) {
    if (i != 4 && i != 7 && !absl::ascii_isdigit(static_cast<unsigned char>(day[i]))) {
      shaped = false;
    }
  }
  if (!shaped) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", day, "\" is not a day in the form YYYY-MM-DD"));
  }
  std::optional<calendar::Date> date = calendar::ParseDate(day);
  if (!date) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", day, " is not a calendar date"));
  }
  const calendar::DayBounds bounds = calendar::KyivDayBounds(calendar::ToCivilDay(*date));
  return DayWindow{bounds.begin, bounds.end};
}

}  // namespace opsreport::daily_summary
