#pragma once
// Time-zone aware deadline arithmetic. Instants are UTC absl::Time; anything
// measured in days is done on the local civil calendar of the configured zone
// (Europe/Kyiv by default), keeping the local wall time of the start.

#include <cstdint>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/calendar/holiday_calendar.h"

namespace opsreport::calendar {

// What to do when a calendar-day deadline ends on a non-working day.
enum class NonWorkingDayRule {
  kKeep,                // the deadline stays on the weekend/holiday
  kNextWorkingDay,      // moves forward to the next working day, same wall time
  kPreviousWorkingDay,  // moves back to the previous working day, same wall time
};

// A thing done exactly at its deadline is on time; one nanosecond later is late.
inline bool IsOverdue(absl::Time due, absl::Time at) { return at > due; }

class DeadlineCalculator {
 public:
  // `calendar` may be null (Saturday/Sunday weekends, no holidays); otherwise it
  // must outlive the calculator.
  DeadlineCalculator(const HolidayCalendar* calendar, absl::TimeZone zone,
                     NonWorkingDayRule rule = NonWorkingDayRule::kNextWorkingDay);

  // kMinutes/kHours: start + elapsed time (an hour is 60 real minutes, even
  // across a DST change). kCalendarDays: the start's local wall time N days
  // later, then the non-working-day rule. kWorkingDays: the N-th working day
  // strictly after the start's local date, at the start's wall time (so a
  // start on Saturday or Friday plus 1wd both give Monday); 0wd is the start.
  // A negative amount counts backwards. A wall time that does not exist
  // (spring-forward gap) resolves to the end of the gap; a repeated one
  // (fall-back) to its later occurrence, so a deadline is never earlier than
  // the wall clock implies. Amounts beyond Deadline::kMaxAmount, or a calendar
  // with no working day in ten years, give absl::InfiniteFuture() (Past when
  // counting back).
  absl::Time DueAt(absl::Time start, const Deadline& d) const;

  // The latest moment that is still "at least n working days before
  // `deadline`": the latest working day P with WorkingDaysBetween(P, deadline)
  // >= n, at the deadline's local wall time. For a deadline on a working day
  // this inverts DueAt (DueAt(result, n wd) == deadline); for one on a weekend
  // or holiday, counting starts from the last working day before it. n <= 0
  // returns the deadline.
  absl::Time WorkingDaysBefore(absl::Time deadline, int64_t n) const;

  // Working days in (LocalDate(from), LocalDate(to)]; negative if to < from.
  int64_t WorkingDaysBetween(absl::Time from, absl::Time to) const;

  Date LocalDate(absl::Time t) const;
  absl::TimeZone zone() const { return zone_; }
  NonWorkingDayRule rule() const { return rule_; }
  const HolidayCalendar& calendar() const { return *calendar_; }

 private:
  // The instant the local wall clock shows `cs` for the last time before moving on.
  absl::Time Resolve(absl::CivilSecond cs) const;
  absl::Time AtWallTime(absl::CivilDay day, const absl::TimeZone::CivilInfo& wall) const;

  const HolidayCalendar* calendar_;
  absl::TimeZone zone_;
  NonWorkingDayRule rule_;
};

}  // namespace opsreport::calendar
