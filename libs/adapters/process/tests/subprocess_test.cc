#include "opsreport/process/subprocess.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::process {
namespace {

using ::testing::HasSubstr;

// A fresh directory per test, removed afterwards (libs/testonly/testing depends on us,
// so its TempDir cannot be used here).
class ScratchDir {
 public:
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "subprocess-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A zombie has finished dying; only its entry in the process table remains.
bool ProcessAlive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return false;
  std::string line;
  std::getline(stat, line);
  size_t paren = line.rfind(')');
  if (paren == std::string::npos || paren + 2 >= line.size()) return false;
  char state = line[paren + 2];
  return state != 'Z' && state != 'X';
}

bool EventuallyDead(pid_t pid) {
  for (int i = 0; i < 200; ++i) {
    if (!ProcessAlive(pid)) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

bool WaitForFile(const std::string& path) {
  for (int i = 0; i < 500; ++i) {
    if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0) return true;
    absl::SleepFor(absl::Milliseconds(10));
  }
  return false;
}

absl::StatusOr<Subprocess> Sh(const std::string& script) {
  return Subprocess::Spawn({.argv = {"/bin/sh", "-c", script}});
}

TEST(SubprocessTest, TrueExitsZero) {
  auto p = Subprocess::Spawn({.argv = {"/bin/true"}});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_GT(p->pid(), 0);
  auto code = p->Wait(absl::Seconds(5));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 0);
  EXPECT_FALSE(p->Running());
  EXPECT_EQ(p->exit_code(), 0);
}

TEST(SubprocessTest, ExitCodeIsReportedAndStable) {
  auto p = Sh("exit 3");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(5)), 3);
  EXPECT_EQ(*p->Wait(absl::ZeroDuration()), 3);  // cached after reaping
}

TEST(SubprocessTest, FindsProgramInPath) {
  auto p = Subprocess::Spawn({.argv = {"sh", "-c", "exit 7"}});
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(5)), 7);
}

TEST(SubprocessTest, DeathBySignalIs128PlusSignal) {
  auto p = Sh("kill -KILL $$");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(5)), 128 + SIGKILL);
}

