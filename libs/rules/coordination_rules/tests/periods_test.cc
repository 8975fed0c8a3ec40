#include "opsreport/coordination_rules/periods.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "test_util.h"

namespace opsreport::coordination_rules {
namespace {

using ::opsreport::base::ViolationsFromStatus;
using test_support::Almaty;
using test_support::Kz;
using test_support::Ua;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Missed(const RuleSet& rules, const std::vector<absl::Time>& meetings,
                                calendar::Date from, calendar::Date to) {
  absl::StatusOr<std::vector<CalendarPeriod>> missed =
      PeriodsWithoutMeeting(rules, meetings, from, to);
  EXPECT_TRUE(missed.ok()) << missed.status();
  std::vector<std::string> out;
  if (missed.ok()) {
    for (const CalendarPeriod& p : *missed) out.push_back(p.ToString());
  }
  return out;
}

TEST(PeriodTest, PeriodsAlignToTheYear) {
  EXPECT_EQ(PeriodContaining(PeriodKind::kQuarter, {2025, 5, 15}),
            (CalendarPeriod{PeriodKind::kQuarter, {2025, 4, 1}, {2025, 7, 1}}));
  EXPECT_EQ(PeriodContaining(PeriodKind::kQuarter, {2025, 12, 31}),
            (CalendarPeriod{PeriodKind::kQuarter, {2025, 10, 1}, {2026, 1, 1}}));
  EXPECT_EQ(PeriodContaining(PeriodKind::kMonth, {2024, 2, 29}).end, (calendar::Date{2024, 3, 1}));
  EXPECT_EQ(PeriodContaining(PeriodKind::kYear, {2025, 7, 1}).start, (calendar::Date{2025, 1, 1}));
  EXPECT_EQ(PeriodContaining(PeriodKind::kQuarter, {2025, 5, 15}).ToString(), "2025-Q2");
  EXPECT_EQ(PeriodContaining(PeriodKind::kHalfYear, {2025, 7, 1}).ToString(), "2025-H2");
  EXPECT_EQ(PeriodContaining(PeriodKind::kMonth, {2025, 5, 15}).ToString(), "2025-05");
  EXPECT_EQ(PeriodContaining(PeriodKind::kYear, {2025, 5, 15}).ToString(), "2025");
  EXPECT_EQ(PeriodKindName(PeriodKind::kHalfYear), "half_year");
}

TEST(PeriodTest, KazakhstanWorkPlansAreHalfYears) {
  EXPECT_EQ(PlanPeriodContaining(Kz(), {2025, 6, 30}),
            (CalendarPeriod{PeriodKind::kHalfYear, {2025, 1, 1}, {2025, 7, 1}}));
  EXPECT_EQ(PlanPeriodContaining(Kz(), {2025, 7, 1}),
            (CalendarPeriod{PeriodKind::kHalfYear, {2025, 7, 1}, {2026, 1, 1}}));
  EXPECT_EQ(PlanPeriodContaining(Kz(), {2025, 12, 31})->ToString(), "2025-H2");
  EXPECT_EQ(PlanPeriodContaining(Ua(), {2025, 6, 30}), std::nullopt);
}

TEST(MeetingFrequencyTest, QuarterWithoutMeetingFlagged) {
  // 02:00 on 1 July in Almaty is still 30 June in UTC: the local date counts,
  // so this is a third-quarter meeting and the second quarter had none.
  const std::vector<absl::Time> meetings = {Almaty(2025, 2, 10, 11, 0), Almaty(2025, 7, 1, 2, 0)};
  EXPECT_THAT(Missed(Kz(), meetings, {2025, 1, 1}, {2026, 1, 1}),
              ElementsAre("2025-Q2", "2025-Q4"));
}

TEST(MeetingFrequencyTest, FirstAndLastDaysOfAQuarterCount) {
  const std::vector<absl::Time> meetings = {Almaty(2025, 1, 1, 0, 0), Almaty(2025, 6, 30, 23, 59),
                                            Almaty(2025, 7, 1, 0, 0), Almaty(2025, 12, 31, 23, 0)};
  EXPECT_THAT(Missed(Kz(), meetings, {2025, 1, 1}, {2026, 1, 1}), IsEmpty());
}

TEST(MeetingFrequencyTest, QuartersCutByThePeriodAreNotJudged) {
  EXPECT_THAT(Missed(Kz(), {}, {2025, 2, 15}, {2025, 11, 20}), ElementsAre("2025-Q2", "2025-Q3"));
  EXPECT_THAT(Missed(Kz(), {}, {2025, 4, 1}, {2025, 6, 30}), IsEmpty());
  EXPECT_THAT(Missed(Kz(), {}, {2025, 4, 1}, {2025, 7, 1}), ElementsAre("2025-Q2"));
  EXPECT_THAT(Missed(Kz(), {}, {2025, 4, 1}, {2025, 4, 1}), IsEmpty());
}

TEST(MeetingFrequencyTest, UkraineSetsNoFrequency) {
  EXPECT_THAT(Missed(Ua(), {}, {2025, 1, 1}, {2026, 1, 1}), IsEmpty());
}

TEST(MeetingFrequencyTest, BadInputNamed) {
  absl::StatusOr<std::vector<CalendarPeriod>> missed =
      PeriodsWithoutMeeting(Kz(), {absl::InfinitePast()}, {2026, 1, 1}, {2025, 1, 1});
  ASSERT_EQ(missed.status().code(), absl::StatusCode::kInvalidArgument);
  const auto v = ViolationsFromStatus(missed.status());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].field, "to");
  EXPECT_EQ(v[0].message, "2025-01-01 is before from 2026-01-01");
  EXPECT_EQ(v[1].field, "meetings[0]");
}

}  // namespace
}  // namespace opsreport::coordination_rules
