// The common keys: declared once, with the service's own on top; unknown
// keys and a half-configured TLS refused together with every other fault.
#include "opsreport/service/common_config.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/service/main.h"

namespace opsreport::service {
namespace {

using ::testing::HasSubstr;

struct DemoConfig : CommonConfig {
  DemoConfig() : CommonConfig("127.0.0.1:50099", "demo") {}
  int64_t own = 3;
};

config::Schema DemoSchema(DemoConfig& c) {
  config::Schema s;
  DeclareCommonKeys(s, c);
  s.Int("own", &c.own, "the service's own key", 1, 10);
  return s;
}

absl::StatusOr<DemoConfig> Load(std::vector<std::string> args) {
  args.insert(args.begin(), "demo");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return LoadConfig<DemoConfig>(static_cast<int>(argv.size()), argv.data(), DemoSchema);
}

TEST(CommonConfigTest, CommonAndOwnKeysApply) {
  absl::StatusOr<DemoConfig> c =
      Load({"--kafka=k:9092", "--credential_key_file=/k", "--own=7", "--redis_pool=3",
            "--outbox_poll=50ms", "--tls_ca=/ca", "--tls_cert=/c", "--tls_key=/k"});
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->listen, "127.0.0.1:50099");
  EXPECT_EQ(c->own, 7);
  EXPECT_EQ(c->redis_pool, 3);
  EXPECT_EQ(c->outbox_poll, absl::Milliseconds(50));
  EXPECT_EQ(c->catalogue, "data/catalogue.tsv");
}

TEST(CommonConfigTest, EveryFaultIsNamedAtOnce) {
  absl::StatusOr<DemoConfig> c = Load({"--own=11", "--listn=x", "--tls_ca=/ca"});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(c.status().message(), HasSubstr("unknown key 'listn'"));
  EXPECT_THAT(c.status().message(), HasSubstr("own: must be in [1, 10]"));
  EXPECT_THAT(c.status().message(), HasSubstr("missing required key 'kafka'"));
  EXPECT_THAT(c.status().message(), HasSubstr("missing required key 'credential_key_file'"));
  EXPECT_THAT(c.status().message(), HasSubstr("tls_ca: needs tls_cert and tls_key"));
}

TEST(CommonConfigTest, TlsFilesWithoutCaAreRefused) {
  absl::StatusOr<DemoConfig> c =
      Load({"--kafka=k:9092", "--credential_key_file=/k", "--tls_cert=/c"});
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("tls_ca: tls_cert and tls_key need tls_ca"));
}

}  // namespace
}  // namespace opsreport::service
