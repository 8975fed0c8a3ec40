#include "opsreport/coordination_rules/council.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "test_util.h"

namespace opsreport::coordination_rules {
namespace {

using ::opsreport::base::ViolationsFromStatus;
using test_support::Kz;
using test_support::Ua;
using ::testing::ElementsAre;

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : ViolationsFromStatus(status)) fields.push_back(v.field);
  return fields;
}

bool Quorate(const RuleSet& rules, int64_t present, int64_t permanent) {
  absl::StatusOr<bool> q = HasQuorum(rules, present, permanent);
  EXPECT_TRUE(q.ok()) << q.status();
  return q.ok() && *q;
}

bool Adopted(const RuleSet& rules, int64_t votes_for, int64_t against, Ballot presiding) {
  absl::StatusOr<bool> a = IsAdopted(rules, {votes_for, against, presiding});
  EXPECT_TRUE(a.ok()) << a.status();
  return a.ok() && *a;
}

TEST(QuorumTest, TwoThirdsOfPermanentMembersRoundedUp) {
  // The council of 003 §7 has six permanent members.
  EXPECT_EQ(QuorumSize(Kz(), 6).value(), 4);
  EXPECT_TRUE(Quorate(Kz(), 4, 6));
  EXPECT_FALSE(Quorate(Kz(), 3, 6));
  EXPECT_EQ(QuorumSize(Kz(), 7).value(), 5);  // 4.67 people is not enough
  EXPECT_FALSE(Quorate(Kz(), 4, 7));
  EXPECT_EQ(QuorumSize(Kz(), 9).value(), 6);
  EXPECT_EQ(QuorumSize(Kz(), 1).value(), 1);
  EXPECT_TRUE(Quorate(Kz(), 6, 6));
}

TEST(QuorumTest, UkraineHasNoQuorum) {
  EXPECT_EQ(QuorumSize(Ua(), 6).value(), 0);
  EXPECT_TRUE(Quorate(Ua(), 0, 6));
}

TEST(QuorumTest, BadCountsNamed) {
  EXPECT_THAT(Fields(HasQuorum(Kz(), 7, 6).status()), ElementsAre("present_permanent"));
  EXPECT_THAT(Fields(HasQuorum(Kz(), -1, 0).status()),
              ElementsAre("permanent_members", "present_permanent"));
  EXPECT_THAT(Fields(QuorumSize(Kz(), 0).status()), ElementsAre("permanent_members"));
}

TEST(VoteTest, SimpleMajorityOfThoseVoting) {
  EXPECT_TRUE(Adopted(Kz(), 4, 2, Ballot::kAgainst));
  EXPECT_FALSE(Adopted(Kz(), 2, 4, Ballot::kFor));
  EXPECT_TRUE(Adopted(Kz(), 1, 0, Ballot::kAbstain));  // abstentions do not count
}

TEST(VoteTest, TieGoesThePresidingMembersWay) {
  EXPECT_TRUE(Adopted(Kz(), 3, 3, Ballot::kFor));
  EXPECT_FALSE(Adopted(Kz(), 3, 3, Ballot::kAgainst));
  EXPECT_FALSE(Adopted(Kz(), 3, 3, Ballot::kAbstain));
  EXPECT_FALSE(Adopted(Kz(), 0, 0, Ballot::kAbstain));
}

TEST(VoteTest, WithoutTieBreakATieFails) {
  RuleSet rules = Kz();
  rules.tie_break = std::nullopt;
  EXPECT_FALSE(Adopted(rules, 3, 3, Ballot::kFor));
  EXPECT_TRUE(Adopted(rules, 4, 3, Ballot::kFor));
}

TEST(VoteTest, UkraineDoesNotVote) {
  EXPECT_EQ(IsAdopted(Ua(), {3, 1, Ballot::kFor}).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST(VoteTest, BadTallyNamed) {
  EXPECT_THAT(Fields(IsAdopted(Kz(), {0, 2, Ballot::kFor}).status()), ElementsAre("votes_for"));
  EXPECT_THAT(Fields(IsAdopted(Kz(), {2, 0, Ballot::kAgainst}).status()),
              ElementsAre("votes_against"));
  EXPECT_THAT(Fields(IsAdopted(Kz(), {-1, -1, Ballot::kAbstain}).status()),
              ElementsAre("votes_for", "votes_against"));
}

}  // namespace
}  // namespace opsreport::coordination_rules
