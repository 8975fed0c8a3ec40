#include "opsreport/calendar/deadline_calculator.h"

#include <limits>

#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"
#include "test_calendar.h"

namespace opsreport::calendar {
namespace {

using test_support::Kyiv;
using test_support::TestCalendar;
using test_support::Utc;

constexpr Deadline kMinutes30{30, DeadlineUnit::kMinutes};
constexpr Deadline kHours2{2, DeadlineUnit::kHours};

Deadline Days(int64_t n) { return {n, DeadlineUnit::kCalendarDays}; }
Deadline WorkingDays(int64_t n) { return {n, DeadlineUnit::kWorkingDays}; }

class DeadlineCalculatorTest : public ::testing::Test {
 protected:
  DeadlineCalculator Calc(NonWorkingDayRule rule = NonWorkingDayRule::kNextWorkingDay) const {
    return DeadlineCalculator(&calendar_, KyivZone(), rule);
  }
  HolidayCalendar calendar_ = TestCalendar();
};

TEST(KyivTest, ZoneAndFormat) {
  EXPECT_TRUE(KyivZone().name() == "Europe/Kyiv" || KyivZone().name() == "Europe/Kiev");
  EXPECT_EQ(FormatKyiv(Utc(2025, 1, 15, 8, 5)), "15.01.2025 10:05");    // EET, UTC+2
  EXPECT_EQ(FormatKyiv(Utc(2025, 7, 15, 21, 30)), "16.07.2025 00:30");  // EEST, UTC+3
}

TEST_F(DeadlineCalculatorTest, LocalDateIsKyivDate) {
  EXPECT_EQ(Calc().LocalDate(Utc(2025, 5, 1, 20, 59, 59)), (Date{2025, 5, 1}));
  EXPECT_EQ(Calc().LocalDate(Utc(2025, 5, 1, 21, 0)), (Date{2025, 5, 2}));
  EXPECT_EQ(Calc().LocalDate(Utc(2025, 12, 31, 22, 0)), (Date{2026, 1, 1}));
}

TEST_F(DeadlineCalculatorTest, MinutesAndHoursAreElapsedTime) {
  const absl::Time start = Kyiv(2025, 5, 1, 10, 0);  // a holiday makes no difference
  EXPECT_EQ(Calc().DueAt(start, kMinutes30), Kyiv(2025, 5, 1, 10, 30));
  EXPECT_EQ(Calc().DueAt(start, kHours2), Kyiv(2025, 5, 1, 12, 0));
  EXPECT_EQ(Calc().DueAt(start, Deadline{0, DeadlineUnit::kMinutes}), start);
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 5, 2, 23, 0), kHours2), Kyiv(2025, 5, 3, 1, 0));
}

TEST_F(DeadlineCalculatorTest, OnTimeExactlyAtTheDeadlineLateOneSecondAfter) {
  const absl::Time start = Kyiv(2025, 6, 10, 10, 0);
  for (const Deadline& d : {kMinutes30, kHours2, Days(1), WorkingDays(1)}) {
    const absl::Time due = Calc().DueAt(start, d);
    EXPECT_FALSE(IsOverdue(due, due - absl::Seconds(1))) << d.ToString();
    EXPECT_FALSE(IsOverdue(due, due)) << d.ToString();
    EXPECT_TRUE(IsOverdue(due, due + absl::Seconds(1))) << d.ToString();
  }
  EXPECT_EQ(Calc().DueAt(start, Days(1)), Kyiv(2025, 6, 11, 10, 0));
}

