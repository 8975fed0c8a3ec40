// The Kyiv calendar day: its bounds across the clock changes, and refusals.
#include "opsreport/daily_summary/day_window.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace opsreport::daily_summary {
namespace {

using ::testing::StartsWith;
using testing::Utc;

TEST(KyivDayTest, SpansTheKyivCalendarDay) {
  auto day = KyivDay("2026-03-10", "day");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->begin, Utc(2026, 3, 9, 22));
  EXPECT_EQ(day->end, Utc(2026, 3, 10, 22));
  ASSERT_TRUE(KyivDay("2028-02-29", "day").ok());
}

TEST(KyivDayTest, DaylightSavingDaysAreShortAndLong) {
  auto spring = KyivDay("2026-03-29", "day");
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->begin, Utc(2026, 3, 28, 22));
  EXPECT_EQ(spring->end, Utc(2026, 3, 29, 21));
  EXPECT_EQ(spring->end - spring->begin, absl::Hours(23));
  auto autumn = KyivDay("2026-10-25", "day");
  ASSERT_TRUE(autumn.ok());
  EXPECT_EQ(autumn->begin, Utc(2026, 10, 24, 21));
  EXPECT_EQ(autumn->end, Utc(2026, 10, 25, 22));
  EXPECT_EQ(autumn->end - autumn->begin, absl::Hours(25));
}

TEST(KyivDayTest, RejectsMalformedAndImpossibleDates) {
  auto bad_shape = KyivDay("2026-3-10", "day");
  EXPECT_EQ(bad_shape.status(),
            absl::InvalidArgumentError("day: \"2026-3-10\" is not a day in the form YYYY-MM-DD"));
  auto impossible = KyivDay("2026-02-30", "day");
  EXPECT_EQ(impossible.status(),
            absl::InvalidArgumentError("day: 2026-02-30 is not a calendar date"));
  for (const char* text : {"", "2026/03/10", "10.03.2026", "2026-03-10 ", "+026-03-10",
                           "2026-03-1a", "2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01"}) {
    auto day = KyivDay(text, "summary.day");
    EXPECT_TRUE(absl::IsInvalidArgument(day.status())) << text;
    EXPECT_THAT(std::string(day.status().message()), StartsWith("summary.day: ")) << text;
  }
}

}  // namespace
}  // namespace opsreport::daily_summary
