#include "opsreport/coordination_rules/meeting_deadlines.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "test_util.h"

namespace opsreport::coordination_rules {
namespace {

using ::opsreport::base::ViolationsFromStatus;
using test_support::Almaty;
using test_support::AlmatyEnd;
using test_support::Kyiv;
using test_support::Kz;
using test_support::Ua;
using ::testing::HasSubstr;

using calendar::NonWorkingDayRule;

RuleSet KzWith(NonWorkingDayRule forward, NonWorkingDayRule lead) {
  RuleSet rules = Kz();
  rules.non_working_day_rule = forward;
  rules.lead_non_working_day_rule = lead;
  return rules;
}

TEST(MaterialsDueTest, TwentyCalendarDaysBeforeTheMeetingsDay) {
  // Wednesday 25 June 2025 -> Thursday 5 June, a working day.
  EXPECT_EQ(MaterialsDue(Kz(), Almaty(2025, 6, 25, 10, 0)), AlmatyEnd(2025, 6, 5));
  EXPECT_EQ(MaterialsDue(Kz(), Almaty(2025, 6, 25, 0, 0)), AlmatyEnd(2025, 6, 5));
}

TEST(MaterialsDueTest, NonWorkingDayRuleApplied) {
  // Thursday 29 May 2025 - 20 days = Friday 9 May, Victory Day.
  const absl::Time meeting = Almaty(2025, 5, 29, 10, 0);
  EXPECT_EQ(MaterialsDue(Kz(), meeting), AlmatyEnd(2025, 5, 8));  // shipped: previous
  EXPECT_EQ(
      MaterialsDue(KzWith(NonWorkingDayRule::kNextWorkingDay, NonWorkingDayRule::kKeep), meeting),
      AlmatyEnd(2025, 5, 9));
  EXPECT_EQ(
      MaterialsDue(KzWith(NonWorkingDayRule::kKeep, NonWorkingDayRule::kNextWorkingDay), meeting),
      AlmatyEnd(2025, 5, 12));  // past the weekend of 10-11 May
}

TEST(AgendaDueTest, ThreeCalendarDaysBeforeTheStart) {
  EXPECT_EQ(AgendaDue(Kz(), Almaty(2025, 6, 26, 15, 0)), Almaty(2025, 6, 23, 15, 0));
  // Wednesday 25 March 2025 - 3 days = Sunday 22 March, inside Nauryz
  // (21-23 March): back to Thursday 20 March.
  EXPECT_EQ(AgendaDue(Kz(), Almaty(2025, 3, 25, 10, 0)), Almaty(2025, 3, 20, 10, 0));
}

TEST(ProtocolDueTest, FiveWorkingDaysAfterTheMeetingAcrossNauryz) {
  // Tuesday 18 March 2025: 19, 20, 24, 25, 26 March (21-23 are holidays and
  // a weekend); a bare weekend calendar would give the 25th.
  EXPECT_EQ(ProtocolDue(Kz(), Almaty(2025, 3, 18, 16, 0)), AlmatyEnd(2025, 3, 26));
  EXPECT_EQ(Kz().ForwardCalculator().WorkingDaysBetween(Almaty(2025, 3, 18, 16, 0),
                                                        AlmatyEnd(2025, 3, 26)),
            5);
}

TEST(ProtocolSendDueTest, TwoWorkingDaysAfterSigning) {
  // Signed Thursday 8 May 2025: Friday 9 May is Victory Day, so 12 and 13 May.
  EXPECT_EQ(ProtocolSendDue(Kz(), Almaty(2025, 5, 8, 11, 0)), AlmatyEnd(2025, 5, 13));
  EXPECT_EQ(ProtocolSendDue(Kz(), Almaty(2025, 6, 2, 11, 0)), AlmatyEnd(2025, 6, 4));
}

TEST(ReworkDueTest, ThreeCalendarDaysMovedPastTheHolidays) {
  EXPECT_EQ(ReworkDue(Kz(), Almaty(2025, 6, 2, 14, 0)), AlmatyEnd(2025, 6, 5));
  // Returned Wednesday 19 March 2025: the 22nd is a Saturday in Nauryz, the
  // next working day is Monday the 24th.
  EXPECT_EQ(ReworkDue(Kz(), Almaty(2025, 3, 19, 14, 0)), AlmatyEnd(2025, 3, 24));
  EXPECT_EQ(ReworkDue(KzWith(NonWorkingDayRule::kKeep, NonWorkingDayRule::kKeep),
                      Almaty(2025, 3, 19, 14, 0)),
            AlmatyEnd(2025, 3, 22));
}

TEST(CoexecutorMaterialsDueTest, FiveCalendarDaysBeforeTheMeasuresDeadline) {
  // Friday 20 June 2025 18:00 - 5 days = Sunday 15 June: back to Friday 13th.
  EXPECT_EQ(CoexecutorMaterialsDue(Kz(), Almaty(2025, 6, 20, 18, 0)), Almaty(2025, 6, 13, 18, 0));
  // The end of Monday 12 May - 5 days = Wednesday 7 May, Defender's Day.
  EXPECT_EQ(CoexecutorMaterialsDue(Kz(), AlmatyEnd(2025, 5, 12)), AlmatyEnd(2025, 5, 6));
}

TEST(MeetingDeadlinesTest, UkraineHasNone) {
  const absl::Time t = Kyiv(2025, 6, 2, 10, 0);
  EXPECT_EQ(MaterialsDue(Ua(), t), std::nullopt);
  EXPECT_EQ(AgendaDue(Ua(), t), std::nullopt);
  EXPECT_EQ(ProtocolDue(Ua(), t), std::nullopt);
  EXPECT_EQ(ProtocolSendDue(Ua(), t), std::nullopt);
  EXPECT_EQ(ReworkDue(Ua(), t), std::nullopt);
  EXPECT_EQ(CoexecutorMaterialsDue(Ua(), t), std::nullopt);
  EXPECT_TRUE(CheckMaterialsLength(Ua(), 100).ok());
}

TEST(MaterialsLengthTest, EightPagesAtMost) {
  EXPECT_TRUE(CheckMaterialsLength(Kz(), 8).ok());
  const absl::Status too_long = CheckMaterialsLength(Kz(), 9);
  EXPECT_EQ(too_long.code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(ViolationsFromStatus(too_long).size(), 1u);
  EXPECT_EQ(ViolationsFromStatus(too_long)[0].field, "pages");
  EXPECT_THAT(too_long.message(), HasSubstr("9 pages exceed materials_max_pages (8)"));
  EXPECT_EQ(CheckMaterialsLength(Kz(), 0).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::coordination_rules