TEST_F(DeadlineCalculatorTest, HoursAcrossKyivDstChanges) {
  // 30 Mar 2025: 03:00 EET -> 04:00 EEST. Two hours from 01:30 read 04:30.
  const absl::Time spring = Utc(2025, 3, 29, 23, 30);
  EXPECT_EQ(FormatKyiv(spring), "30.03.2025 01:30");
  EXPECT_EQ(Calc().DueAt(spring, kHours2), Utc(2025, 3, 30, 1, 30));
  EXPECT_EQ(FormatKyiv(Calc().DueAt(spring, kHours2)), "30.03.2025 04:30");
  // 26 Oct 2025: 04:00 EEST -> 03:00 EET. Two hours from 02:30 read 03:30.
  const absl::Time autumn = Utc(2025, 10, 25, 23, 30);
  EXPECT_EQ(FormatKyiv(autumn), "26.10.2025 02:30");
  EXPECT_EQ(FormatKyiv(Calc().DueAt(autumn, kHours2)), "26.10.2025 03:30");
  EXPECT_EQ(Calc().DueAt(autumn, kHours2) - autumn, absl::Hours(2));
}

TEST_F(DeadlineCalculatorTest, CalendarDaysKeepWallTimeAcrossDst) {
  const absl::Time spring = Kyiv(2025, 3, 27, 10, 0);  // Thursday, EET
  const absl::Time spring_due = Calc().DueAt(spring, Days(4));
  EXPECT_EQ(spring_due, Kyiv(2025, 3, 31, 10, 0));  // Monday, EEST
  EXPECT_EQ(spring_due - spring, absl::Hours(4 * 24 - 1));

  const absl::Time autumn = Kyiv(2025, 10, 23, 10, 0);  // Thursday, EEST
  const absl::Time autumn_due = Calc().DueAt(autumn, Days(4));
  EXPECT_EQ(autumn_due, Kyiv(2025, 10, 27, 10, 0));  // Monday, EET
  EXPECT_EQ(autumn_due - autumn, absl::Hours(4 * 24 + 1));
}

TEST_F(DeadlineCalculatorTest, CalendarDaysOntoAMissingOrRepeatedWallTime) {
  const DeadlineCalculator keep = Calc(NonWorkingDayRule::kKeep);
  // 03:30 does not exist on 30 Mar 2025: the deadline is the end of the gap.
  const absl::Time skipped = keep.DueAt(Utc(2025, 3, 29, 1, 30), Days(1));
  EXPECT_EQ(skipped, Utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(FormatKyiv(skipped), "30.03.2025 04:00");
  // 03:30 happens twice on 26 Oct 2025: the later one.
  const absl::Time repeated = keep.DueAt(Utc(2025, 10, 25, 0, 30), Days(1));
  EXPECT_EQ(FormatKyiv(Utc(2025, 10, 25, 0, 30)), "25.10.2025 03:30");
  EXPECT_EQ(repeated, Utc(2025, 10, 26, 1, 30));
  EXPECT_EQ(FormatKyiv(repeated), "26.10.2025 03:30");
}

TEST_F(DeadlineCalculatorTest, CalendarDaysOntoAHolidayUnderEachRule) {
  const absl::Time start = Kyiv(2025, 4, 29, 10, 0);  // + 2 days = Thursday 1 May
  EXPECT_EQ(Calc(NonWorkingDayRule::kKeep).DueAt(start, Days(2)), Kyiv(2025, 5, 1, 10, 0));
  EXPECT_EQ(Calc(NonWorkingDayRule::kNextWorkingDay).DueAt(start, Days(2)),
            Kyiv(2025, 5, 2, 10, 0));
  EXPECT_EQ(Calc(NonWorkingDayRule::kPreviousWorkingDay).DueAt(start, Days(2)),
            Kyiv(2025, 4, 30, 10, 0));
}

TEST_F(DeadlineCalculatorTest, CalendarDaysOntoAWeekendFollowedByAHoliday) {
  const absl::Time start = Kyiv(2025, 4, 17, 9, 15);  // + 2 days = Saturday 19 April
  EXPECT_EQ(Calc(NonWorkingDayRule::kKeep).DueAt(start, Days(2)), Kyiv(2025, 4, 19, 9, 15));
  // Sunday 20 and Easter Monday 21 are skipped as well.
  EXPECT_EQ(Calc(NonWorkingDayRule::kNextWorkingDay).DueAt(start, Days(2)),
            Kyiv(2025, 4, 22, 9, 15));
  EXPECT_EQ(Calc(NonWorkingDayRule::kPreviousWorkingDay).DueAt(start, Days(2)),
            Kyiv(2025, 4, 18, 9, 15));
  // Landing on the working Saturday 21 June is not moved by any rule.
  for (auto rule : {NonWorkingDayRule::kKeep, NonWorkingDayRule::kNextWorkingDay,
                    NonWorkingDayRule::kPreviousWorkingDay}) {
    EXPECT_EQ(Calc(rule).DueAt(Kyiv(2025, 6, 11, 8, 0), Days(10)), Kyiv(2025, 6, 21, 8, 0));
  }
}

TEST_F(DeadlineCalculatorTest, WorkingDaysSkipHolidaysInsideTheSpan) {
  const absl::Time start = Kyiv(2025, 4, 30, 10, 0);  // Wednesday before 1 May
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(1)), Kyiv(2025, 5, 2, 10, 0));
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(3)), Kyiv(2025, 5, 6, 10, 0));
  // 2, 5, 6, 7 May, then 8 May is a holiday: the fifth is Friday 9 May.
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(5)), Kyiv(2025, 5, 9, 10, 0));
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(0)), start);
  // The rule only moves calendar-day deadlines; a working-day count never needs it.
  EXPECT_EQ(Calc(NonWorkingDayRule::kPreviousWorkingDay).DueAt(start, WorkingDays(5)),
            Kyiv(2025, 5, 9, 10, 0));
}

