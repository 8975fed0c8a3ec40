#include "opsreport/routing_rules/route.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::routing_rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class RouteTest : public ::testing::Test {
 protected:
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();

  const v1::CatalogueItem& Item(const std::string& number) {
    const v1::CatalogueItem* item = data_.catalogue.FindByNumber(number);
    EXPECT_NE(item, nullptr) << number;
    return *item;
  }
  // Item 1 (murder) goes to the Ministry, item 2 stops at the region.
  const v1::CatalogueItem& MinistryItem() { return Item("1"); }
  const v1::CatalogueItem& RegionItem() { return Item("2"); }

  Route Plan(const v1::CatalogueItem& item, const std::string& origin,
             const std::vector<std::string>& copies = {}) {
    absl::StatusOr<Route> r = PlanRoute(data_.org, item, origin, copies);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : Route{};
  }

  std::vector<std::string> Fields(const absl::Status& s) {
    std::vector<std::string> out;
    for (const auto& v : base::ViolationsFromStatus(s)) out.push_back(v.field);
    return out;
  }
};

TEST_F(RouteTest, SampleItemsHaveTheReachTheTestsAssume) {
  EXPECT_EQ(MinistryItem().reach(), v1::REACH_MINISTRY);
  EXPECT_EQ(RegionItem().reach(), v1::REACH_REGION);
}

TEST_F(RouteTest, DistrictClimbsRegionThenMinistry) {
  Route r = Plan(MinistryItem(), "1001");
  EXPECT_EQ(r.origin_unit, "1001");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "1001", "1000"}, Hop{2, "1000", "0001"}));
  EXPECT_THAT(r.copies, IsEmpty());
  EXPECT_THAT(r.notices, IsEmpty());
  EXPECT_EQ(r.final_unit, "0001");
  EXPECT_EQ(RouteToString(r), "1001>1000>0001 copies[] notices[]");
}

TEST_F(RouteTest, TransportDistrictClimbsItsTransportDirectorate) {
  Route r = Plan(MinistryItem(), "3502");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "3502", "3500"}, Hop{2, "3500", "0001"}));
}

TEST_F(RouteTest, RegionOnlyItemStopsAtTheRegion) {
  Route r = Plan(RegionItem(), "1402");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "1402", "1400"}));
  EXPECT_EQ(r.final_unit, "1400");
}

TEST_F(RouteTest, InstitutionGoesStraightToMinistryWithHrCopyAndRegionNotice) {
  Route r = Plan(MinistryItem(), "0050");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "0050", "0001"}));
  EXPECT_THAT(r.copies, ElementsAre("0002"));
  EXPECT_THAT(r.notices, ElementsAre("1400"));
  EXPECT_EQ(r.final_unit, "0001");
}

TEST_F(RouteTest, InstitutionRegionOnlyItemGoesToTheRegionOfLocation) {
  Route r = Plan(RegionItem(), "0050");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "0050", "1400"}));
  EXPECT_THAT(r.copies, ElementsAre("0002"));
  // The region is on the chain, so no separate notice.
  EXPECT_THAT(r.notices, IsEmpty());
  EXPECT_EQ(r.final_unit, "1400");
}

TEST_F(RouteTest, MilitaryUnitClimbsThroughCommandAndGuvvAndInformsItsRegion) {
  Route r = Plan(Item("22"), "0911");
  EXPECT_THAT(r.chain,
              ElementsAre(Hop{1, "0911", "0910"}, Hop{2, "0910", "0900"}, Hop{3, "0900", "0001"}));
  EXPECT_THAT(r.copies, IsEmpty());
  EXPECT_THAT(r.notices, ElementsAre("1400"));
  EXPECT_EQ(r.final_unit, "0001");

  // Stationed in Kyiv: the Kyiv directorate is informed.
  EXPECT_THAT(Plan(Item("22"), "0912").notices, ElementsAre("1000"));
}

TEST_F(RouteTest, MilitaryUnitRegionOnlyItemStopsAtGuvv) {
  Route r = Plan(RegionItem(), "0911");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "0911", "0910"}, Hop{2, "0910", "0900"}));
  EXPECT_EQ(r.final_unit, "0900");
  EXPECT_THAT(r.notices, ElementsAre("1400"));
}

