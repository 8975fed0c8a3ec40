// The deadline policy declares its own configuration keys: the names,
// defaults and checks every service and tool reading a policy shares.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/config/config.h"
#include "opsreport/routing_rules/deadlines.h"

namespace opsreport::routing_rules {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

config::RawConfig Raw(const std::map<std::string, std::string>& values) {
  config::RawConfig raw;
  for (const auto& [key, value] : values) raw[key] = {value, "--" + key};
  return raw;
}

TEST(PolicyKeysTest, EveryKeyIsAppliedIntoThePolicy) {
  DeadlinePolicy policy;
  config::Schema schema;
  DeclarePolicyKeys(schema, policy);
  ASSERT_TRUE(schema
                  .Apply(Raw({{"hop_receipt", "30s"},
                              {"hop_acknowledgement", "5m"},
                              {"one_hour", "45m"},
                              {"ongoing_update_interval", "2h"},
                              {"fire_supplement_days", "7"},
                              {"erdr_supplement", "12h"}}))
                  .ok());
  EXPECT_EQ(policy.hop.receipt, absl::Seconds(30));
  EXPECT_EQ(policy.hop.acknowledgement, absl::Minutes(5));
  EXPECT_EQ(policy.one_hour, absl::Minutes(45));
  EXPECT_EQ(policy.ongoing_update_interval, absl::Hours(2));
  EXPECT_EQ(policy.fire_supplement_days, 7);
  EXPECT_EQ(policy.erdr_supplement, absl::Hours(12));
}

TEST(PolicyKeysTest, UnsetKeysKeepTheStructsDefaultsWhichTheHelpShows) {
  DeadlinePolicy policy;
  config::Schema schema;
  DeclarePolicyKeys(schema, policy);
  ASSERT_TRUE(schema.Apply({}).ok());
  const DeadlinePolicy defaults;
  EXPECT_EQ(policy.hop.receipt, defaults.hop.receipt);
  EXPECT_EQ(policy.hop.acknowledgement, defaults.hop.acknowledgement);
  EXPECT_EQ(policy.fire_supplement_days, defaults.fire_supplement_days);
  EXPECT_EQ(policy.erdr_supplement, defaults.erdr_supplement);
  EXPECT_THAT(schema.Help(),
              AllOf(HasSubstr("--hop_receipt=2m"), HasSubstr("--hop_acknowledgement=10m"),
                    HasSubstr("--one_hour=1h"), HasSubstr("--ongoing_update_interval=1h"),
                    HasSubstr("--fire_supplement_days=10"), HasSubstr("--erdr_supplement=24h"),
                    HasSubstr("002 §8.3")));
}

TEST(PolicyKeysTest, ABadPolicyIsReportedWithTheOtherFaults) {
  DeadlinePolicy policy;
  config::Schema schema;
  DeclarePolicyKeys(schema, policy);
  absl::Status s = schema.Apply(Raw({{"hop_receipt", "20m"},
                                     {"hop_acknowledgement", "10m"},
                                     {"fire_supplement_days", "0"},
                                     {"erdr_supplemnt", "1h"}}));
  ASSERT_TRUE(absl::IsInvalidArgument(s));
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("policy: "), HasSubstr("policy.hop.acknowledgement"),
                    HasSubstr("fire_supplement_days"), HasSubstr("unknown key 'erdr_supplemnt'")));
}

}  // namespace
}  // namespace opsreport::routing_rules
