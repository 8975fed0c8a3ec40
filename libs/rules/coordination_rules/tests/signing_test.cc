#include "opsreport/coordination_rules/signing.h"

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
using ::testing::IsEmpty;

const Roster kRoster = {"prosecutor", {"police", "sbu", "customs"}};

// Monday 28 April 2025, 10:00 Kyiv. Seven working days from the meeting's
// day skip Thursday 1 May and Thursday 8 May (public holidays), ending with
// Friday 9 May; on a bare Saturday/Sunday calendar they would end on 7 May.
const absl::Time kHeld = Kyiv(2025, 4, 28, 10, 0);
const absl::Time kDue = KyivEnd(2025, 5, 9);

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : ViolationsFromStatus(status)) fields.push_back(v.field);
  return fields;
}

SigningState Evaluate(const RuleSet& rules, const Roster& roster,
                      const std::vector<Signature>& signatures, absl::Time now,
                      absl::Time held = kHeld) {
  absl::StatusOr<SigningState> state = EvaluateSigning(rules, roster, held, signatures, now);
  EXPECT_TRUE(state.ok()) << state.status();
  return state.ok() ? *state : SigningState{};
}

TEST(SigningTest, UkraineWindowIsSevenWorkingDaysAcrossHolidays) {
  EXPECT_EQ(SigningDue(Ua(), kHeld), kDue);
  // The hour of the meeting does not matter: the window counts whole days.
  EXPECT_EQ(SigningDue(Ua(), Kyiv(2025, 4, 28, 0, 0)), kDue);
  EXPECT_EQ(SigningDue(Ua(), Kyiv(2025, 4, 28, 23, 59)), kDue);
  EXPECT_EQ(Ua().ForwardCalculator().WorkingDaysBetween(kHeld, kDue), 7);
}

TEST(SigningTest, AgreedWhenChairAndEveryParticipantSigned) {
  const SigningState state = Evaluate(Ua(), kRoster,
                                      {{"sbu", Kyiv(2025, 4, 29, 9, 0)},
                                       {"prosecutor", Kyiv(2025, 4, 28, 17, 0)},
                                       {"customs", Kyiv(2025, 5, 6, 12, 30)},
                                       {"police", Kyiv(2025, 5, 2, 11, 0)}},
                                      Kyiv(2025, 5, 20, 0, 0));
  EXPECT_EQ(state, (SigningState{.agreed = true,
                                 .agreed_at = Kyiv(2025, 5, 6, 12, 30),
                                 .missing = {},
                                 .due = kDue,
                                 .overdue = false,
                                 .late = false}));
}

TEST(SigningTest, MissingSignatoriesListedChairFirstThenRosterOrder) {
  const SigningState state =
      Evaluate(Ua(), kRoster, {{"sbu", Kyiv(2025, 4, 29, 9, 0)}}, Kyiv(2025, 5, 5, 9, 0));
  EXPECT_FALSE(state.agreed);
  EXPECT_EQ(state.agreed_at, std::nullopt);
  EXPECT_THAT(state.missing, ElementsAre("prosecutor", "police", "customs"));
  EXPECT_FALSE(state.overdue);
}

TEST(SigningTest, OverdueOnlyAfterTheWindowsLastInstant) {
  const std::vector<Signature> partial = {{"prosecutor", Kyiv(2025, 4, 28, 17, 0)}};
  EXPECT_FALSE(Evaluate(Ua(), kRoster, partial, kDue).overdue);
  const SigningState late = Evaluate(Ua(), kRoster, partial, kDue + absl::Seconds(1));
  EXPECT_TRUE(late.overdue);
  EXPECT_THAT(late.missing, ElementsAre("police", "sbu", "customs"));
}