TEST_F(DeadlineCalculatorTest, WorkingDaysFromASaturday) {
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 14, 10, 0), WorkingDays(1)), Kyiv(2025, 6, 16, 10, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 13, 10, 0), WorkingDays(1)), Kyiv(2025, 6, 16, 10, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 15, 23, 30), WorkingDays(2)), Kyiv(2025, 6, 17, 23, 30));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 14, 10, 0), WorkingDays(5)), Kyiv(2025, 6, 20, 10, 0));
}

TEST_F(DeadlineCalculatorTest, TransferredWorkingSaturdayCounts) {
  // Friday 20 June -> working Saturday 21 -> Monday 23; Monday 30 is off in exchange.
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 20, 10, 0), WorkingDays(1)), Kyiv(2025, 6, 21, 10, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 20, 10, 0), WorkingDays(2)), Kyiv(2025, 6, 23, 10, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 21, 9, 0), WorkingDays(1)), Kyiv(2025, 6, 23, 9, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 6, 27, 10, 0), WorkingDays(1)), Kyiv(2025, 7, 1, 10, 0));
  // Without the calendar file the same Saturday is a weekend.
  const DeadlineCalculator plain(nullptr, KyivZone());
  EXPECT_EQ(plain.DueAt(Kyiv(2025, 6, 20, 10, 0), WorkingDays(1)), Kyiv(2025, 6, 23, 10, 0));
  EXPECT_EQ(plain.DueAt(Kyiv(2025, 6, 27, 10, 0), WorkingDays(1)), Kyiv(2025, 6, 30, 10, 0));
}

TEST_F(DeadlineCalculatorTest, WorkingDaysAcrossDstKeepWallTime) {
  const absl::Time start = Kyiv(2025, 3, 28, 10, 0);  // Friday, EET
  const absl::Time due = Calc().DueAt(start, WorkingDays(1));
  EXPECT_EQ(due, Utc(2025, 3, 31, 7, 0));  // Monday 10:00 EEST
  EXPECT_EQ(FormatKyiv(due), "31.03.2025 10:00");
}

