#include "opsreport/routing_rules/visibility.h"

#include "gtest/gtest.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::routing_rules {
namespace {

class VisibilityTest : public ::testing::Test {
 protected:
  const org::OrgDirectory& org_ = fixtures::SampleRuleData().org;
  const catalogue::Catalogue& catalogue_ = fixtures::SampleRuleData().catalogue;
};

TEST_F(VisibilityTest, UnitSeesItselfAndItsSubtree) {
  EXPECT_TRUE(MaySee(org_, "1001", "1001"));
  EXPECT_TRUE(MaySee(org_, "1000", "1001"));
  EXPECT_TRUE(MaySee(org_, "1000", "1000"));
  EXPECT_TRUE(MaySee(org_, "0900", "0911"));
  EXPECT_TRUE(MaySee(org_, "0910", "0912"));
}

TEST_F(VisibilityTest, UnitDoesNotSeeUpOrSideways) {
  EXPECT_FALSE(MaySee(org_, "1001", "1000"));
  EXPECT_FALSE(MaySee(org_, "1001", "1002"));
  EXPECT_FALSE(MaySee(org_, "1000", "1401"));
  EXPECT_FALSE(MaySee(org_, "1400", "0911"));  // stationed there, but not its subtree
  EXPECT_FALSE(MaySee(org_, "0002", "0050"));  // a Ministry department is not the Ministry
  EXPECT_FALSE(MaySee(org_, "0911", "0910"));
}

TEST_F(VisibilityTest, MinistrySeesAll) {
  for (const v1::Unit& u : org_.units()) EXPECT_TRUE(MaySee(org_, "0001", u.code())) << u.code();
}

TEST_F(VisibilityTest, UnknownUnitsSeeAndAreSeenByNobody) {
  EXPECT_FALSE(MaySee(org_, "9999", "1001"));
  EXPECT_FALSE(MaySee(org_, "0001", "9999"));
  EXPECT_FALSE(MaySee(org_, "", "1001"));
  EXPECT_FALSE(MaySee(org_, "1001", ""));
}

TEST_F(VisibilityTest, RecipientsOfARouteSeeTheRoutedDocument) {
  Route r = *PlanRoute(org_, *catalogue_.FindByNumber("1"), "0050", {"2600"});
  EXPECT_TRUE(MaySeeRouted(org_, "0050", r));  // origin
  EXPECT_TRUE(MaySeeRouted(org_, "0001", r));  // chain
  EXPECT_TRUE(MaySeeRouted(org_, "0002", r));  // HR copy (§4.2)
  EXPECT_TRUE(MaySeeRouted(org_, "2600", r));  // named copy
  EXPECT_TRUE(MaySeeRouted(org_, "1400", r));  // notice of the region of location
  EXPECT_FALSE(MaySeeRouted(org_, "1000", r));
  EXPECT_FALSE(MaySeeRouted(org_, "1401", r));
  EXPECT_FALSE(MaySeeRouted(org_, "9999", r));

  Route troops = *PlanRoute(org_, *catalogue_.FindByNumber("22"), "0911", {});
  EXPECT_TRUE(MaySeeRouted(org_, "0910", troops));
  EXPECT_TRUE(MaySeeRouted(org_, "1400", troops));
  EXPECT_FALSE(MaySeeRouted(org_, "0912", troops));
  EXPECT_FALSE(MaySeeRouted(org_, "1000", troops));
}

TEST_F(VisibilityTest, OnlyTheInboxOwnUnitActsOnIt) {
  EXPECT_TRUE(MayActOnInbox("1000", "1000"));
  EXPECT_FALSE(MayActOnInbox("1001", "1000"));
  EXPECT_FALSE(MayActOnInbox("1000", "1001"));  // not even the level above
  EXPECT_FALSE(MayActOnInbox("0001", "1000"));  // not even the Ministry
  EXPECT_FALSE(MayActOnInbox("", ""));
}

}  // namespace
}  // namespace opsreport::routing_rules
