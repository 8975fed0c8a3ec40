#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/routing_rules/deadlines.h"
#include "test_util.h"

namespace opsreport::routing_rules {
namespace {

using testing::kReceived;

constexpr absl::Duration kSecond = absl::Seconds(1);

// The catalogue deadline of a murder (2h) on 1001 > 1000 > 0001.
class ChainBreachTest : public ::testing::Test {
 protected:
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  const absl::Time due_ = kReceived + absl::Hours(2);
  const Deadline deadline_{kCatalogueDeadline, "1001", due_, 0, "002 §1.2"};
  Route route_ = *PlanRoute(data_.org, *data_.catalogue.FindByNumber("1"), "1001", {});

  // Filed at due-60m, region receives at due-59m and forwards at due-30m,
  // the Ministry receives at `ministry_received`.
  std::vector<HopProgress> OnTime(std::optional<absl::Time> ministry_received) {
    return {HopProgress{due_ - absl::Minutes(60), due_ - absl::Minutes(59)},
            HopProgress{due_ - absl::Minutes(30), ministry_received}};
  }
};

TEST_F(ChainBreachTest, ReachingTheMinistryExactlyAtTheDeadlineIsOnTime) {
  EXPECT_EQ(EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), OnTime(due_),
                          due_ + absl::Hours(1)),
            std::nullopt);
  EXPECT_EQ(EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), OnTime(due_ - kSecond),
                          due_ + absl::Hours(1)),
            std::nullopt);
}

TEST_F(ChainBreachTest, MinistryTakingDeliveryLateIsTheMinistrys) {
  std::optional<Breach> b = EvaluateChain(deadline_, route_, due_ - absl::Minutes(60),
                                          OnTime(due_ + kSecond), due_ + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "0001");
  EXPECT_EQ(b->met_at, due_ + kSecond);
  EXPECT_EQ(b->late_by, kSecond);
  EXPECT_EQ(b->deadline, deadline_);
}

TEST_F(ChainBreachTest, RegionForwardingLateIsTheRegions) {
  std::vector<HopProgress> p = OnTime(due_ + absl::Minutes(11));
  p[1].sent_at = due_ + absl::Minutes(10);
  std::optional<Breach> b =
      EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), p, due_ + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1000");
  EXPECT_EQ(b->late_by, absl::Minutes(11));
}

TEST_F(ChainBreachTest, RegionNotYetForwardingIsTheRegionsOnceItPassesDue) {
  std::vector<HopProgress> p = {HopProgress{due_ - absl::Minutes(60), due_ - absl::Minutes(59)}};
  EXPECT_EQ(EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), p, due_), std::nullopt);
  std::optional<Breach> b =
      EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), p, due_ + kSecond);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1000");
  EXPECT_EQ(b->met_at, std::nullopt);
  EXPECT_EQ(b->late_by, kSecond);
}

TEST_F(ChainBreachTest, RegionNotTakingDeliveryIsTheRegions) {
  // Sent on time (by the filing itself), never received.
  std::optional<Breach> b =
      EvaluateChain(deadline_, route_, due_ - absl::Minutes(60), {}, due_ + kSecond);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1000");
}

TEST_F(ChainBreachTest, FilingLateIsTheOrigins) {
  std::optional<Breach> b =
      EvaluateChain(deadline_, route_, due_ + absl::Minutes(5), {}, due_ + absl::Minutes(6));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1001");
  b = EvaluateChain(deadline_, route_, std::nullopt, {}, due_ + kSecond);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1001");
}

TEST_F(ChainBreachTest, EmptyChainIsMetByTheFiling) {
  Route region_only = *PlanRoute(data_.org, *data_.catalogue.FindByNumber("2"), "1400", {});
  ASSERT_TRUE(region_only.chain.empty());
  Deadline d{kCatalogueDeadline, "1400", due_, 0, "002 §1.2"};
  EXPECT_EQ(EvaluateChain(d, region_only, due_, {}, due_ + absl::Hours(1)), std::nullopt);
  std::optional<Breach> b =
      EvaluateChain(d, region_only, due_ + kSecond, {}, due_ + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, "1400");
  EXPECT_EQ(b->late_by, kSecond);
}

TEST(EvaluateTest, SubSecondLatenessIsStillABreach) {
  const absl::Time due = kReceived;
  Deadline d{kHopReceipt, "1000", due, 1, "hop policy: receipt"};
  std::optional<Breach> b = Evaluate(d, due + absl::Nanoseconds(1), due + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->late_by, absl::Nanoseconds(1));
}

TEST(EvaluateTest, LateMetAtIsABreachEvenIfEvaluatedBeforeIt) {
  // A met_at after now is a caller's clock skew; the met time decides.
  const absl::Time due = kReceived;
  Deadline d{kOneHour, "1001", due, 0, "002 §2.6"};
  std::optional<Breach> b = Evaluate(d, due + absl::Minutes(3), due - absl::Minutes(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->late_by, absl::Minutes(3));
  EXPECT_EQ(Evaluate(d, due - absl::Minutes(3), due + absl::Hours(9)), std::nullopt);
}

}  // namespace
}  // namespace opsreport::routing_rules
