#include "opsreport/auth/credential_signer.h"

#include <cstdio>
#include <fstream>
#include <string>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::auth {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const absl::Time kNow = absl::FromUnixSeconds(1700000000);  // 2023-11-14T22:13:20Z
const std::string kKey(32, 'k');

CredentialSigner MakeSigner(const std::string& key = kKey) {
  auto signer = CredentialSigner::Create(key);
  EXPECT_TRUE(signer.ok()) << signer.status();
  return *std::move(signer);
}

Principal DutyOfficer() {
  return {.unit_code = "0512",
          .officer = "Ковальчук Ґанна Євгенівна",
          .role = Role::kDutyOfficer,
          .expires_at = kNow + absl::Hours(12)};
}

void ExpectUnauthenticated(const absl::StatusOr<Principal>& result, const std::string& reason) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated) << result.status();
  EXPECT_THAT(std::string(result.status().message()), StartsWith("credential "));
  EXPECT_THAT(std::string(result.status().message()), HasSubstr(reason));
}

// Rebuilds a token with the same signature but a replaced payload.
std::string WithPayload(const std::string& token, const std::string& payload_bytes) {
  return absl::WebSafeBase64Escape(payload_bytes) + token.substr(token.find('.'));
}

TEST(CredentialSignerTest, RoundTripKeepsEveryField) {
  CredentialSigner signer = MakeSigner();
  Principal principal = DutyOfficer();
  auto verified = signer.Verify(signer.Sign(principal), kNow);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(*verified, principal);
}

TEST(CredentialSignerTest, OfficerNamesMayHoldAnyCharacter) {
  CredentialSigner signer = MakeSigner();
  const std::string odd_names[] = {
      "О'Ніл-Щербань Їжак Ґедзь",
      "a:b;c.d|e\tf\ng",
      "3:abc",  // looks like a length prefix
      std::string("nul\0byte", 8),
      "\xF0\x9F\x9A\x93 emoji",
      std::string(1000, 'x'),
  };
  for (const std::string& name : odd_names) {
    Principal principal = DutyOfficer();
    principal.officer = name;
    principal.unit_code = "c1;" + name;  // the payload version marker inside a field
    principal.role = Role::kActingHead;
    std::string token = signer.Sign(principal);
    EXPECT_EQ(token.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
              std::string::npos)
        << "token must be a valid header value";
    auto verified = signer.Verify(token, kNow);
    ASSERT_TRUE(verified.ok()) << verified.status();
    EXPECT_EQ(*verified, principal);
  }
}

TEST(CredentialSignerTest, ExpiryIsWholeSecondsRoundedDown) {
  CredentialSigner signer = MakeSigner();
  Principal principal = DutyOfficer();
  principal.expires_at = kNow + absl::Milliseconds(1999);
  auto verified = signer.Verify(signer.Sign(principal), kNow);
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->expires_at, kNow + absl::Seconds(1));
}

TEST(CredentialSignerTest, ExpiresExactlyAtExpiresAt) {
  CredentialSigner signer = MakeSigner();
  Principal principal = DutyOfficer();
  principal.expires_at = kNow;
  std::string token = signer.Sign(principal);
  EXPECT_TRUE(signer.Verify(token, kNow - absl::Nanoseconds(1)).ok());
  ExpectUnauthenticated(signer.Verify(token, kNow),
                        "expired at 2023-11-14T22:13:20Z (now 2023-11-14T22:13:20Z)");
  ExpectUnauthenticated(signer.Verify(token, kNow + absl::Hours(1)), "expired at");
}

TEST(CredentialSignerTest, TamperedPayloadIsRefused) {
  CredentialSigner signer = MakeSigner();
  std::string token = signer.Sign(DutyOfficer());
  // The caller rewrites its unit to the Ministry's, keeping the signature.
  std::string payload;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &payload));
  ASSERT_NE(payload.find("4:0512"), std::string::npos);
  payload.replace(payload.find("4:0512"), 6, "4:0001");
  ExpectUnauthenticated(signer.Verify(WithPayload(token, payload), kNow),
                        "signature does not match");
  Principal other = DutyOfficer();
  other.unit_code = "0001";
  // Swapping in the payload of another genuine token fails too.
  std::string other_token = signer.Sign(other);
  std::string spliced =
      other_token.substr(0, other_token.find('.')) + token.substr(token.find('.'));
  ExpectUnauthenticated(signer.Verify(spliced, kNow), "signature does not match");
  // One flipped character of the payload.
  std::string flipped = token;
  flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
  ExpectUnauthenticated(signer.Verify(flipped, kNow), "signature does not match");
}

TEST(CredentialSignerTest, TamperedSignatureIsRefused) {
  CredentialSigner signer = MakeSigner();
  std::string token = signer.Sign(DutyOfficer());
  std::string tampered = token;
  char& c = tampered[token.find('.') + 5];
  c = c == 'A' ? 'B' : 'A';
  ExpectUnauthenticated(signer.Verify(tampered, kNow), "signature does not match");
}

TEST(CredentialSignerTest, AnotherKeysTokenIsRefused) {
  CredentialSigner signer = MakeSigner();
  CredentialSigner other = MakeSigner(std::string(32, 'K'));
  ExpectUnauthenticated(other.Verify(signer.Sign(DutyOfficer()), kNow),
                        "signature does not match (wrong key or tampered token)");
}

