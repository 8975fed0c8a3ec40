#include "opsreport/calendar/deadline_calculator.h"

#include <limits>
#include <optional>

namespace opsreport::calendar {
namespace {

// A calendar whose weekend covers every day, with no 'workday' rows ahead,
// would make "the next working day" loop forever; give up after ten years.
constexpr int64_t kMaxNonWorkingRun = 3660;

const HolidayCalendar& WeekendsOnlyCalendar() {
  static const HolidayCalendar* const calendar = new HolidayCalendar();
  return *calendar;
}

bool IsInfinite(absl::Time t) { return t == absl::InfiniteFuture() || t == absl::InfinitePast(); }

absl::Time Infinite(int64_t direction) {
  return direction >= 0 ? absl::InfiniteFuture() : absl::InfinitePast();
}

// The first working day at or after (direction +1) / before (-1) `d`.
std::optional<absl::CivilDay> FirstWorkingDay(const HolidayCalendar& calendar, absl::CivilDay d,
                                              int direction) {
  for (int64_t run = 0; !calendar.IsWorkingCivilDay(d); d += direction) {
    if (++run > kMaxNonWorkingRun) return std::nullopt;
  }
  return d;
}

// The |n|-th working day strictly after (n > 0) or before (n < 0) `from`.
std::optional<absl::CivilDay> AddWorkingDays(const HolidayCalendar& calendar, absl::CivilDay from,
                                             int64_t n) {
  const int direction = n > 0 ? 1 : -1;
  absl::CivilDay d = from;
  for (int64_t remaining = n > 0 ? n : -n; remaining > 0; --remaining) {
    std::optional<absl::CivilDay> next = FirstWorkingDay(calendar, d + direction, direction);
    if (!next) return std::nullopt;
    d = *next;
  }
  return d;
}

}  // namespace

DeadlineCalculator::DeadlineCalculator(const HolidayCalendar* calendar, absl::TimeZone zone,
                                       NonWorkingDayRule rule)
    : calendar_(calendar != nullptr ? calendar : &WeekendsOnlyCalendar()),
      zone_(zone),
      rule_(rule) {}

absl::Time DeadlineCalculator::Resolve(absl::CivilSecond cs) const {
  const absl::TimeZone::TimeInfo info = zone_.At(cs);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::SKIPPED:
      return info.trans;  // the wall clock jumps past `cs` at the transition
    case absl::TimeZone::TimeInfo::REPEATED:
      return info.post;  // the later of the two readings
    case absl::TimeZone::TimeInfo::UNIQUE:
      break;
  }
  return info.pre;
}

absl::Time DeadlineCalculator::AtWallTime(absl::CivilDay day,
                                          const absl::TimeZone::CivilInfo& wall) const {
  const absl::CivilSecond cs(day.year(), day.month(), day.day(), wall.cs.hour(), wall.cs.minute(),
                             wall.cs.second());
  return Resolve(cs) + wall.subsecond;
}

absl::Time DeadlineCalculator::DueAt(absl::Time start, const Deadline& d) const {
  if (IsInfinite(start)) return start;
  if (d.amount > Deadline::kMaxAmount || d.amount < -Deadline::kMaxAmount) {
    return Infinite(d.amount);
  }
  switch (d.unit) {
    case DeadlineUnit::kMinutes:
      return start + absl::Minutes(d.amount);
    case DeadlineUnit::kHours:
      return start + absl::Hours(d.amount);
    case DeadlineUnit::kCalendarDays: {
      const absl::TimeZone::CivilInfo wall = zone_.At(start);
      const absl::CivilDay day = absl::CivilDay(wall.cs) + d.amount;
      std::optional<absl::CivilDay> due = day;
      if (rule_ == NonWorkingDayRule::kNextWorkingDay) due = FirstWorkingDay(*calendar_, day, 1);
      if (rule_ == NonWorkingDayRule::kPreviousWorkingDay) {
        due = FirstWorkingDay(*calendar_, day, -1);
      }
      if (!due) return Infinite(rule_ == NonWorkingDayRule::kPreviousWorkingDay ? -1 : 1);
      return AtWallTime(*due, wall);
    }
    case DeadlineUnit::kWorkingDays: {
      if (d.amount == 0) return start;
      const absl::TimeZone::CivilInfo wall = zone_.At(start);
      std::optional<absl::CivilDay> due =
          AddWorkingDays(*calendar_, absl::CivilDay(wall.cs), d.amount);
      if (!due) return Infinite(d.amount);
      return AtWallTime(*due, wall);
    }
  }
  return start;
}

absl::Time DeadlineCalculator::WorkingDaysBefore(absl::Time deadline, int64_t n) const {
  if (n <= 0 || IsInfinite(deadline)) return deadline;
  if (n > Deadline::kMaxAmount) return absl::InfinitePast();
  const absl::TimeZone::CivilInfo wall = zone_.At(deadline);
  // Walk back from the deadline's date; when day d is examined, `counted` is
  // the number of working days in (d, deadline date].
  int64_t counted = 0;
  int64_t run = 0;
  for (absl::CivilDay d(wall.cs);; --d) {
    if (calendar_->IsWorkingCivilDay(d)) {
      run = 0;
      if (counted >= n) return AtWallTime(d, wall);
      ++counted;
    } else if (++run > kMaxNonWorkingRun) {
      return absl::InfinitePast();
    }
  }
}

int64_t DeadlineCalculator::WorkingDaysBetween(absl::Time from, absl::Time to) const {
  if (IsInfinite(from) || IsInfinite(to)) {
    if (from == to) return 0;
    return to > from ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  const absl::CivilDay a(zone_.At(from).cs);
  const absl::CivilDay b(zone_.At(to).cs);
  return b >= a ? calendar_->CountWorkingDays(a, b) : -calendar_->CountWorkingDays(b, a);
}

Date DeadlineCalculator::LocalDate(absl::Time t) const {
  return FromCivilDay(absl::CivilDay(zone_.At(t).cs));
}

}  // namespace opsreport::calendar
