#include "time_of_day.h"

#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::reconciliation_service {

absl::StatusOr<TimeOfDay> ParseTimeOfDay(std::string_view text) {
  int h = 0, m = 0;
  if (text.size() != 5 || text[2] != ':' ||
      !absl::SimpleAtoi(absl::string_view(text.data(), 2), &h) ||
      !absl::SimpleAtoi(absl::string_view(text.data() + 3, 2), &m) || h < 0 || h > 23 || m < 0 ||
      m > 59) {
    return absl::InvalidArgumentError("'" + std::string(text) + "' is not a time HH:MM");
  }
  return TimeOfDay{h, m};
}

absl::Time KyivAt(absl::CivilDay day, TimeOfDay time) {
  return absl::FromCivil(
      absl::CivilMinute(day.year(), day.month(), day.day(), time.hour, time.minute),
      calendar::KyivZone());
}

absl::CivilDay KyivDayOf(absl::Time t) { return absl::ToCivilDay(t, calendar::KyivZone()); }
absl::CivilMonth KyivMonthOf(absl::Time t) { return absl::CivilMonth(KyivDayOf(t)); }

std::string DayKey(absl::CivilDay day) {
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}
std::string MonthKey(absl::CivilMonth month) {
  return absl::StrFormat("%04d-%02d", month.year(), month.month());
}

absl::StatusOr<absl::CivilDay> ParseDay(std::string_view text) {
  std::optional<calendar::Date> d = calendar::ParseDate(text);
  if (!d) return absl::InvalidArgumentError("'" + std::string(text) + "' is not a date YYYY-MM-DD");
  return calendar::ToCivilDay(*d);
}

absl::StatusOr<absl::CivilMonth> ParseMonth(std::string_view text) {
  std::optional<calendar::Date> d = calendar::ParseDate(std::string(text) + "-01");
  if (text.size() != 7 || !d) {
    return absl::InvalidArgumentError("'" + std::string(text) + "' is not a month YYYY-MM");
  }
  return absl::CivilMonth(calendar::ToCivilDay(*d));
}

absl::Time KyivMonthStart(absl::CivilMonth month) {
  return calendar::KyivDayBounds(absl::CivilDay(month)).begin;
}

}  // namespace opsreport::reconciliation_service
