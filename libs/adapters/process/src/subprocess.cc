#include "opsreport/process/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "opsreport/process/unique_fd.h"

extern char** environ;

namespace opsreport::process {
namespace {

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

// What the child reports through the exec pipe when it cannot become the
// program; nothing is written when execve succeeds (the pipe is CLOEXEC).
struct ChildFailure {
  int stage;  // kStage*
  int error;  // errno
};
constexpr int kStageChdir = 1;
constexpr int kStageExec = 2;
constexpr int kStageRedirect = 3;

absl::Status ErrnoError(int err, const std::string& what) { return absl::ErrnoToStatus(err, what); }

// Merges the parent's environment with the overrides.
absl::StatusOr<std::vector<std::string>> BuildEnv(const std::map<std::string, std::string>& extra) {
  std::map<std::string, std::string> merged;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string::npos) continue;
    merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [key, value] : extra) {
    if (key.empty() || key.find('=') != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("SpawnOptions.env_extra: invalid variable name \"", key, "\""));
    }
    merged[key] = value;
  }
  std::vector<std::string> env;
  env.reserve(merged.size());
  for (const auto& [key, value] : merged) env.push_back(absl::StrCat(key, "=", value));
  return env;
}

bool IsExecutableFile(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

// PATH lookup happens in the parent: execvpe is not async-signal-safe, and a
// missing program then gets a precise NOT_FOUND instead of a child exit code.
absl::StatusOr<std::string> ResolveProgram(const std::string& program,
                                           const std::vector<std::string>& env) {
  if (program.find('/') != std::string::npos) return program;
  std::string path_var = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& entry : env) {
    if (entry.rfind("PATH=", 0) == 0) path_var = entry.substr(5);
  }
  for (absl::string_view dir : absl::StrSplit(path_var, ':')) {
    std::string candidate = absl::StrCat(dir.empty() ? "." : dir, "/", program);
    if (IsExecutableFile(candidate)) return candidate;
  }
  return absl::NotFoundError(
      absl::StrCat("program \"", program, "\" not found in PATH (", path_var, ")"));
}

absl::StatusOr<UniqueFd> OpenOutput(const std::string& path, const char* field) {
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) {
    return ErrnoError(errno, absl::StrCat("SpawnOptions.", field, ": cannot open \"", path, "\""));
  }
  return UniqueFd(fd);
}

// Child side, between fork and exec: only async-signal-safe calls.
[[noreturn]] void ChildReportAndExit(int report_fd, int stage) {
  ChildFailure failure{stage, errno};
  ssize_t ignored = write(report_fd, &failure, sizeof(failure));
  (void)ignored;
  _exit(127);
}

bool MoveFd(int from, int to) {
  if (from == to) return fcntl(to, F_SETFD, 0) == 0;  // keep it across exec
  return dup2(from, to) >= 0;
}

[[noreturn]] void RunChild(const SpawnOptions& options, const char* path, char* const* argv,
                           char* const* envp, int in_fd, int out_fd, int err_fd, int report_fd,
                           pid_t parent) {
  if (options.kill_on_parent_death) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl
  }
  if (options.new_process_group) setpgid(0, 0);
  // Handlers and blocked signals of the parent must not leak into the child:
  // a server that inherits a blocked SIGTERM could never be stopped cleanly.
  struct sigaction dfl;
  memset(&dfl, 0, sizeof(dfl));
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) sigaction(sig, &dfl, nullptr);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);

  if (!MoveFd(in_fd, STDIN_FILENO)) ChildReportAndExit(report_fd, kStageRedirect);
  if (out_fd >= 0 && !MoveFd(out_fd, STDOUT_FILENO)) {
    ChildReportAndExit(report_fd, kStageRedirect);
  }
  if (err_fd >= 0 && !MoveFd(err_fd, STDERR_FILENO)) {
    ChildReportAndExit(report_fd, kStageRedirect);
  }
  // Descriptors the parent opened without O_CLOEXEC (sockets, logs) must not
  // stay open in long-lived children. Failure only means an older kernel.
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  if (!options.working_dir.empty() && chdir(options.working_dir.c_str()) != 0) {
    ChildReportAndExit(report_fd, kStageChdir);
  }
  execve(path, argv, envp);
  ChildReportAndExit(report_fd, kStageExec);
}

