#include "opsreport/calendar/holiday_calendar.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/date.h"
#include "test_calendar.h"

namespace opsreport::calendar {
namespace {

using ::opsreport::base::Violation;
using ::opsreport::base::ViolationsFromStatus;
using test_support::TestCalendar;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(DateTest, ParseIsStrictIso) {
  EXPECT_EQ(ParseDate("2025-03-08"), (Date{2025, 3, 8}));
  EXPECT_EQ(ParseDate("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(ParseDate("2025-02-29"), std::nullopt);
  EXPECT_EQ(ParseDate("2025-02-30"), std::nullopt);
  EXPECT_EQ(ParseDate("2025-13-01"), std::nullopt);
  EXPECT_EQ(ParseDate("2025-00-10"), std::nullopt);
  EXPECT_EQ(ParseDate("2025-1-01"), std::nullopt);
  EXPECT_EQ(ParseDate("2025/01/01"), std::nullopt);
  EXPECT_EQ(ParseDate("08.03.2025"), std::nullopt);
  EXPECT_EQ(ParseDate("2025-01-01 "), std::nullopt);
  EXPECT_EQ(ParseDate(""), std::nullopt);
}

TEST(DateTest, FormatAndCivilRoundTrip) {
  EXPECT_EQ(FormatDate({2025, 3, 8}), "2025-03-08");
  EXPECT_EQ(FromCivilDay(ToCivilDay({2025, 12, 31}) + 1), (Date{2026, 1, 1}));
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
}

TEST(HolidayCalendarTest, DefaultCalendarHasOnlySaturdaySundayWeekends) {
  HolidayCalendar calendar;
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 1, 1}));   // Wednesday, no holidays loaded
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 1, 4}));  // Saturday
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 1, 5}));  // Sunday
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 1, 6}));   // Monday
  EXPECT_TRUE(calendar.entries().empty());
}

TEST(HolidayCalendarTest, HolidaysAndTransferredWorkdays) {
  HolidayCalendar calendar = TestCalendar();
  EXPECT_EQ(calendar.entries().size(), 8u);
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 5, 1}));  // Thursday holiday
  EXPECT_EQ(calendar.HolidayName({2025, 5, 1}), "День праці");
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 5, 2}));
  EXPECT_EQ(calendar.HolidayName({2025, 5, 2}), std::nullopt);
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 6, 21}));  // working Saturday
  EXPECT_EQ(calendar.HolidayName({2025, 6, 21}), std::nullopt);
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 6, 22}));  // Sunday after it
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 6, 30}));  // Monday given in exchange
  EXPECT_EQ(calendar.HolidayName({2025, 6, 30}), "Вихідний (перенесено з 2025-06-21)");
}

TEST(HolidayCalendarTest, ConfigurableWeekend) {
  HolidayCalendar calendar = TestCalendar();
  calendar.SetWeekend({absl::Weekday::friday, absl::Weekday::saturday, absl::Weekday::friday});
  EXPECT_TRUE(calendar.IsWeekend(absl::Weekday::friday));
  EXPECT_FALSE(calendar.IsWeekend(absl::Weekday::sunday));
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 6, 13}));  // Friday
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 6, 15}));   // Sunday
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 6, 21}));   // 'workday' entry still wins
  EXPECT_FALSE(calendar.IsWorkingDay({2025, 5, 1}));   // so does 'holiday'
  calendar.SetWeekend({});
  EXPECT_TRUE(calendar.IsWorkingDay({2025, 6, 14}));
}

TEST(HolidayCalendarTest, CommentsBlankLinesCrlfAndSpacesAroundFields) {
  auto calendar = HolidayCalendar::Parse(
      "# comment\r\n\r\n   \n  # indented comment\n2025-03-08 \t holiday\t Жіночий день #8 \r\n",
      "x.tsv");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->entries().size(), 1u);
  EXPECT_EQ(calendar->HolidayName({2025, 3, 8}), "Жіночий день #8");
}

TEST(HolidayCalendarTest, EmptyTextIsAWeekendsOnlyCalendar) {
  auto calendar = HolidayCalendar::Parse("", "empty.tsv");
  ASSERT_TRUE(calendar.ok());
  EXPECT_TRUE(calendar->entries().empty());
}

