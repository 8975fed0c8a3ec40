#include "opsreport/reconciliation/statistics.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/rule_data.h"
#include "test_util.h"

namespace opsreport::reconciliation {
namespace {

using ::testing::ElementsAre;
using testing::Entry;
using ::testing::IsEmpty;
using testing::Report;

const catalogue::Catalogue& Cat() { return fixtures::SampleRuleData().catalogue; }

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

StatisticsRow Row(std::string item, int64_t received, int64_t registered, int64_t matched,
                  int64_t mismatched, int64_t found, int64_t without_entry) {
  return {item, received, registered, matched, mismatched, found, without_entry};
}

// Reconciles at `now` into January-to-`month` 2026 statistics.
YearToDateStatistics Table(int year, int month, absl::Time now,
                           std::vector<v1::RegisterEntry> entries,
                           std::vector<v1::ReportRecord> reports) {
  absl::StatusOr<YearToDateStatistics> stats = YearToDateStatistics::ForMonth(Cat(), year, month);
  EXPECT_TRUE(stats.ok()) << stats.status();
  ReconcileOptions options;
  options.now = now;
  VectorSource<v1::RegisterEntry> e(std::move(entries));
  VectorSource<v1::ReportRecord> r(std::move(reports));
  absl::Status s = Reconciler(Cat(), options).Run(e, r, *stats);
  EXPECT_TRUE(s.ok()) << s;
  return *std::move(stats);
}

TEST(StatisticsTest, WindowIsTheKyivYearToTheEndOfTheMonth) {
  absl::StatusOr<YearToDateStatistics> jan = YearToDateStatistics::ForMonth(Cat(), 2026, 1);
  ASSERT_TRUE(jan.ok());
  EXPECT_EQ(jan->window().start, Utc(2025, 12, 31, 22, 0));  // 1 Jan 00:00 Kyiv
  EXPECT_EQ(jan->window().end, Utc(2026, 1, 31, 22, 0));     // 1 Feb 00:00 Kyiv
  absl::StatusOr<YearToDateStatistics> dec = YearToDateStatistics::ForMonth(Cat(), 2026, 12);
  ASSERT_TRUE(dec.ok());
  EXPECT_EQ(dec->window().end, Utc(2026, 12, 31, 22, 0));  // 1 Jan 2027 00:00 Kyiv
  EXPECT_EQ(YearToDateStatistics::ForMonth(Cat(), 2026, 13).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(YearToDateStatistics::ForMonth(Cat(), 2026, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(StatisticsTest, DecemberDoesNotCountInJanuary) {
  // 31 Dec 23:30 Kyiv is 21:30 UTC; 1 Jan 00:10 Kyiv is still 31 Dec 22:10 UTC.
  const absl::Time december = Utc(2025, 12, 31, 21, 30);
  const absl::Time new_year = Utc(2025, 12, 31, 22, 10);
  const absl::Time february = Utc(2026, 1, 31, 22, 0);  // 1 Feb 00:00 Kyiv
  const absl::Time now = Utc(2026, 2, 5, 9, 0);
  YearToDateStatistics t = Table(
      2026, 1, now,
      {Entry(1, "147", "", "", december), Entry(2, "147", "", "", new_year),
       Entry(3, "147", "", "", february - absl::Seconds(1)), Entry(4, "147", "", "", february)},
      {Report("r-1", 1, "147", "", "3", december), Report("r-2", 2, "147", "", "3", new_year)});
  // Entries 3 and 4 are unreported; only 3 is January's.
  EXPECT_THAT(t.Rows(), ElementsAre(Row("3", 1, 2, 1, 0, 1, 0)));
  // The same records in February's table (cumulative): entry 4 joins.
  YearToDateStatistics feb = Table(
      2026, 2, now,
      {Entry(1, "147", "", "", december), Entry(2, "147", "", "", new_year),
       Entry(3, "147", "", "", february - absl::Seconds(1)), Entry(4, "147", "", "", february)},
      {Report("r-1", 1, "147", "", "3", december), Report("r-2", 2, "147", "", "3", new_year)});
  EXPECT_THAT(feb.Rows(), ElementsAre(Row("3", 1, 3, 1, 0, 2, 0)));
}

TEST(StatisticsTest, CountsEachColumnUnderTheRightItem) {
  const absl::Time march = Utc(2026, 3, 2, 10, 0);
  const absl::Time now = Utc(2026, 3, 10, 12, 0);
  YearToDateStatistics t =
      Table(2026, 3, now,
            {
                Entry(1, "115", "1", "1", march),  // matched
                Entry(2, "115", "1", "1", march),  // reported as item 20: mismatched
                Entry(3, "187", "2", "", march),   // unreported robbery: no single item
                Entry(4, "279", "", "", march),    // unreported, only item 26.1 lists 279
                Entry(6, "190", "1", "", march),   // not a catalogue crime: not counted
            },
            {
                Report("r-0", 0, "115", "1", "1", march),  // no ЄРДР data, past grace
                Report("r-00", 0, "115", "1", "1", now - absl::Hours(1)),  // within grace
                Report("r-1", 1, "115", "1", "1", march), Report("r-2", 2, "115", "1", "20", march),
                Report("r-5", 5, "146", "", "4", march),  // the register has no 5
            });
  EXPECT_THAT(t.Rows(), ElementsAre(Row("1", 3, 2, 1, 0, 0, 1),  // received = 1 + 0 + 1 + pending 1
                                    Row("4", 1, 0, 0, 0, 0, 1), Row("20", 1, 0, 0, 1, 0, 0),
                                    Row("26.1", 0, 1, 0, 0, 1, 0), Row("", 0, 1, 0, 0, 1, 0)));
  EXPECT_EQ(t.Totals(), Row("", 5, 4, 1, 1, 2, 2));
}

TEST(StatisticsTest, AnEntryWithSeveralReportsIsRegisteredOnce) {
  const absl::Time march = Utc(2026, 3, 2, 10, 0);
  YearToDateStatistics t =
      Table(2026, 3, Utc(2026, 3, 10, 12, 0), {Entry(1, "115", "1", "1", march)},
            {Report("r-1", 1, "115", "1", "1", march), Report("r-2", 1, "115", "1", "1", march)});
  EXPECT_THAT(t.Rows(), ElementsAre(Row("1", 2, 1, 2, 0, 0, 0)));
}

TEST(StatisticsTest, AnEmptyReconciliationHasNoRows) {
  YearToDateStatistics t = Table(2026, 3, Utc(2026, 3, 10, 12, 0), {}, {});
  EXPECT_THAT(t.Rows(), IsEmpty());
  EXPECT_EQ(t.Totals(), Row("", 0, 0, 0, 0, 0, 0));
}

}  // namespace
}  // namespace opsreport::reconciliation