int ExitCodeFromWaitStatus(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

absl::StatusOr<Subprocess> Subprocess::Spawn(const SpawnOptions& options) {
  if (options.argv.empty() || options.argv[0].empty()) {
    return absl::InvalidArgumentError("SpawnOptions.argv: the program is empty");
  }
  auto env = BuildEnv(options.env_extra);
  if (!env.ok()) return env.status();
  auto path = ResolveProgram(options.argv[0], *env);
  if (!path.ok()) return path.status();

  UniqueFd in_fd(open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!in_fd) return ErrnoError(errno, "cannot open /dev/null");
  UniqueFd out_fd, err_fd;
  if (!options.stdout_path.empty()) {
    auto fd = OpenOutput(options.stdout_path, "stdout_path");
    if (!fd.ok()) return fd.status();
    out_fd = std::move(*fd);
  }
  if (!options.stderr_path.empty()) {
    auto fd = OpenOutput(options.stderr_path, "stderr_path");
    if (!fd.ok()) return fd.status();
    err_fd = std::move(*fd);
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return ErrnoError(errno, "pipe2");
  UniqueFd report_read(pipe_fds[0]);
  UniqueFd report_write(pipe_fds[1]);

  // Everything the child touches is prepared here: after fork only
  // async-signal-safe calls are allowed (other threads may hold malloc locks).
  std::vector<char*> argv;
  for (const auto& a : options.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : *env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  // Blocked across fork so no parent handler runs in the child before it
  // resets the dispositions.
  sigset_t all, saved;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &saved);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    RunChild(options, path->c_str(), argv.data(), envp.data(), in_fd.get(), out_fd.get(),
             err_fd.get(), report_write.get(), parent);
  }
  int fork_errno = errno;
  pthread_sigmask(SIG_SETMASK, &saved, nullptr);
  if (pid < 0) return ErrnoError(fork_errno, "fork");

  // Also done here so the group exists before Spawn returns; EACCES means the
  // child has already exec'd, having done it itself.
  if (options.new_process_group) setpgid(pid, pid);
  report_write.reset();

  ChildFailure failure{};
  ssize_t n;
  do {
    n = read(report_read.get(), &failure, sizeof(failure));
  } while (n < 0 && errno == EINTR);
  if (n == 0) return Subprocess(pid, options.new_process_group);

  int status;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (n != static_cast<ssize_t>(sizeof(failure))) {
    return absl::InternalError(
        absl::StrCat("spawning \"", options.argv[0], "\": lost the child's exec report"));
  }
  switch (failure.stage) {
    case kStageChdir:
      return ErrnoError(failure.error, absl::StrCat("SpawnOptions.working_dir: cannot enter \"",
                                                    options.working_dir, "\""));
    case kStageRedirect:
      return ErrnoError(failure.error,
                        absl::StrCat("spawning \"", options.argv[0], "\": redirecting stdio"));
    default:
      return ErrnoError(failure.error, absl::StrCat("cannot execute \"", *path, "\""));
  }
}

Subprocess::Subprocess(Subprocess&& other) noexcept
    : pid_(std::exchange(other.pid_, -1)),
      group_(other.group_),
      exit_code_(std::exchange(other.exit_code_, std::nullopt)) {}

Subprocess& Subprocess::operator=(Subprocess&& other) noexcept {
  if (this != &other) {
    Reset();
    pid_ = std::exchange(other.pid_, -1);
    group_ = other.group_;
    exit_code_ = std::exchange(other.exit_code_, std::nullopt);
  }
  return *this;
}

Subprocess::~Subprocess() { Reset(); }

void Subprocess::Reset() {
  if (pid_ > 0 && !exit_code_) (void)Terminate(kDefaultGrace);
  pid_ = -1;
  exit_code_.reset();
}

bool Subprocess::TryReap() {
  if (exit_code_) return true;
  if (pid_ <= 0) return true;
  int status;
  pid_t r;
  do {
    r = waitpid(pid_, &status, WNOHANG);
  } while (r < 0 && errno == EINTR);
  if (r == 0) return false;
  // r < 0 (ECHILD) means someone else reaped it: treat as gone.
  exit_code_ = r == pid_ ? ExitCodeFromWaitStatus(status) : -1;
  return true;
}

void Subprocess::BlockingReap() {
  if (exit_code_ || pid_ <= 0) return;
  // Wait without reaping first: while the leader is a zombie its pid (and so
  // the group id) cannot be reused, making the sweep of the group safe.
  siginfo_t info;
  while (waitid(P_PID, pid_, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR) {
  }
  if (group_) kill(-pid_, SIGKILL);  // stragglers left by the leader
  int status;
  pid_t r;
  do {
    r = waitpid(pid_, &status, 0);
  } while (r < 0 && errno == EINTR);
  exit_code_ = r == pid_ ? ExitCodeFromWaitStatus(status) : -1;
}

bool Subprocess::Running() { return !TryReap(); }

absl::Status Subprocess::Signal(int sig) {
  if (pid_ <= 0) return absl::FailedPreconditionError("Signal on an empty Subprocess");
  if (exit_code_) {
    return absl::FailedPreconditionError(
        absl::StrCat("process ", pid_, " has already exited with code ", *exit_code_));
  }
  // An unreaped leader keeps the group id alive, so this cannot hit a stranger.
  if (group_ && kill(-pid_, sig) == 0) return absl::OkStatus();
  if (kill(pid_, sig) != 0) {
    return ErrnoError(errno, absl::StrCat("kill(", pid_, ", ", sig, ")"));
  }
  return absl::OkStatus();
}

absl::StatusOr<int> Subprocess::Wait(absl::Duration timeout) {
  if (pid_ <= 0) return absl::FailedPreconditionError("Wait on an empty Subprocess");
  absl::Time deadline =
      timeout == absl::InfiniteDuration() ? absl::InfiniteFuture() : absl::Now() + timeout;
  absl::Duration pause = absl::Milliseconds(1);
  while (!TryReap()) {
    absl::Time now = absl::Now();
    if (now >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("process ", pid_, " still running after ", absl::FormatDuration(timeout)));
    }
    absl::SleepFor(std::min(pause, deadline - now));
    pause = std::min(pause * 2, absl::Milliseconds(20));
  }
  return *exit_code_;
}

absl::Status Subprocess::Terminate(absl::Duration grace) {
  if (pid_ <= 0) return absl::FailedPreconditionError("Terminate on an empty Subprocess");
  if (exit_code_) return absl::OkStatus();
  (void)Signal(SIGTERM);
  absl::Time deadline = absl::Now() + grace;
  absl::Duration pause = absl::Milliseconds(1);
  siginfo_t info;
  while (true) {
    info.si_pid = 0;
    int r = waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || info.si_pid != 0) break;  // exited (or not ours any more)
    absl::Time now = absl::Now();
    if (now >= deadline) {
      (void)Signal(SIGKILL);
      break;
    }
    absl::SleepFor(std::min(pause, deadline - now));
    pause = std::min(pause * 2, absl::Milliseconds(20));
  }
  BlockingReap();
  return absl::OkStatus();
}

void Subprocess::Kill() {
  if (pid_ <= 0 || exit_code_) return;
  (void)Signal(SIGKILL);
  BlockingReap();
}

}  // namespace opsreport::process