TEST(CredentialSignerTest, ShortKeyIsRefused) {
  auto signer = CredentialSigner::Create(std::string(31, 'k'));
  ASSERT_FALSE(signer.ok());
  EXPECT_EQ(signer.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(signer.status().message()), HasSubstr("31 bytes; at least 32"));
  EXPECT_TRUE(CredentialSigner::Create(std::string(32, 'k')).ok());
}

TEST(CredentialSignerTest, MalformedTokensSayWhy) {
  CredentialSigner signer = MakeSigner();
  std::string token = signer.Sign(DutyOfficer());
  std::string body = token.substr(0, token.find('.'));
  std::string mac = token.substr(token.find('.') + 1);
  ExpectUnauthenticated(signer.Verify("", kNow), "is empty");
  ExpectUnauthenticated(signer.Verify(body, kNow), "expected <payload>.<signature>");
  ExpectUnauthenticated(signer.Verify(token + ".x", kNow), "expected <payload>.<signature>");
  ExpectUnauthenticated(signer.Verify("." + mac, kNow), "payload is not base64url");
  ExpectUnauthenticated(signer.Verify(body + ".", kNow), "signature is not base64url");
  ExpectUnauthenticated(signer.Verify(body + "=." + mac, kNow), "payload is not base64url");
  ExpectUnauthenticated(signer.Verify(body + "." + mac + "==", kNow), "signature is not base64url");
  ExpectUnauthenticated(signer.Verify("Ґ" + token, kNow), "payload is not base64url");
  ExpectUnauthenticated(signer.Verify(body + "." + mac.substr(4), kNow),
                        "signature has 29 bytes, expected 32");
  ExpectUnauthenticated(signer.Verify(std::string(5000, 'A') + "." + mac, kNow),
                        "5044 bytes, more than 4096");
}

// A payload the right key signed but that does not parse: what a signer of a
// newer version would issue. Signing such bytes needs the private Mac, so the
// test signs through a Principal whose fields produce the intended shape.
TEST(CredentialSignerTest, AuthenticButUnusablePayloadsSayWhy) {
  CredentialSigner signer = MakeSigner();
  Principal no_unit = DutyOfficer();
  no_unit.unit_code = "";
  ExpectUnauthenticated(signer.Verify(signer.Sign(no_unit), kNow), "names no unit");
  Principal no_officer = DutyOfficer();
  no_officer.officer = "";
  ExpectUnauthenticated(signer.Verify(signer.Sign(no_officer), kNow), "names no officer");
  Principal unknown_role = DutyOfficer();
  unknown_role.role = static_cast<Role>(99);
  ExpectUnauthenticated(signer.Verify(signer.Sign(unknown_role), kNow),
                        "names unknown role \"unknown\"");
}

class KeyFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& content) {
    path_ = ::testing::TempDir() + "/credential_key_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::ofstream(path_, std::ios::binary) << content;
    return path_;
  }
  void TearDown() override { std::remove(path_.c_str()); }
  std::string path_;
};

TEST_F(KeyFileTest, RawKeyWithTrailingNewline) {
  auto from_file = CredentialSigner::FromKeyFile(Write(kKey + "\r\n"));
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  // Same key as in memory: tokens interchange.
  EXPECT_TRUE(MakeSigner().Verify(from_file->Sign(DutyOfficer()), kNow).ok());
}

TEST_F(KeyFileTest, HexKey) {
  std::string hex = absl::BytesToHexString(kKey);
  auto from_file = CredentialSigner::FromKeyFile(Write(hex + "\n"));
  ASSERT_TRUE(from_file.ok()) << from_file.status();
  EXPECT_TRUE(MakeSigner().Verify(from_file->Sign(DutyOfficer()), kNow).ok());
}

TEST_F(KeyFileTest, ShortHexKeyIsMeasuredDecoded) {
  // 62 hex digits are 31 bytes of key, though 62 bytes of text.
  auto from_file = CredentialSigner::FromKeyFile(Write(std::string(62, 'a') + "\n"));
  ASSERT_FALSE(from_file.ok());
  EXPECT_EQ(from_file.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(from_file.status().message()), HasSubstr(path_));
  EXPECT_THAT(std::string(from_file.status().message()), HasSubstr("31 bytes"));
}

TEST_F(KeyFileTest, EmptyAndOversizedFilesAreRefused) {
  auto empty = CredentialSigner::FromKeyFile(Write("\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_THAT(std::string(empty.status().message()), HasSubstr("0 bytes"));
  auto big = CredentialSigner::FromKeyFile(Write(std::string(5000, 'z')));
  ASSERT_FALSE(big.ok());
  EXPECT_THAT(std::string(big.status().message()), HasSubstr("larger than 4096"));
}

TEST(KeyFileMissingTest, NamesThePath) {
  auto signer = CredentialSigner::FromKeyFile("/nonexistent/opsreport.key");
  ASSERT_FALSE(signer.ok());
  EXPECT_EQ(signer.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(signer.status().message()), HasSubstr("/nonexistent/opsreport.key"));
}

}  // namespace
}  // namespace opsreport::auth
