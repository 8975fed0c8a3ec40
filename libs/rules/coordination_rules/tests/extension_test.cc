#include "opsreport/coordination_rules/extension.h"

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
using test_support::Kyiv;
using test_support::KyivEnd;
using test_support::Kz;
using test_support::Ua;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Roster kRoster = {"chair", {"police", "sbu"}};

// A measure due by the end of Friday 9 May 2025. Counting back from it, the
// working days are 9, 7, 6, 5 and 2 May (1 and 8 May are holidays), so the
// fifth is 2 May and the chair may extend until the end of 1 May.
const absl::Time kDeadline = KyivEnd(2025, 5, 9);
const absl::Time kNewDeadline = KyivEnd(2025, 6, 9);

ExtensionRequest Request(absl::Time granted_at, std::string granted_by = "chair",
                         std::string proposed_by = "police") {
  return {std::move(granted_by), std::move(proposed_by), granted_at, kDeadline, kNewDeadline};
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : ViolationsFromStatus(status)) fields.push_back(v.field);
  return fields;
}

TEST(ExtensionTest, FiveWorkingDaysBeforeIsAcceptedFourIsRefused) {
  const calendar::DeadlineCalculator calc = Ua().ForwardCalculator();
  const absl::Time five = Kyiv(2025, 4, 30, 10, 0);  // Wednesday
  const absl::Time four = Kyiv(2025, 5, 2, 10, 0);   // Friday
  ASSERT_EQ(calc.WorkingDaysBetween(five, kDeadline), 5);
  ASSERT_EQ(calc.WorkingDaysBetween(four, kDeadline), 4);
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, Request(five)).ok());
  const absl::Status refused = CheckExtension(Ua(), kRoster, Request(four));
  EXPECT_EQ(refused.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("too late to extend"));
  EXPECT_THAT(refused.message(), HasSubstr("5wd (extension_min_lead)"));
  EXPECT_THAT(refused.message(), HasSubstr("with only 4 working day(s) left"));
}

TEST(ExtensionTest, CutoffIsTheEndOfTheHolidayBeforeTheFifthWorkingDay) {
  EXPECT_EQ(ExtensionCutoff(Ua(), kDeadline), KyivEnd(2025, 5, 1));
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, Request(KyivEnd(2025, 5, 1))).ok());
  EXPECT_EQ(
      CheckExtension(Ua(), kRoster, Request(KyivEnd(2025, 5, 1) + absl::Nanoseconds(1))).code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(ExtensionTest, WeekendBeforeTheDeadlineIsSkipped) {
  // Due Monday 16 June 2025 18:00: 16, 13, 12, 11, 10 June are the five
  // working days, so Monday 9 June is the last day to extend.
  ExtensionRequest r = Request(Kyiv(2025, 6, 9, 17, 0));
  r.deadline = Kyiv(2025, 6, 16, 18, 0);
  r.new_deadline = Kyiv(2025, 6, 30, 18, 0);
  EXPECT_EQ(ExtensionCutoff(Ua(), r.deadline), KyivEnd(2025, 6, 9));
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, r).ok());
  r.granted_at = Kyiv(2025, 6, 7, 12, 0);  // the Saturday before: six working days
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, r).ok());
  r.granted_at = Kyiv(2025, 6, 10, 8, 0);
  EXPECT_EQ(CheckExtension(Ua(), kRoster, r).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(ExtensionTest, AfterTheDeadlineIsRefused) {
  const absl::Status s = CheckExtension(Ua(), kRoster, Request(Kyiv(2025, 5, 12, 9, 0)));
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("which has passed"));
}

TEST(ExtensionTest, OnlyTheChairExtends) {
  const absl::Status s =
      CheckExtension(Ua(), kRoster, Request(Kyiv(2025, 4, 28, 9, 0), "police", "police"));
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("\"police\" may not extend"));
  EXPECT_THAT(s.message(), HasSubstr("only the chair \"chair\""));
}

TEST(ExtensionTest, ProposerMustBeAParticipantOrTheChair) {
  const absl::Time early = Kyiv(2025, 4, 28, 9, 0);
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, Request(early, "chair", "sbu")).ok());
  EXPECT_TRUE(CheckExtension(Ua(), kRoster, Request(early, "chair", "chair")).ok());
  const absl::Status s = CheckExtension(Ua(), kRoster, Request(early, "chair", "journalist"));
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("a proposal by \"journalist\" cannot ground an extension"));
}

TEST(ExtensionTest, NewDeadlineMustBeLater) {
  ExtensionRequest r = Request(Kyiv(2025, 4, 28, 9, 0));
  r.new_deadline = kDeadline;
  absl::Status s = CheckExtension(Ua(), kRoster, r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(s), ElementsAre("new_deadline"));
  EXPECT_THAT(s.message(), HasSubstr("is not after the current deadline"));
  r.new_deadline = kDeadline - absl::Hours(24);
  EXPECT_THAT(Fields(CheckExtension(Ua(), kRoster, r)), ElementsAre("new_deadline"));
}

TEST(ExtensionTest, MalformedInputNamesEveryFieldBeforeAnyPermissionCheck) {
  ExtensionRequest r{"", "", absl::InfiniteFuture(), absl::InfinitePast(), kNewDeadline};
  absl::Status s = CheckExtension(Ua(), {"", {"police"}}, r);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(s),
              ElementsAre("roster.chair", "granted_by", "proposed_by", "granted_at", "deadline"));
}

TEST(ExtensionTest, KazakhstanHasNoExtensionLimits) {
  EXPECT_EQ(ExtensionCutoff(Kz(), Almaty(2025, 6, 20, 18, 0)), std::nullopt);
  ExtensionRequest r{"secretary", "outsider", Almaty(2025, 6, 20, 17, 0),
                     Almaty(2025, 6, 20, 18, 0), Almaty(2025, 7, 20, 18, 0)};
  EXPECT_TRUE(CheckExtension(Kz(), {"chair", {"mvd"}}, r).ok());
  r.new_deadline = r.deadline;
  EXPECT_EQ(CheckExtension(Kz(), {"chair", {"mvd"}}, r).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::coordination_rules
