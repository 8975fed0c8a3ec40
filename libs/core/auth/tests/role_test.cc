#include "opsreport/auth/role.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::auth {
namespace {

using ::testing::HasSubstr;

TEST(RoleTest, EveryRoleRoundTripsThroughItsName) {
  for (Role role : {Role::kDutyOfficer, Role::kHead, Role::kActingHead, Role::kHqAnalyst,
                    Role::kChair, Role::kSecretary, Role::kService, Role::kOperator}) {
    auto parsed = ParseRole(RoleName(role));
    ASSERT_TRUE(parsed.ok()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
}

TEST(RoleTest, NamesAreStable) {
  EXPECT_EQ(RoleName(Role::kDutyOfficer), "duty_officer");
  EXPECT_EQ(RoleName(Role::kActingHead), "acting_head");
  EXPECT_EQ(RoleName(Role::kHqAnalyst), "hq_analyst");
}

TEST(RoleTest, UnknownNameListsAcceptedOnes) {
  auto parsed = ParseRole("Head");  // case matters
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("\"Head\""));
  EXPECT_THAT(std::string(parsed.status().message()), HasSubstr("duty_officer, head, acting_head"));
  EXPECT_FALSE(ParseRole("").ok());
}

}  // namespace
}  // namespace opsreport::auth
