// The rule data loads in one call; a fault names the file.
#include "opsreport/service/rule_data.h"

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::service {
namespace {

using ::testing::HasSubstr;

std::string KeyFile() {
  std::string path = (std::filesystem::temp_directory_path() / "rule_data_test.key").string();
  std::ofstream(path) << std::string(48, 'k');
  return path;
}

TEST(RuleDataTest, TheShippedDataLoadsInOneCall) {
  CommonConfig c("127.0.0.1:0", "test");
  c.credential_key_file = KeyFile();
  absl::StatusOr<std::unique_ptr<const RuleData>> data = LoadRuleData(c);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_FALSE((*data)->catalogue.items().empty());
  EXPECT_EQ((*data)->org.ministry().code(), "0001");
  ASSERT_NE((*data)->signer, nullptr);
}

TEST(RuleDataTest, AMissingFileIsNamed) {
  CommonConfig c("127.0.0.1:0", "test");
  c.credential_key_file = KeyFile();
  c.org_units = "data/no_such_units.tsv";
  absl::StatusOr<std::unique_ptr<const RuleData>> data = LoadRuleData(c);
  ASSERT_FALSE(data.ok());
  EXPECT_THAT(data.status().message(), HasSubstr("no_such_units.tsv"));
}

}  // namespace
}  // namespace opsreport::service
