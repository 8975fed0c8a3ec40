#include "opsreport/config/config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::config {
namespace {

using ::testing::HasSubstr;

struct Settings {
  std::string listen = "127.0.0.1:0";
  int64_t pool = 4;
  absl::Duration timeout = absl::Seconds(1);
  bool verbose = false;
  std::string redis;
};

Schema MakeSchema(Settings& s) {
  Schema schema;
  schema.String("listen", &s.listen, "address")
      .Int("pool", &s.pool, "pool size", 1, 64)
      .Duration("timeout", &s.timeout, "timeout")
      .Bool("verbose", &s.verbose, "log more")
      .String("redis", &s.redis, "redis address", /*required=*/true);
  return schema;
}

TEST(ConfigTest, AppliesTypedValues) {
  auto raw = ParseConfigText(
      "# comment\nlisten = 0.0.0.0:50051\npool=8\ntimeout = 250ms\n"
      "verbose = true\nredis = 127.0.0.1:6379\n",
      "intake.conf");
  ASSERT_TRUE(raw.ok()) << raw.status();
  Settings s;
  ASSERT_TRUE(MakeSchema(s).Apply(*raw).ok());
  EXPECT_EQ(s.listen, "0.0.0.0:50051");
  EXPECT_EQ(s.pool, 8);
  EXPECT_EQ(s.timeout, absl::Milliseconds(250));
  EXPECT_TRUE(s.verbose);
}

TEST(ConfigTest, RejectsUnknownBadAndMissingKeysTogether) {
  auto raw = ParseConfigText("pool = 100\ntimeot = 3s\nverbose = maybe\n", "x.conf");
  ASSERT_TRUE(raw.ok());
  Settings s;
  absl::Status st = MakeSchema(s).Apply(*raw);
  EXPECT_EQ(st.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("x.conf:2: unknown key 'timeot'"));
  EXPECT_THAT(st.message(), HasSubstr("x.conf:1: pool: must be in [1, 64]"));
  EXPECT_THAT(st.message(), HasSubstr("x.conf:3: verbose: expected true or false"));
  EXPECT_THAT(st.message(), HasSubstr("missing required key 'redis'"));
}

TEST(ConfigTest, CrossChecksAreReportedWithTheOtherFaults) {
  auto raw = ParseConfigText("pool = 100\nlisten = unix:/x\n", "y.conf");
  ASSERT_TRUE(raw.ok());
  Settings s;
  Schema schema = MakeSchema(s);
  schema.Check("listen", [&s] {
    return s.listen.starts_with("unix:") && s.redis.empty() ? "a unix listener needs redis" : "";
  });
  absl::Status st = schema.Apply(*raw);
  EXPECT_THAT(st.message(), HasSubstr("y.conf:1: pool: must be in [1, 64]"));
  EXPECT_THAT(st.message(), HasSubstr("listen: a unix listener needs redis"));
  EXPECT_THAT(st.message(), HasSubstr("missing required key 'redis'"));
  raw = ParseConfigText("listen = unix:/x\nredis = r:1\n", "z.conf");
  ASSERT_TRUE(raw.ok());
  EXPECT_TRUE(schema.Apply(*raw).ok());
}

TEST(ConfigTest, FileErrorsCarryLineNumbers) {
  auto raw = ParseConfigText("a = 1\nnonsense\na = 2\n", "f.conf");
  ASSERT_FALSE(raw.ok());
  EXPECT_THAT(raw.status().message(), HasSubstr("f.conf:2: expected 'key = value'"));
  EXPECT_THAT(raw.status().message(), HasSubstr("f.conf:3: duplicate key 'a'"));
}

TEST(ConfigTest, FlagsOverrideAndMustBeKeyValue) {
  std::vector<std::string> args = {"prog", "--redis=host:1", "--pool=2", "--verbose"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  auto raw = LoadFromArgs(static_cast<int>(argv.size()), argv.data());
  ASSERT_TRUE(raw.ok());
  Settings s;
  ASSERT_TRUE(MakeSchema(s).Apply(*raw).ok());
  EXPECT_EQ(s.redis, "host:1");
  EXPECT_EQ(s.pool, 2);
  EXPECT_TRUE(s.verbose);

  std::vector<std::string> bad = {"prog", "positional"};
  std::vector<char*> bad_argv;
  for (auto& a : bad) bad_argv.push_back(a.data());
  EXPECT_FALSE(LoadFromArgs(2, bad_argv.data()).ok());
}

}  // namespace
}  // namespace opsreport::config
