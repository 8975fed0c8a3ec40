#include "opsreport/reconciliation/daily_filter.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/reconciliation/source.h"
#include "test_util.h"

namespace opsreport::reconciliation {
namespace {

using ::testing::ElementsAre;
using testing::Entry;
using testing::Pn;
using testing::Report;

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

TEST(KyivDayTest, DaysStartAtKyivMidnight) {
  TimeWindow w = KyivDay({2026, 3, 10});
  EXPECT_EQ(w.start, Utc(2026, 3, 9, 22, 0));  // UTC+2 in winter
  EXPECT_EQ(w.end - w.start, absl::Hours(24));
  EXPECT_EQ(KyivDay({2026, 7, 1}).start, Utc(2026, 6, 30, 21, 0));  // UTC+3 in summer
}

TEST(KyivDayTest, DstDaysAreShorterOrLonger) {
  EXPECT_EQ(KyivDay({2026, 3, 29}).end - KyivDay({2026, 3, 29}).start, absl::Hours(23));
  EXPECT_EQ(KyivDay({2026, 10, 25}).end - KyivDay({2026, 10, 25}).start, absl::Hours(25));
  // Consecutive days tile time with no gap or overlap.
  EXPECT_EQ(KyivDay({2026, 3, 29}).end, KyivDay({2026, 3, 30}).start);
}

TEST(DailyFilterTest, KeepsTheUnitsRecordsOfThatDayOnly) {
  DailyFilter f({"1001", "1002"}, {2026, 3, 10});
  const absl::Time start = Utc(2026, 3, 9, 22, 0);
  const absl::Time end = Utc(2026, 3, 10, 22, 0);
  EXPECT_TRUE(f.Matches(Entry(1, "115", "1", "", start)));                       // 00:00 Kyiv
  EXPECT_TRUE(f.Matches(Entry(1, "115", "1", "", end - absl::Nanoseconds(1))));  // 23:59:59.9
  EXPECT_FALSE(f.Matches(Entry(1, "115", "1", "", start - absl::Seconds(1))));   // the day before
  EXPECT_FALSE(f.Matches(Entry(1, "115", "1", "", end)));                        // the next day
  EXPECT_TRUE(f.Matches(Entry(1, "115", "1", "", start, "1002")));
  EXPECT_FALSE(f.Matches(Entry(1, "115", "1", "", start, "1003")));  // another unit
  v1::RegisterEntry undated = Entry(1, "115", "1", "", start);
  undated.clear_registered_at();
  EXPECT_FALSE(f.Matches(undated));

  EXPECT_TRUE(f.Matches(Report("r", 1, "115", "1", "1", start)));
  EXPECT_FALSE(f.Matches(Report("r", 1, "115", "1", "1", end)));
  EXPECT_FALSE(f.Matches(Report("r", 1, "115", "1", "1", start, "1400")));
}

TEST(DailyFilterTest, NoUnitsKeepNothing) {
  DailyFilter f({}, {2026, 3, 10});
  EXPECT_FALSE(f.Matches(Entry(1, "115", "1", "", Utc(2026, 3, 10, 10, 0))));
}

TEST(DailyFilterTest, FilteringASortedStreamKeepsItSorted) {
  DailyFilter f({"1001"}, {2026, 3, 10});
  const absl::Time in_day = Utc(2026, 3, 10, 10, 0);
  VectorSource<v1::RegisterEntry> all(
      {Entry(1, "115", "1", "", in_day), Entry(2, "115", "1", "", in_day, "1002"),
       Entry(3, "115", "1", "", in_day - absl::Hours(24)), Entry(4, "115", "1", "", in_day)});
  FilteredSource<v1::RegisterEntry> day(all,
                                        [&f](const v1::RegisterEntry& e) { return f.Matches(e); });
  std::vector<std::string> kept;
  v1::RegisterEntry e;
  while (*day.Next(e)) kept.push_back(e.proceedings_number());
  EXPECT_THAT(kept, ElementsAre(Pn(1), Pn(4)));
}

}  // namespace
}  // namespace opsreport::reconciliation
