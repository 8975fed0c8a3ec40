// The one-command stack: opsreport-stack starts mock Kafka, redis-server and
// intake, files the demo data, and stops everything cleanly on Ctrl-C.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/embedded_kafka/mock_cluster.h"
#include "opsreport/process/net.h"
#include "opsreport/process/subprocess.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
#include "opsreport/testing/temp_dir.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The services' own logs, for a failure message: a child that exited says why there.
std::string ServiceLogs(const std::string& stack_dir) {
  std::string out;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(stack_dir, ec)) {
    if (e.path().extension() != ".log") continue;
    out += "--- " + e.path().string() + "\n" + ReadFile(e.path().string());
  }
  return out;
}

int PortAfter(const std::string& text, const std::string& label) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(label + R"(\s*:\s*127\.0\.0\.1:(\d+))"))) return 0;
  return std::stoi(m[1]);
}

TEST(LauncherTest, StartsLoadsDemoDataAndStopsCleanlyOnCtrlC) {
  opsreport::testing::TempDir dir;
  std::string out = dir.path() + "/launcher.out";
  process::SpawnOptions options;
  options.argv = {OPSREPORT_STACK_BIN, "--data_dir=" + dir.path() + "/stack",
                  "--intake_port=0",   "--routing_port=0",
                  "--control_port=0",  "--reconciliation_port=0"};
  options.stdout_path = out;
  options.stderr_path = dir.path() + "/launcher.err";
  auto launcher = process::Subprocess::Spawn(options);
  ASSERT_TRUE(launcher.ok()) << launcher.status();

  std::string text;
  for (int i = 0; i < 600 && text.find("Press Ctrl-C") == std::string::npos; ++i) {
    ASSERT_TRUE(launcher->Running())
        << ReadFile(options.stderr_path) << ServiceLogs(dir.path() + "/stack");
    absl::SleepFor(absl::Milliseconds(100));
    text = ReadFile(out);
  }
  ASSERT_THAT(text, HasSubstr("Press Ctrl-C"));
  EXPECT_THAT(text, HasSubstr("(embedded mock cluster)"));
  EXPECT_THAT(text, HasSubstr("demo: murder report 1001/"));
  int redis_port = PortAfter(text, "redis");
  int intake_port = PortAfter(text, "intake gRPC");
  ASSERT_GT(redis_port, 0) << text;
  ASSERT_GT(intake_port, 0) << text;
  EXPECT_TRUE(process::WaitForTcp("127.0.0.1", redis_port, absl::Seconds(1)).ok());
  EXPECT_TRUE(process::WaitForTcp("127.0.0.1", intake_port, absl::Seconds(1)).ok());

  ASSERT_TRUE(launcher->Signal(SIGINT).ok());
  auto code = launcher->Wait(absl::Seconds(30));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
  EXPECT_THAT(ReadFile(out), HasSubstr("stopped"));
  EXPECT_FALSE(process::WaitForTcp("127.0.0.1", redis_port, absl::Milliseconds(300)).ok());
  EXPECT_FALSE(process::WaitForTcp("127.0.0.1", intake_port, absl::Milliseconds(300)).ok());
  // The AOF is in the data directory, ready for the next start.
  std::ifstream aof_dir(dir.path() + "/stack/redis/appendonlydir/appendonly.aof.manifest");
  EXPECT_TRUE(aof_dir.good());
}

// --kafka and --redis point the same binaries at servers the launcher does not own.
TEST(LauncherTest, UsesExternalKafkaAndRedis) {
  auto kafka = embedded_kafka::MockCluster::Start(1);
  ASSERT_TRUE(kafka.ok()) << kafka.status();
  ASSERT_TRUE((*kafka)->CreateTopic("opsreport.reports.accepted", 2, 1).ok());
  auto redis = opsreport::testing::RedisServer::Start();
  ASSERT_TRUE(redis.ok()) << redis.status();

  opsreport::testing::TempDir dir;
  std::string out = dir.path() + "/launcher.out";
  process::SpawnOptions options;
  options.argv = {OPSREPORT_STACK_BIN,
                  "--data_dir=" + dir.path() + "/stack",
                  "--intake_port=0",
                  "--routing_port=0",
                  "--control_port=0",
                  "--reconciliation_port=0",
                  "--kafka=" + (*kafka)->bootstrap(),
                  "--redis=" + (*redis)->address(),
                  "--once"};
  options.stdout_path = out;
  options.stderr_path = out;
  auto launcher = process::Subprocess::Spawn(options);
  ASSERT_TRUE(launcher.ok()) << launcher.status();
  auto code = launcher->Wait(absl::Seconds(60));
  ASSERT_TRUE(code.ok()) << code.status();
  std::string text = ReadFile(out);
  EXPECT_EQ(*code, 0) << text << ServiceLogs(dir.path() + "/stack");
  EXPECT_THAT(text, HasSubstr("kafka bootstrap : " + (*kafka)->bootstrap() + "\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("redis-server child")));

  // The demo documents were written to the external Redis, and it is still up.
  auto config = redis::ParseRedisAddress((*redis)->address());
  ASSERT_TRUE(config.ok());
  auto client = redis::NewRedisClient(*config);
  ASSERT_TRUE(client.ok()) << client.status();
  auto log = (*client)->Command({"LLEN", "intake:log"});
  ASSERT_TRUE(log.ok()) << log.status();
  EXPECT_EQ(log->integer, 3);
}

}  // namespace
}  // namespace opsreport::integration
