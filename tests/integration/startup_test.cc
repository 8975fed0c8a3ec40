// The intake binary refuses to start on bad rule data or configuration, naming
// every fault (file:line for data files), and exits non-zero.
#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/process/subprocess.h"
#include "opsreport/testing/temp_dir.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

std::string RunIntake(std::vector<std::string> flags, int* exit_code) {
  opsreport::testing::TempDir dir;
  std::string log = dir.path() + "/out.log";
  process::SpawnOptions options;
  options.argv = {OPSREPORT_INTAKE_BIN};
  options.argv.insert(options.argv.end(), flags.begin(), flags.end());
  options.stdout_path = log;
  options.stderr_path = log;
  auto child = process::Subprocess::Spawn(options);
  EXPECT_TRUE(child.ok()) << child.status();
  auto code = child->Wait(absl::Seconds(20));
  EXPECT_TRUE(code.ok()) << code.status();
  *exit_code = code.ok() ? *code : -1;
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(StartupTest, UnknownAndMissingConfigKeysRefuseTheStart) {
  int code = 0;
  std::string out = RunIntake({"--kafak=127.0.0.1:1", "--outbox_lease=soon"}, &code);
  EXPECT_EQ(code, 2);
  EXPECT_THAT(out, HasSubstr("--kafak: unknown key 'kafak'"));
  EXPECT_THAT(out, HasSubstr("outbox_lease: not a non-negative duration"));
  EXPECT_THAT(out, HasSubstr("missing required key 'kafka'"));
  EXPECT_THAT(out, HasSubstr("missing required key 'credential_key_file'"));
}

TEST(StartupTest, BrokenCatalogueIsRefusedWithFileAndLine) {
  opsreport::testing::TempDir dir;
  std::string catalogue = dir.path() + "/catalogue.tsv";
  std::ifstream good("data/catalogue.tsv");
  std::stringstream text;
  text << good.rdbuf();
  std::ofstream(catalogue) << text.str()
                           << "99.x\tНеіснуючий пункт\t2 години\tnowhere\tx\t-\t-\t1\n";
  int lines = 0;
  for (char c : text.str()) lines += c == '\n';
  int code = 0;
  std::string out = RunIntake(
      {"--kafka=127.0.0.1:1", "--credential_key_file=/nonexistent", "--catalogue=" + catalogue},
      &code);
  EXPECT_EQ(code, 1);
  std::string where = catalogue + ":" + std::to_string(lines + 1);
  EXPECT_THAT(out, HasSubstr(where + ": column number"));
  EXPECT_THAT(out, HasSubstr(where + ": column deadline"));
  EXPECT_THAT(out, HasSubstr(where + ": column reach"));
}

}  // namespace
}  // namespace opsreport::integration
