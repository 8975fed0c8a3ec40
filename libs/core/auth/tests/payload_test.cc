// The payload codec is internal; its faults only surface for tokens the right
// key signed, i.e. from a signer of another version, so they are tested here.
#include "../src/payload.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::auth::internal {
namespace {

using ::testing::HasSubstr;

std::string ErrorOf(std::string_view bytes) {
  auto decoded = DecodePayload(bytes);
  EXPECT_FALSE(decoded.ok()) << bytes;
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(decoded.status().message());
}

TEST(PayloadTest, RoundTrip) {
  RawPayload raw{
      .unit_code = "0512", .officer = "Ґ:5;c1", .role = "head", .expires_unix_seconds = -5};
  std::string bytes = EncodePayload(raw);
  EXPECT_EQ(bytes,
            "c1;4:0512"
            "7:Ґ:5;c1"
            "4:head"
            "2:-5");
  auto decoded = DecodePayload(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->unit_code, raw.unit_code);
  EXPECT_EQ(decoded->officer, raw.officer);
  EXPECT_EQ(decoded->role, raw.role);
  EXPECT_EQ(decoded->expires_unix_seconds, -5);
}

TEST(PayloadTest, EmptyFieldsAreRepresentable) {
  auto decoded = DecodePayload("c1;0:0:0:1:0");
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->unit_code, "");
  EXPECT_EQ(decoded->expires_unix_seconds, 0);
}

TEST(PayloadTest, StructuralFaultsNameTheField) {
  EXPECT_THAT(ErrorOf("c2;4:0512"), HasSubstr("unknown payload version"));
  EXPECT_THAT(ErrorOf(""), HasSubstr("unknown payload version"));
  EXPECT_THAT(ErrorOf("c1;"), HasSubstr("field unit_code: missing length prefix"));
  EXPECT_THAT(ErrorOf("c1;:abc"), HasSubstr("field unit_code: missing length prefix"));
  EXPECT_THAT(ErrorOf("c1;04:0512"), HasSubstr("field unit_code: length has a leading zero"));
  EXPECT_THAT(ErrorOf("c1;4:05120:"), HasSubstr("field role: missing length prefix"));
  EXPECT_THAT(ErrorOf("c1;4:0512x:ab"), HasSubstr("field officer: bad length \"x\""));
  EXPECT_THAT(ErrorOf("c1;4:05129999:ab"), HasSubstr("field officer: bad length \"9999\""));
  EXPECT_THAT(ErrorOf("c1;4:0512"
                      "9:ab"),
              HasSubstr("field officer: declares 9 bytes, only 2 left"));
  EXPECT_THAT(ErrorOf("c1;1:a1:b1:c2:10extra"), HasSubstr("5 trailing byte(s)"));
  EXPECT_THAT(ErrorOf("c1;1:a1:b1:c2:1x"), HasSubstr("field expires_at: not an integer \"1x\""));
  EXPECT_THAT(ErrorOf("c1;1:a1:b1:c0:"), HasSubstr("field expires_at: not an integer \"\""));
  EXPECT_THAT(ErrorOf("c1;1:a1:b1:c20:99999999999999999999"),
              HasSubstr("field expires_at: not an integer"));
}

}  // namespace
}  // namespace opsreport::auth::internal