TEST_F(RouteTest, TerritorialCommandInformsTheRegionItIsStationedIn) {
  // 0910 gives no inform_region; its region (1400) is where it is stationed.
  Route r = Plan(MinistryItem(), "0910");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "0910", "0900"}, Hop{2, "0900", "0001"}));
  EXPECT_THAT(r.notices, ElementsAre("1400"));
}

TEST_F(RouteTest, GuvvFilingItselfGoesToMinistry) {
  Route r = Plan(MinistryItem(), "0900");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "0900", "0001"}));
  EXPECT_THAT(r.notices, IsEmpty());
  Route region_only = Plan(RegionItem(), "0900");
  EXPECT_THAT(region_only.chain, IsEmpty());
  EXPECT_EQ(region_only.final_unit, "0900");
}

TEST_F(RouteTest, RegionFilingItself) {
  Route r = Plan(MinistryItem(), "1400");
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "1400", "0001"}));
  EXPECT_EQ(r.final_unit, "0001");

  Route region_only = Plan(RegionItem(), "1400");
  EXPECT_THAT(region_only.chain, IsEmpty());
  EXPECT_EQ(region_only.final_unit, "1400");
  EXPECT_THAT(region_only.copies, IsEmpty());
  EXPECT_THAT(region_only.notices, IsEmpty());
  EXPECT_EQ(RouteToString(region_only), "1400 copies[] notices[]");
}

TEST_F(RouteTest, NamedCopiesAreDeduplicatedAndSkipTheChain) {
  Route r = Plan(MinistryItem(), "1001", {"1000", "2600", "2600", "0001", "1001", "0002", "1400"});
  EXPECT_THAT(r.copies, ElementsAre("2600", "0002", "1400"));
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "1001", "1000"}, Hop{2, "1000", "0001"}));
}

TEST_F(RouteTest, RegionOnlyItemMayCopyTheMinistry) {
  Route r = Plan(RegionItem(), "1001", {"1000", "0001"});
  EXPECT_THAT(r.chain, ElementsAre(Hop{1, "1001", "1000"}));
  EXPECT_THAT(r.copies, ElementsAre("0001"));
}

TEST_F(RouteTest, DataCopyComesFirstAndOnlyOnce) {
  Route r = Plan(MinistryItem(), "0050", {"0001", "2600", "0002"});
  EXPECT_THAT(r.copies, ElementsAre("0002", "2600"));
}

TEST_F(RouteTest, NamedCopyOfTheNoticedRegionReplacesTheNotice) {
  Route r = Plan(Item("22"), "0911", {"0910", "1400"});
  EXPECT_THAT(r.copies, ElementsAre("1400"));
  EXPECT_THAT(r.notices, IsEmpty());
}

TEST_F(RouteTest, UnknownOriginIsNamed) {
  absl::StatusOr<Route> r = PlanRoute(data_.org, MinistryItem(), "9999", {});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("origin_unit: unknown unit 9999"));

  r = PlanRoute(data_.org, MinistryItem(), "", {});
  EXPECT_THAT(r.status().message(), HasSubstr("origin_unit: must not be empty"));
}

TEST_F(RouteTest, KindsThatCannotOriginate) {
  absl::StatusOr<Route> r = PlanRoute(data_.org, MinistryItem(), "0001", {});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("0001 is the Ministry duty unit"));

  r = PlanRoute(data_.org, MinistryItem(), "0002", {});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("0002 is a Ministry department"));
}

TEST_F(RouteTest, EveryFaultIsNamedAtOnce) {
  v1::CatalogueItem item = MinistryItem();
  item.set_reach(v1::REACH_UNSPECIFIED);
  absl::StatusOr<Route> r = PlanRoute(data_.org, item, "9999", {"1000", "", "7777"});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(r.status()),
              ElementsAre("origin_unit", "item.reach", "named_copies[1]", "named_copies[2]"));
  EXPECT_THAT(r.status().message(), HasSubstr("named_copies[2]: unknown unit 7777"));
  EXPECT_THAT(r.status().message(), HasSubstr("REACH_UNSPECIFIED"));
}

TEST_F(RouteTest, BadCopyOfAValidOriginIsRejected) {
  absl::StatusOr<Route> r = PlanRoute(data_.org, MinistryItem(), "1001", {"12345"});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(r.status()), ElementsAre("named_copies[0]"));
}

}  // namespace
}  // namespace opsreport::routing_rules
