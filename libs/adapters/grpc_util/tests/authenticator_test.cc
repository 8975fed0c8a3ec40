// The decision shared by the port's gate and the interceptor.
#include "authenticator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::grpc_util::internal {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1700000000);

class AuthenticatorTest : public ::testing::Test {
 protected:
  AuthenticatorTest()
      : signer_(std::make_shared<auth::CredentialSigner>(
            *auth::CredentialSigner::Create(std::string(32, 's')))),
        clock_(kNow),
        authenticator_(signer_, &clock_, {"/opsreport.v1.Intake/Ping", "/opsreport.v1.Public/"}) {}

  std::string Token(absl::Duration valid_for) {
    return signer_->Sign({.unit_code = "0512",
                          .officer = "Петренко Олена",
                          .role = auth::Role::kHead,
                          .expires_at = kNow + valid_for});
  }

  std::shared_ptr<auth::CredentialSigner> signer_;
  base::FakeClock clock_;
  Authenticator authenticator_;
};

TEST_F(AuthenticatorTest, HealthAndReflectionAreAlwaysPublic) {
  EXPECT_TRUE(authenticator_.IsPublic("/grpc.health.v1.Health/Check"));
  EXPECT_TRUE(authenticator_.IsPublic("/grpc.health.v1.Health/Watch"));
  EXPECT_TRUE(
      authenticator_.IsPublic("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"));
  EXPECT_TRUE(authenticator_.IsPublic("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"));
  EXPECT_FALSE(authenticator_.IsPublic("/grpc.health.v1.HealthX/Check"));
  EXPECT_FALSE(authenticator_.IsPublic("/grpc.health.v1.Health"));
}

TEST_F(AuthenticatorTest, ConfiguredMethodsAndServices) {
  EXPECT_TRUE(authenticator_.IsPublic("/opsreport.v1.Intake/Ping"));
  EXPECT_FALSE(authenticator_.IsPublic("/opsreport.v1.Intake/PingAll"));
  EXPECT_FALSE(authenticator_.IsPublic("/opsreport.v1.Intake/SubmitSpecialReport"));
  EXPECT_TRUE(authenticator_.IsPublic("/opsreport.v1.Public/Anything"));
  EXPECT_FALSE(authenticator_.IsPublic("/opsreport.v1.PublicX/Anything"));
  EXPECT_FALSE(authenticator_.IsPublic(""));
}

TEST_F(AuthenticatorTest, ExactlyOneValidCredential) {
  auto none = authenticator_.Authenticate({});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(none.status().message()), HasSubstr("x-opsreport-credential"));

  std::string token = Token(absl::Hours(1));
  auto two = authenticator_.Authenticate({token, token});
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(two.status().message()), HasSubstr("2 credentials"));

  auto one = authenticator_.Authenticate({token});
  ASSERT_TRUE(one.ok()) << one.status();
  EXPECT_EQ(one->officer, "Петренко Олена");
}

TEST_F(AuthenticatorTest, UsesTheInjectedClock) {
  std::string token = Token(absl::Minutes(5));
  EXPECT_TRUE(authenticator_.Authenticate({token}).ok());
  clock_.Advance(absl::Minutes(5));
  auto expired = authenticator_.Authenticate({token});
  ASSERT_FALSE(expired.ok());
  EXPECT_THAT(std::string(expired.status().message()), HasSubstr("expired at"));
}

}  // namespace
}  // namespace opsreport::grpc_util::internal
