#include "opsreport/calendar/holiday_calendar.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/strings.h"
#include "opsreport/base/violations.h"

namespace opsreport::calendar {
namespace {

constexpr int kColumns = 3;

int WeekdayIndex(absl::Weekday day) { return static_cast<int>(day); }

std::optional<DayKind> ParseKind(std::string_view text) {
  if (text == "holiday") return DayKind::kHoliday;
  if (text == "workday") return DayKind::kWorkday;
  return std::nullopt;
}

}  // namespace

HolidayCalendar::HolidayCalendar() { SetWeekend({absl::Weekday::saturday, absl::Weekday::sunday}); }

absl::StatusOr<HolidayCalendar> HolidayCalendar::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open holiday calendar ", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read holiday calendar ", path));
  return Parse(text.str(), path);
}

absl::StatusOr<HolidayCalendar> HolidayCalendar::Parse(std::string_view text,
                                                       std::string_view file_name) {
  HolidayCalendar calendar;
  base::Violations violations;
  std::map<absl::CivilDay, int> first_line;
  int line_no = 0;
  for (const std::string& raw : base::SplitKeepEmpty(text, '\n')) {
    ++line_no;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = base::Trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;

    const std::string where = absl::StrCat(std::string(file_name), ":", line_no);
    std::vector<std::string> fields = base::SplitKeepEmpty(line, '\t');
    if (fields.size() != kColumns) {
      violations.Add(
          where, absl::StrCat("expected ", kColumns,
                              " tab-separated columns (date, kind, name), got ", fields.size()));
      continue;
    }
    const std::string date_text(base::Trim(fields[0]));
    const std::string kind_text(base::Trim(fields[1]));
    const std::string name(base::Trim(fields[2]));

    std::optional<Date> date = ParseDate(date_text);
    if (!date) {
      violations.Add(
          where, absl::StrCat("date \"", date_text, "\" is not a valid calendar date YYYY-MM-DD"));
    }
    std::optional<DayKind> kind = ParseKind(kind_text);
    if (!kind) {
      violations.Add(
          where, absl::StrCat("unknown kind \"", kind_text, "\" (expected holiday or workday)"));
    }
    if (name.empty()) {
      violations.Add(where, "name must not be empty");
    } else if (!base::IsValidUtf8(name)) {
      violations.Add(where, "name is not valid UTF-8");
    }
    if (!date) continue;

    const absl::CivilDay day = ToCivilDay(*date);
    auto [it, inserted] = first_line.emplace(day, line_no);
    if (!inserted) {
      violations.Add(
          where, absl::StrCat("duplicate date ", date_text, " (first at line ", it->second, ")"));
      continue;
    }
    if (kind) calendar.entries_.emplace(day, CalendarEntry{*kind, name});
  }
  if (!violations.empty()) {
    return violations.ToStatus(absl::StrCat("holiday calendar ", std::string(file_name)));
  }
  return calendar;
}

void HolidayCalendar::SetWeekend(std::vector<absl::Weekday> days) {
  weekend_.fill(false);
  for (absl::Weekday day : days) weekend_[WeekdayIndex(day)] = true;
}

bool HolidayCalendar::IsWeekend(absl::Weekday day) const { return weekend_[WeekdayIndex(day)]; }

bool HolidayCalendar::IsWorkingDay(Date d) const { return IsWorkingCivilDay(ToCivilDay(d)); }

bool HolidayCalendar::IsWorkingCivilDay(absl::CivilDay d) const {
  auto it = entries_.find(d);
  if (it != entries_.end()) return it->second.kind == DayKind::kWorkday;
  return !IsWeekend(absl::GetWeekday(d));
}

std::optional<std::string> HolidayCalendar::HolidayName(Date d) const {
  auto it = entries_.find(ToCivilDay(d));
  if (it == entries_.end() || it->second.kind != DayKind::kHoliday) return std::nullopt;
  return it->second.name;
}

int64_t HolidayCalendar::CountWorkingDays(absl::CivilDay after, absl::CivilDay through) const {
  if (through <= after) return 0;
  const int64_t span = through - after;
  int weekend_days_per_week = 0;
  for (bool w : weekend_) weekend_days_per_week += w ? 1 : 0;
  // Whole weeks contain every weekday once; only the remainder needs looking at.
  int64_t working = (span / 7) * (7 - weekend_days_per_week);
  for (absl::CivilDay d = through - span % 7 + 1; d <= through; ++d) {
    if (!IsWeekend(absl::GetWeekday(d))) ++working;
  }
  for (auto it = entries_.upper_bound(after); it != entries_.end() && it->first <= through; ++it) {
    const bool weekend = IsWeekend(absl::GetWeekday(it->first));
    if (it->second.kind == DayKind::kHoliday && !weekend) --working;
    if (it->second.kind == DayKind::kWorkday && weekend) ++working;
  }
  return working;
}

}  // namespace opsreport::calendar