TEST(SigningTest, LastSignatureAtDueIsOnTimeOneSecondLaterIsLate) {
  const auto signed_at = [](absl::Time last) {
    return std::vector<Signature>{{"prosecutor", Kyiv(2025, 4, 28, 17, 0)},
                                  {"police", Kyiv(2025, 4, 29, 9, 0)},
                                  {"sbu", Kyiv(2025, 4, 29, 9, 0)},
                                  {"customs", last}};
  };
  const absl::Time now = Kyiv(2025, 5, 30, 0, 0);
  const SigningState on_time = Evaluate(Ua(), kRoster, signed_at(kDue), now);
  EXPECT_TRUE(on_time.agreed);
  EXPECT_FALSE(on_time.late);
  EXPECT_FALSE(on_time.overdue);
  const SigningState late = Evaluate(Ua(), kRoster, signed_at(kDue + absl::Seconds(1)), now);
  EXPECT_TRUE(late.agreed);
  EXPECT_EQ(late.agreed_at, kDue + absl::Seconds(1));
  EXPECT_TRUE(late.late);
  EXPECT_FALSE(late.overdue);  // agreed: nothing is awaited any more
}

TEST(SigningTest, EarliestSignatureOfASignerCountsAndChairListedTwiceSignsOnce) {
  const Roster roster = {"prosecutor", {"prosecutor", "police"}};
  const SigningState state = Evaluate(Ua(), roster,
                                      {{"police", Kyiv(2025, 5, 12, 9, 0)},
                                       {"prosecutor", Kyiv(2025, 4, 28, 18, 0)},
                                       {"police", Kyiv(2025, 4, 30, 9, 0)}},
                                      Kyiv(2025, 5, 13, 0, 0));
  EXPECT_TRUE(state.agreed);
  EXPECT_EQ(state.agreed_at, Kyiv(2025, 4, 30, 9, 0));
  EXPECT_FALSE(state.late);
}

TEST(SigningTest, EveryBadFieldNamedAtOnce) {
  const Roster roster = {"", {"police", "", "police"}};
  absl::StatusOr<SigningState> state = EvaluateSigning(Ua(), roster, kHeld,
                                                       {{"", Kyiv(2025, 4, 29, 9, 0)},
                                                        {"stranger", Kyiv(2025, 4, 27, 9, 0)},
                                                        {"police", Kyiv(2025, 6, 1, 9, 0)},
                                                        {"police", absl::InfiniteFuture()}},
                                                       Kyiv(2025, 5, 5, 0, 0));
  ASSERT_EQ(state.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(state.status()),
              ElementsAre("roster.chair", "roster.participants[1]", "roster.participants[2]",
                          "signatures[0].signer", "signatures[1].signer", "signatures[1].signed_at",
                          "signatures[2].signed_at", "signatures[3].signed_at"));
}

TEST(SigningTest, UkraineNeedsParticipants) {
  absl::StatusOr<SigningState> state =
      EvaluateSigning(Ua(), {"prosecutor", {"prosecutor"}}, kHeld, {}, kHeld);
  EXPECT_THAT(Fields(state.status()), ElementsAre("roster.participants"));
}

TEST(SigningTest, KazakhstanProtocolIsSignedByTheChairAloneWithoutWindow) {
  const Roster roster = {"prosecutor_general", {"knb", "mvd"}};
  const absl::Time held = Almaty(2025, 3, 18, 16, 0);
  EXPECT_EQ(SigningDue(Kz(), held), std::nullopt);
  const absl::Time years_later = Almaty(2027, 1, 1, 0, 0);
  const SigningState waiting = Evaluate(Kz(), roster, {{"knb", held}}, years_later, held);
  EXPECT_THAT(waiting.missing, ElementsAre("prosecutor_general"));
  EXPECT_FALSE(waiting.overdue);
  const SigningState done = Evaluate(
      Kz(), roster, {{"prosecutor_general", Almaty(2025, 3, 25, 11, 0)}}, years_later, held);
  EXPECT_TRUE(done.agreed);
  EXPECT_THAT(done.missing, IsEmpty());
  EXPECT_EQ(done.agreed_at, Almaty(2025, 3, 25, 11, 0));
  EXPECT_EQ(done.due, std::nullopt);
}

}  // namespace
}  // namespace opsreport::coordination_rules
