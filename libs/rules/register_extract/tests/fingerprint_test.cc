#include "opsreport/register_extract/fingerprint.h"

#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace opsreport::register_extract {
namespace {

// FIPS 180-2 test vectors.
constexpr char kEmpty[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr char kAbc[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(FingerprintTest, MatchesTheStandardVectors) {
  EXPECT_EQ(FingerprintBytes(""), kEmpty);
  EXPECT_EQ(FingerprintBytes("abc"), kAbc);
}

TEST(FingerprintTest, IncrementalEqualsOneShot) {
  Sha256 sha;
  sha.Update("a");
  sha.Update("");
  sha.Update("bc");
  EXPECT_EQ(sha.HexDigest(), kAbc);
}

TEST(FingerprintTest, StreamOfManyChunksEqualsBytes) {
  std::string big(200 * 1024 + 7, 'x');
  for (size_t i = 0; i < big.size(); i += 1000) big[i] = static_cast<char>('a' + i % 26);
  std::istringstream in(big);
  absl::StatusOr<std::string> fp = FingerprintStream(in);
  ASSERT_TRUE(fp.ok()) << fp.status();
  EXPECT_EQ(*fp, FingerprintBytes(big));
}

TEST(FingerprintTest, OnlyTheBytesCount) {
  // The same row with other line endings is another extract.
  EXPECT_NE(FingerprintBytes("a,b\n"), FingerprintBytes("a,b\r\n"));
}

}  // namespace
}  // namespace opsreport::register_extract
