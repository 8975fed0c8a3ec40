#pragma once
// Which days are working days: weekends (configurable, Saturday and Sunday by
// default) and public holidays are not, unless the calendar file lists the day
// as a transferred working day. The calendar is data (data/holidays_*.tsv).

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "opsreport/calendar/date.h"

namespace opsreport::calendar {

enum class DayKind { kHoliday, kWorkday };

struct CalendarEntry {
  DayKind kind;
  std::string name;
};

class HolidayCalendar {
 public:
  // Weekends only, no holidays.
  HolidayCalendar();

  // Reads a TSV file (see README.md). Errors name "file:line" and are all
  // collected into one INVALID_ARGUMENT; an unreadable file is NOT_FOUND.
  static absl::StatusOr<HolidayCalendar> LoadFile(const std::string& path);
  static absl::StatusOr<HolidayCalendar> Parse(std::string_view text, std::string_view file_name);

  // Replaces the weekend days (duplicates ignored). An empty list means every
  // day of the week is a working day unless the file says otherwise.
  void SetWeekend(std::vector<absl::Weekday> days);
  bool IsWeekend(absl::Weekday day) const;

  // An explicit file entry wins over the weekend: a 'holiday' is never worked,
  // a 'workday' always is.
  bool IsWorkingDay(Date d) const;
  bool IsWorkingCivilDay(absl::CivilDay d) const;
  // The name of a 'holiday' entry; nullopt for ordinary days, weekends and 'workday' entries.
  std::optional<std::string> HolidayName(Date d) const;
  // Working days d with after < d <= through; 0 when through <= after. Fast
  // for any span (weekday arithmetic plus the file's entries).
  int64_t CountWorkingDays(absl::CivilDay after, absl::CivilDay through) const;

  const std::map<absl::CivilDay, CalendarEntry>& entries() const { return entries_; }

 private:
  std::map<absl::CivilDay, CalendarEntry> entries_;
  std::array<bool, 7> weekend_{};  // indexed by absl::Weekday (monday = 0)
};

}  // namespace opsreport::calendar