TEST(SubprocessTest, WaitTimesOutOnRunningChild) {
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(p.ok()) << p.status();
  absl::Time start = absl::Now();
  auto code = p->Wait(absl::Milliseconds(50));
  EXPECT_EQ(code.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_LT(absl::Now() - start, absl::Seconds(1));
  EXPECT_TRUE(p->Running());
}

TEST(SubprocessTest, TerminateStopsSleepWithSigterm) {
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(p.ok()) << p.status();
  absl::Time start = absl::Now();
  ASSERT_TRUE(p->Terminate(absl::Seconds(5)).ok());
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
  EXPECT_FALSE(p->Running());
  EXPECT_EQ(p->exit_code(), 128 + SIGTERM);
  EXPECT_TRUE(p->Terminate(absl::Seconds(1)).ok());  // idempotent
}

TEST(SubprocessTest, TerminateEscalatesToSigkillAfterGrace) {
  ScratchDir dir;
  std::string ready = dir.File("ready");
  auto p = Sh("trap '' TERM; echo ok > " + ready + "; while :; do sleep 1; done");
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(WaitForFile(ready));
  absl::Time start = absl::Now();
  ASSERT_TRUE(p->Terminate(absl::Milliseconds(200)).ok());
  absl::Duration took = absl::Now() - start;
  EXPECT_GE(took, absl::Milliseconds(200));
  EXPECT_LT(took, absl::Seconds(2));
  EXPECT_EQ(p->exit_code(), 128 + SIGKILL);
}

TEST(SubprocessTest, KillReaps) {
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(p.ok()) << p.status();
  pid_t pid = p->pid();
  p->Kill();
  EXPECT_EQ(p->exit_code(), 128 + SIGKILL);
  EXPECT_FALSE(ProcessAlive(pid));
  p->Kill();  // no-op once reaped
}

TEST(SubprocessTest, SignalAfterExitFails) {
  auto p = Subprocess::Spawn({.argv = {"/bin/true"}});
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(p->Wait(absl::Seconds(5)).ok());
  EXPECT_EQ(p->Signal(SIGTERM).code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SubprocessTest, SignalIsDelivered) {
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(p->Signal(SIGINT).ok());
  EXPECT_EQ(*p->Wait(absl::Seconds(5)), 128 + SIGINT);
}

TEST(SubprocessTest, DestructorStopsRunningChild) {
  pid_t pid;
  {
    auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
    ASSERT_TRUE(p.ok()) << p.status();
    pid = p->pid();
    EXPECT_TRUE(ProcessAlive(pid));
  }
  EXPECT_FALSE(ProcessAlive(pid));
}

TEST(SubprocessTest, MoveTransfersOwnership) {
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(p.ok()) << p.status();
  pid_t pid = p->pid();
  Subprocess moved(std::move(*p));
  EXPECT_EQ(p->pid(), -1);
  EXPECT_EQ(moved.pid(), pid);
  EXPECT_TRUE(moved.Running());
  EXPECT_EQ(p->Wait(absl::Seconds(1)).status().code(), absl::StatusCode::kFailedPrecondition);

  auto other = Subprocess::Spawn({.argv = {"sleep", "60"}});
  ASSERT_TRUE(other.ok()) << other.status();
  pid_t other_pid = other->pid();
  moved = std::move(*other);  // the replaced child is stopped
  EXPECT_FALSE(ProcessAlive(pid));
  EXPECT_EQ(moved.pid(), other_pid);
}

TEST(SubprocessTest, TerminateStopsTheWholeProcessGroup) {
  ScratchDir dir;
  std::string pid_file = dir.File("grandchild");
  auto p = Sh("sleep 60 & echo $! > " + pid_file + "; wait");
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(WaitForFile(pid_file));
  pid_t grandchild = std::stoi(ReadFile(pid_file));
  EXPECT_TRUE(ProcessAlive(grandchild));
  ASSERT_TRUE(p->Terminate(absl::Seconds(5)).ok());
  EXPECT_TRUE(EventuallyDead(grandchild));
}

TEST(SubprocessTest, BlockedSignalsAreNotInherited) {
  sigset_t term, saved;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &term, &saved);
  auto p = Subprocess::Spawn({.argv = {"sleep", "60"}});
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  ASSERT_TRUE(p.ok()) << p.status();
  ASSERT_TRUE(p->Terminate(absl::Seconds(5)).ok());
  EXPECT_EQ(p->exit_code(), 128 + SIGTERM);  // not escalated to SIGKILL
}

TEST(SubprocessTest, RedirectsOutputAppendingAndSetsEnvAndDir) {
  ScratchDir dir;
  SpawnOptions options{.argv = {"/bin/sh", "-c", "echo \"$GREETING\"; pwd; echo oops >&2"},
                       .env_extra = {{"GREETING", "hello"}},
                       .working_dir = dir.path(),
                       .stdout_path = dir.File("out.log"),
                       .stderr_path = dir.File("err.log")};
  for (int i = 0; i < 2; ++i) {
    auto p = Subprocess::Spawn(options);
    ASSERT_TRUE(p.ok()) << p.status();
    ASSERT_EQ(*p->Wait(absl::Seconds(5)), 0);
  }
  std::string once = "hello\n" + std::filesystem::canonical(dir.path()).string() + "\n";
  EXPECT_EQ(ReadFile(dir.File("out.log")), once + once);
  EXPECT_EQ(ReadFile(dir.File("err.log")), "oops\noops\n");
}

TEST(SubprocessTest, StdinIsDevNull) {
  auto p = Sh("read line; exit $?");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(*p->Wait(absl::Seconds(5)), 1);  // EOF at once, never blocks
}

TEST(SubprocessTest, KillOnParentDeathFollowsTheSpawningThread) {
  std::optional<absl::StatusOr<Subprocess>> spawned;
  std::thread t([&] {
    spawned = Subprocess::Spawn({.argv = {"sleep", "60"}, .kill_on_parent_death = true});
  });
  t.join();
  ASSERT_TRUE(spawned->ok()) << spawned->status();
  auto code = (*spawned)->Wait(absl::Seconds(5));
  ASSERT_TRUE(code.ok()) << code.status();
  EXPECT_EQ(*code, 128 + SIGKILL);
}

TEST(SubprocessTest, MissingBinaryIsNotFound) {
  auto p = Subprocess::Spawn({.argv = {"/nonexistent/dir/server"}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(p.status().message(), HasSubstr("/nonexistent/dir/server"));

  auto q = Subprocess::Spawn({.argv = {"no-such-program-opsreport"}});
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(q.status().message(), HasSubstr("no-such-program-opsreport"));
  EXPECT_THAT(q.status().message(), HasSubstr("PATH"));
}

TEST(SubprocessTest, NonExecutableFileIsPermissionDenied) {
  ScratchDir dir;
  std::string script = dir.File("script.sh");
  std::ofstream(script) << "#!/bin/sh\nexit 0\n";
  chmod(script.c_str(), 0644);
  auto p = Subprocess::Spawn({.argv = {script}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(p.status().message(), HasSubstr(script));
}

TEST(SubprocessTest, BadOptionsNameTheField) {
  EXPECT_EQ(Subprocess::Spawn({}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Subprocess::Spawn({.argv = {""}}).status().code(), absl::StatusCode::kInvalidArgument);

  auto env = Subprocess::Spawn({.argv = {"/bin/true"}, .env_extra = {{"A=B", "x"}}});
  EXPECT_EQ(env.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(env.status().message(), HasSubstr("env_extra"));

  auto dir = Subprocess::Spawn({.argv = {"/bin/true"}, .working_dir = "/nonexistent/wd"});
  EXPECT_EQ(dir.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(dir.status().message(), HasSubstr("working_dir"));
  EXPECT_THAT(dir.status().message(), HasSubstr("/nonexistent/wd"));

  auto out = Subprocess::Spawn({.argv = {"/bin/true"}, .stdout_path = "/nonexistent/o.log"});
  EXPECT_EQ(out.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(out.status().message(), HasSubstr("stdout_path"));
}

}  // namespace
}  // namespace opsreport::process