TEST(HolidayCalendarTest, BadFileReportsEveryErrorWithFileAndLine) {
  const std::string text =
      "# bad sample\n"
      "2025-01-01\tholiday\tНовий рік\n"
      "2025-02-30\tholiday\tNo such day\n"
      "2025-03-10\tfeast\tUnknown kind\n"
      "2025-01-01\tholiday\tNew Year again\n"
      "2025-05-01\tholiday\n"
      "2025-06-01\tholiday\tX\textra\n"
      "25.12.2025\tHoliday\t  \n"
      "2025-07-15\tholiday\t\xff\xfe\n";
  auto calendar = HolidayCalendar::Parse(text, "bad.tsv");
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      ViolationsFromStatus(calendar.status()),
      ElementsAre(
          Violation{"bad.tsv:3", "date \"2025-02-30\" is not a valid calendar date YYYY-MM-DD"},
          Violation{"bad.tsv:4", "unknown kind \"feast\" (expected holiday or workday)"},
          Violation{"bad.tsv:5", "duplicate date 2025-01-01 (first at line 2)"},
          Violation{"bad.tsv:6", "expected 3 tab-separated columns (date, kind, name), got 2"},
          Violation{"bad.tsv:7", "expected 3 tab-separated columns (date, kind, name), got 4"},
          Violation{"bad.tsv:8", "date \"25.12.2025\" is not a valid calendar date YYYY-MM-DD"},
          Violation{"bad.tsv:8", "unknown kind \"Holiday\" (expected holiday or workday)"},
          Violation{"bad.tsv:8", "name must not be empty"},
          Violation{"bad.tsv:9", "name is not valid UTF-8"}));
  EXPECT_THAT(calendar.status().message(),
              HasSubstr("holiday calendar bad.tsv rejected, 9 violation(s): bad.tsv:3: date "
                        "\"2025-02-30\" is not a valid calendar date YYYY-MM-DD; bad.tsv:4: "));
}

TEST(HolidayCalendarTest, SpaceSeparatedRowIsAColumnCountError) {
  auto calendar = HolidayCalendar::Parse("2025-01-01 holiday New Year\n", "spaces.tsv");
  ASSERT_FALSE(calendar.ok());
  EXPECT_THAT(ViolationsFromStatus(calendar.status()),
              ElementsAre(Violation{"spaces.tsv:1",
                                    "expected 3 tab-separated columns (date, kind, name), got 1"}));
}

TEST(HolidayCalendarTest, LoadFileMissingIsNotFoundNamingThePath) {
  auto calendar = HolidayCalendar::LoadFile("/nonexistent/holidays.tsv");
  ASSERT_FALSE(calendar.ok());
  EXPECT_EQ(calendar.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(calendar.status().message(), HasSubstr("/nonexistent/holidays.tsv"));
}

TEST(HolidayCalendarTest, ShippedUkrainianSampleLoads) {
  auto calendar = HolidayCalendar::LoadFile(OPSREPORT_SOURCE_DIR "/data/holidays_ua.tsv");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->entries().size(), 33u);  // 11 holidays x 2025-2027
  EXPECT_EQ(calendar->HolidayName({2026, 4, 13}), "Великдень (Пасха), понеділок");
  EXPECT_EQ(calendar->HolidayName({2027, 6, 21}), "Трійця, понеділок");
  EXPECT_EQ(calendar->HolidayName({2025, 10, 1}), "День захисників і захисниць України");
  EXPECT_FALSE(calendar->IsWorkingDay({2025, 7, 15}));
  EXPECT_TRUE(calendar->IsWorkingDay({2025, 10, 14}));  // Defenders Day before 2023
  EXPECT_TRUE(calendar->IsWorkingDay({2026, 1, 7}));    // Christmas moved to 25 Dec
  EXPECT_TRUE(calendar->IsWorkingDay({2025, 5, 9}));    // replaced by 8 May
  for (const auto& [day, entry] : calendar->entries()) {
    EXPECT_EQ(entry.kind, DayKind::kHoliday) << day;
  }
}

TEST(HolidayCalendarTest, ShippedKazakhSampleLoads) {
  auto calendar = HolidayCalendar::LoadFile(OPSREPORT_SOURCE_DIR "/data/holidays_kz.tsv");
  ASSERT_TRUE(calendar.ok()) << calendar.status();
  EXPECT_EQ(calendar->entries().size(), 39u);  // 13 holidays x 2025-2027
  EXPECT_FALSE(calendar->IsWorkingDay({2025, 3, 21}));
  EXPECT_FALSE(calendar->IsWorkingDay({2026, 3, 23}));
  EXPECT_FALSE(calendar->IsWorkingDay({2027, 12, 16}));
  EXPECT_TRUE(calendar->IsWorkingDay({2027, 12, 17}));
  EXPECT_EQ(calendar->HolidayName({2025, 7, 6}), "День Столицы");
}

// The arithmetic fast path must agree with counting day by day, for every
// span length and weekend shape, across holidays and a transferred Saturday.
TEST(HolidayCalendarTest, CountWorkingDaysMatchesDayByDay) {
  HolidayCalendar calendar = TestCalendar();
  const std::vector<std::vector<absl::Weekday>> weekends = {
      {absl::Weekday::saturday, absl::Weekday::sunday},
      {absl::Weekday::friday, absl::Weekday::saturday},
      {absl::Weekday::sunday},
      {}};
  for (const auto& weekend : weekends) {
    calendar.SetWeekend(weekend);
    for (absl::CivilDay a(2024, 12, 20); a <= absl::CivilDay(2025, 1, 10); ++a) {
      for (absl::CivilDay b = a - 3; b <= absl::CivilDay(2026, 1, 5); b += 5) {
        int64_t expected = 0;
        for (absl::CivilDay d = a + 1; d <= b; ++d) expected += calendar.IsWorkingCivilDay(d);
        ASSERT_EQ(calendar.CountWorkingDays(a, b), expected) << a << " .. " << b;
      }
    }
  }
}

}  // namespace
}  // namespace opsreport::calendar
