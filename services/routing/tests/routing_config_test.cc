// The shipped production configuration loads; unknown keys and bad deadline
// policies refuse the start, every fault named.
#include "routing_config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::routing {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<RoutingConfig> Load(std::vector<std::string> args) {
  args.insert(args.begin(), "opsreport-routing");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return LoadRoutingConfig(static_cast<int>(argv.size()), argv.data());
}

TEST(RoutingConfigTest, ShippedProductionConfigLoads) {
  absl::StatusOr<RoutingConfig> c = Load({"--config=deploy/routing.conf"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->listen, "0.0.0.0:50052");
  EXPECT_EQ(c->Policy().hop.acknowledgement, absl::Minutes(10));
  EXPECT_EQ(c->hop_lease, absl::Seconds(10));
}

TEST(RoutingConfigTest, FlagsOverrideAndFeedThePolicy) {
  absl::StatusOr<RoutingConfig> c =
      Load({"--kafka=k:9092", "--credential_key_file=/k", "--hop_receipt=30s",
            "--erdr_supplement=12h", "--fire_supplement_days=7"});
  ASSERT_TRUE(c.ok()) << c.status();
  routing_rules::DeadlinePolicy p = c->Policy();
  EXPECT_EQ(p.hop.receipt, absl::Seconds(30));
  EXPECT_EQ(p.erdr_supplement, absl::Hours(12));
  EXPECT_EQ(p.fire_supplement_days, 7);
}

TEST(RoutingConfigTest, ReconciliationTopicsDefaultAndOverride) {
  absl::StatusOr<RoutingConfig> c = Load({"--kafka=k:9092", "--credential_key_file=/k"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->reconciliation_requests_topic, "opsreport.reconciliation.requests");
  EXPECT_EQ(c->reconciliation_receipts_topic, "opsreport.reconciliation.receipts");
  c = Load({"--kafka=k:9092", "--credential_key_file=/k", "--reconciliation_requests_topic=rq",
            "--reconciliation_receipts_topic=rc"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->reconciliation_requests_topic, "rq");
  EXPECT_EQ(c->reconciliation_receipts_topic, "rc");
}

TEST(RoutingConfigTest, UnknownKeysMissingKeysAndBadPoliciesRefuseTheStart) {
  absl::StatusOr<RoutingConfig> unknown =
      Load({"--kafka=k:9092", "--credential_key_file=/k", "--hop_recipt=30s"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("hop_recipt"));
  absl::StatusOr<RoutingConfig> missing = Load({});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("kafka"));
  EXPECT_THAT(missing.status().message(), HasSubstr("credential_key_file"));
  absl::StatusOr<RoutingConfig> policy = Load({"--kafka=k:9092", "--credential_key_file=/k",
                                               "--hop_receipt=20m", "--hop_acknowledgement=10m"});
  ASSERT_FALSE(policy.ok());
  EXPECT_THAT(policy.status().message(), HasSubstr("policy.hop.acknowledgement"));
}

}  // namespace
}  // namespace opsreport::routing
