#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/script.h"

namespace opsreport::redis {
namespace {

using ::testing::HasSubstr;

TEST(ScriptTest, Sha1IsWhatRedisComputes) {
  // The value SCRIPT LOAD "return 1" returns, per the Redis documentation.
  EXPECT_EQ(Script("return 1").sha1(), "e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
  EXPECT_EQ(Script("").sha1(), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Script("return 1").lua(), "return 1");
}

TEST(ParseRedisAddressTest, HostPort) {
  auto c = ParseRedisAddress("10.0.0.5:6380");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->host, "10.0.0.5");
  EXPECT_EQ(c->port, 6380);
  EXPECT_TRUE(c->unix_socket.empty());
  EXPECT_EQ(c->pool_size, 8);  // defaults kept
  EXPECT_EQ(c->Endpoint(), "10.0.0.5:6380");
}

TEST(ParseRedisAddressTest, BracketedIpv6) {
  auto c = ParseRedisAddress("[::1]:7000");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->host, "::1");
  EXPECT_EQ(c->port, 7000);
  EXPECT_EQ(c->Endpoint(), "[::1]:7000");
}

TEST(ParseRedisAddressTest, UnixSocket) {
  auto c = ParseRedisAddress("unix:/run/redis/redis.sock");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->unix_socket, "/run/redis/redis.sock");
  EXPECT_EQ(c->Endpoint(), "unix:/run/redis/redis.sock");
}

TEST(ParseRedisAddressTest, Url) {
  auto c = ParseRedisAddress("redis://cache.local:6390");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->host, "cache.local");
  EXPECT_EQ(c->port, 6390);

  auto d = ParseRedisAddress("redis://cache.local/");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->port, 6379);

  auto e = ParseRedisAddress("redis://:s3cret@127.0.0.1:6400");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->password, "s3cret");
  EXPECT_EQ(e->host, "127.0.0.1");
  EXPECT_EQ(e->port, 6400);
  EXPECT_EQ(e->Endpoint().find("s3cret"), std::string::npos);
}

TEST(ParseRedisAddressTest, RejectsBadAddressesNamingThePart) {
  struct Case {
    const char* address;
    const char* mentions;
  } cases[] = {
      {"", "empty"},
      {"localhost", "missing \":port\""},
      {":6379", "host is empty"},
      {"localhost:", "port \"\""},
      {"localhost:0", "port \"0\""},
      {"localhost:65536", "port \"65536\""},
      {"localhost:63a", "port \"63a\""},
      {"localhost:-1", "port \"-1\""},
      {"::1:6379", "brackets"},
      {"[::1", "unterminated"},
      {"[::1]6379", "expected ':'"},
      {"unix:", "socket path is empty"},
      {"redis://", "host is empty"},
      {"redis://h:1/2", "database"},
      {"redis://user@h:1", "credentials"},
  };
  for (const auto& c : cases) {
    auto r = ParseRedisAddress(c.address);
    ASSERT_FALSE(r.ok()) << c.address;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << c.address;
    EXPECT_THAT(r.status().message(), HasSubstr(std::string("\"") + c.address + "\""));
    EXPECT_THAT(r.status().message(), HasSubstr(c.mentions)) << c.address;
  }
}

TEST(ValidateRedisConfigTest, CollectsEveryFault) {
  EXPECT_TRUE(ValidateRedisConfig(RedisConfig{}).ok());
  RedisConfig bad;
  bad.host = "";
  bad.port = 0;
  bad.pool_size = 0;
  bad.connect_timeout = absl::ZeroDuration();
  bad.command_timeout = absl::Seconds(-1);
  absl::Status s = ValidateRedisConfig(bad);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  for (const char* field : {"redis.host", "redis.port", "redis.pool_size", "redis.connect_timeout",
                            "redis.command_timeout"}) {
    EXPECT_THAT(s.message(), HasSubstr(field));
  }
  RedisConfig unix_only;
  unix_only.unix_socket = "/tmp/r.sock";
  unix_only.host = "";
  unix_only.port = 0;
  EXPECT_TRUE(ValidateRedisConfig(unix_only).ok());
}

}  // namespace
}  // namespace opsreport::redis