TEST_F(DeadlineCalculatorTest, YearBoundaryWithNewYearHoliday) {
  const absl::Time start = Kyiv(2025, 12, 31, 10, 0);  // Wednesday; 1 Jan 2026 is Thursday
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(1)), Kyiv(2026, 1, 2, 10, 0));
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(2)), Kyiv(2026, 1, 5, 10, 0));
  EXPECT_EQ(Calc(NonWorkingDayRule::kKeep).DueAt(start, Days(1)), Kyiv(2026, 1, 1, 10, 0));
  EXPECT_EQ(Calc(NonWorkingDayRule::kNextWorkingDay).DueAt(start, Days(1)),
            Kyiv(2026, 1, 2, 10, 0));
  EXPECT_EQ(Calc(NonWorkingDayRule::kPreviousWorkingDay).DueAt(start, Days(1)),
            Kyiv(2025, 12, 31, 10, 0));
  // 22:30 UTC on 31 Dec is already 1 Jan in Kyiv: counting starts from the holiday.
  EXPECT_EQ(Calc().DueAt(Utc(2025, 12, 31, 22, 30), WorkingDays(1)), Kyiv(2026, 1, 2, 0, 30));
  EXPECT_EQ(Calc().WorkingDaysBetween(start, Kyiv(2026, 1, 5, 9, 0)), 2);
}

TEST_F(DeadlineCalculatorTest, NegativeWorkingDaysCountBack) {
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 5, 6, 10, 0), WorkingDays(-3)), Kyiv(2025, 4, 30, 10, 0));
  EXPECT_EQ(Calc().DueAt(Kyiv(2025, 5, 6, 10, 0), Days(-5)),
            Kyiv(2025, 5, 2, 10, 0));  // 1 May -> next
}

TEST_F(DeadlineCalculatorTest, WorkingDaysBeforeAcrossAHoliday) {
  const absl::Time deadline = Kyiv(2025, 5, 9, 18, 0);  // Friday
  // 9, 7, 6, 5, 2 May are the five working days; 8 and 1 May are holidays.
  const absl::Time latest = Calc().WorkingDaysBefore(deadline, 5);
  EXPECT_EQ(latest, Kyiv(2025, 4, 30, 18, 0));
  EXPECT_EQ(Calc().DueAt(latest, WorkingDays(5)), deadline);
  EXPECT_EQ(Calc().WorkingDaysBetween(latest, deadline), 5);
  // Holiday 1 May would still leave five, but nobody submits on a holiday;
  // the next working day, 2 May, is too late.
  EXPECT_EQ(Calc().WorkingDaysBetween(latest + absl::Hours(24), deadline), 5);
  EXPECT_EQ(Calc().WorkingDaysBetween(latest + absl::Hours(48), deadline), 4);
  // One working day before Friday 9 May is Wednesday: Thursday is a holiday.
  EXPECT_EQ(Calc().WorkingDaysBefore(deadline, 1), Kyiv(2025, 5, 7, 18, 0));
  EXPECT_EQ(Calc().WorkingDaysBefore(deadline, 0), deadline);
}

TEST_F(DeadlineCalculatorTest, WorkingDaysBeforeADeadlineOnAWeekend) {
  // Saturday 10 / Sunday 11 May: five full working days still have to fit before it.
  EXPECT_EQ(Calc().WorkingDaysBefore(Kyiv(2025, 5, 11, 18, 0), 5), Kyiv(2025, 4, 30, 18, 0));
  EXPECT_EQ(Calc().WorkingDaysBefore(Kyiv(2025, 5, 10, 12, 0), 5), Kyiv(2025, 4, 30, 12, 0));
  EXPECT_EQ(Calc().WorkingDaysBefore(Kyiv(2025, 5, 11, 18, 0), 1), Kyiv(2025, 5, 7, 18, 0));
  // Across the new year: before Monday 5 Jan 2026 come 2 Jan, 31 Dec, 30 Dec.
  EXPECT_EQ(Calc().WorkingDaysBefore(Kyiv(2026, 1, 5, 12, 0), 2), Kyiv(2025, 12, 31, 12, 0));
}

