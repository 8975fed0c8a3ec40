#include "opsreport/coordination_rules/reminders.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "test_util.h"

namespace opsreport::coordination_rules {
namespace {

using ::opsreport::base::ViolationsFromStatus;
using test_support::Kyiv;
using test_support::KyivEnd;
using test_support::Ua;
using ::testing::ElementsAre;

using calendar::Deadline;
using calendar::DeadlineUnit;

const Deadline k3d{3, DeadlineUnit::kCalendarDays};
const Deadline k1d{1, DeadlineUnit::kCalendarDays};

ReminderState Next(absl::Time due, const ReminderPolicy& policy, absl::Time now,
                   bool closed = false) {
  absl::StatusOr<ReminderState> s = NextReminder(Ua(), due, policy, now, closed);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : ReminderState{};
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : ViolationsFromStatus(status)) fields.push_back(v.field);
  return fields;
}

TEST(ReminderTest, DailyFromThreeDaysBeforeAtNine) {
  const absl::Time due = KyivEnd(2025, 6, 13);  // Friday
  const ReminderPolicy policy{k3d, k1d, absl::Hours(9)};
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 1, 0, 0)),
            (ReminderState{Kyiv(2025, 6, 10, 9, 0), false}));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 10, 9, 0)).next, Kyiv(2025, 6, 10, 9, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 10, 9, 0, 1)).next, Kyiv(2025, 6, 11, 9, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 13, 23, 0)).next, Kyiv(2025, 6, 14, 9, 0));
}

TEST(ReminderTest, KeepsRemindingWhileOverdueAndStopsWhenClosed) {
  const absl::Time due = KyivEnd(2025, 6, 13);
  const ReminderPolicy policy{k3d, k1d, absl::Hours(9)};
  EXPECT_FALSE(Next(due, policy, due).overdue);
  EXPECT_EQ(Next(due, policy, due + absl::Seconds(1)),
            (ReminderState{Kyiv(2025, 6, 14, 9, 0), true}));
  // Weeks later the schedule still lands on the next 09:00.
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 7, 30, 10, 0)),
            (ReminderState{Kyiv(2025, 7, 31, 9, 0), true}));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 7, 30, 10, 0), /*closed=*/true), ReminderState{});
}

TEST(ReminderTest, WithoutTimeOfDayTheDueWallTimeIsKept) {
  const absl::Time due = Kyiv(2025, 6, 13, 18, 0);
  EXPECT_EQ(Next(due, {k3d, k1d, std::nullopt}, Kyiv(2025, 6, 11, 19, 0)).next,
            Kyiv(2025, 6, 12, 18, 0));
}

TEST(ReminderTest, WorkingDayStepsSkipWeekendsAndHolidays) {
  // Due Friday 9 May 2025 18:00; two working days before is Tuesday 6 May
  // (8 May is a holiday), then 7, 9, 12 May.
  const ReminderPolicy policy{
      {2, DeadlineUnit::kWorkingDays}, {1, DeadlineUnit::kWorkingDays}, std::nullopt};
  const absl::Time due = Kyiv(2025, 5, 9, 18, 0);
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 5, 1, 0, 0)).next, Kyiv(2025, 5, 6, 18, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 5, 7, 18, 1)).next, Kyiv(2025, 5, 9, 18, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 5, 9, 18, 1)).next, Kyiv(2025, 5, 12, 18, 0));
}

TEST(ReminderTest, HourlySteps) {
  const ReminderPolicy policy{
      {2, DeadlineUnit::kHours}, {30, DeadlineUnit::kMinutes}, std::nullopt};
  const absl::Time due = Kyiv(2025, 6, 13, 18, 0);
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 13, 16, 31)).next, Kyiv(2025, 6, 13, 17, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 13, 17, 0)).next, Kyiv(2025, 6, 13, 17, 0));
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 6, 14, 0, 10)).next, Kyiv(2025, 6, 14, 0, 30));
}

TEST(ReminderTest, DailyStepsKeepTheWallTimeAcrossDst) {
  // Kyiv moves to summer time at 03:00 on Sunday 30 March 2025.
  const absl::Time due = KyivEnd(2025, 3, 31);
  const ReminderPolicy policy{k3d, k1d, absl::Hours(9)};
  EXPECT_EQ(Next(due, policy, Kyiv(2025, 3, 29, 10, 0)).next, Kyiv(2025, 3, 30, 9, 0));
  EXPECT_EQ(Kyiv(2025, 3, 30, 9, 0) - Kyiv(2025, 3, 29, 9, 0), absl::Hours(23));
}

TEST(ReminderTest, BadPolicyNamed) {
  const absl::Time due = Kyiv(2025, 6, 13, 18, 0);
  EXPECT_THAT(
      Fields(NextReminder(Ua(), due,
                          {{2, DeadlineUnit::kHours}, {0, DeadlineUnit::kHours}, absl::Hours(9)},
                          due, false)
                 .status()),
      ElementsAre("policy.interval", "policy.time_of_day"));
  EXPECT_THAT(Fields(NextReminder(Ua(), absl::InfiniteFuture(), {k3d, k1d, absl::Hours(24)},
                                  absl::InfinitePast(), false)
                         .status()),
              ElementsAre("due", "now", "policy.time_of_day"));
}

}  // namespace
}  // namespace opsreport::coordination_rules