TEST_F(DeadlineCalculatorTest, WorkingDaysBetweenByLocalDate) {
  const DeadlineCalculator calc = Calc();
  EXPECT_EQ(calc.WorkingDaysBetween(Kyiv(2025, 4, 30, 23, 0), Kyiv(2025, 5, 9, 0, 10)), 5);
  EXPECT_EQ(calc.WorkingDaysBetween(Kyiv(2025, 5, 9, 0, 10), Kyiv(2025, 4, 30, 23, 0)), -5);
  EXPECT_EQ(calc.WorkingDaysBetween(Kyiv(2025, 5, 2, 0, 0), Kyiv(2025, 5, 2, 23, 59)), 0);
  EXPECT_EQ(calc.WorkingDaysBetween(Kyiv(2025, 5, 2, 12, 0), Kyiv(2025, 5, 4, 12, 0)), 0);
  EXPECT_EQ(calc.WorkingDaysBetween(Kyiv(2025, 5, 2, 23, 59), Kyiv(2025, 5, 5, 0, 0)), 1);
  // 21:30 UTC on Thursday 1 May is already Friday 2 May in Kyiv.
  EXPECT_EQ(calc.WorkingDaysBetween(Utc(2025, 5, 1, 21, 30), Kyiv(2025, 5, 2, 12, 0)), 0);
  EXPECT_EQ(calc.WorkingDaysBetween(Utc(2025, 5, 1, 20, 30), Kyiv(2025, 5, 2, 12, 0)), 1);
}

TEST_F(DeadlineCalculatorTest, OtherZonesAndRules) {
  // The engine is zone-generic: Almaty is UTC+5 all year since March 2024.
  absl::TimeZone almaty;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Almaty", &almaty));
  const DeadlineCalculator calc(&calendar_, almaty, NonWorkingDayRule::kKeep);
  const absl::Time start = absl::FromCivil(absl::CivilSecond(2025, 4, 29, 10, 0, 0), almaty);
  EXPECT_EQ(calc.DueAt(start, Days(2)), start + absl::Hours(48));
  EXPECT_EQ(calc.LocalDate(Utc(2025, 4, 30, 19, 0)), (Date{2025, 5, 1}));
  EXPECT_EQ(calc.zone().name(), "Asia/Almaty");
  EXPECT_EQ(calc.rule(), NonWorkingDayRule::kKeep);
}

TEST_F(DeadlineCalculatorTest, ExtremeInputsDoNotHang) {
  const absl::Time start = Kyiv(2025, 6, 10, 10, 0);
  EXPECT_EQ(Calc().DueAt(start, WorkingDays(Deadline::kMaxAmount + 1)), absl::InfiniteFuture());
  EXPECT_EQ(Calc().DueAt(start, Days(-Deadline::kMaxAmount - 1)), absl::InfinitePast());
  EXPECT_EQ(Calc().DueAt(absl::InfiniteFuture(), kHours2), absl::InfiniteFuture());
  EXPECT_EQ(Calc().WorkingDaysBetween(start, absl::InfiniteFuture()),
            std::numeric_limits<int64_t>::max());
  // A calendar where no day is ever worked.
  HolidayCalendar never;
  never.SetWeekend({absl::Weekday::monday, absl::Weekday::tuesday, absl::Weekday::wednesday,
                    absl::Weekday::thursday, absl::Weekday::friday, absl::Weekday::saturday,
                    absl::Weekday::sunday});
  const DeadlineCalculator calc(&never, KyivZone());
  EXPECT_EQ(calc.DueAt(start, WorkingDays(1)), absl::InfiniteFuture());
  EXPECT_EQ(calc.DueAt(start, Days(1)), absl::InfiniteFuture());
  EXPECT_EQ(calc.WorkingDaysBefore(start, 1), absl::InfinitePast());
  EXPECT_EQ(calc.WorkingDaysBetween(start, start + absl::Hours(24 * 400)), 0);
}

}  // namespace
}  // namespace opsreport::calendar
