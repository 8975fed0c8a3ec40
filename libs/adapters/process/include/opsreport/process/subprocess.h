#pragma once
// A child process owned like a file handle: whoever holds the Subprocess is
// responsible for it, and dropping it stops and reaps the child so neither
// tests nor the launcher can leak servers or zombies.

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::process {

struct SpawnOptions {
  // argv[0] is the program: a path if it contains '/', otherwise looked up in
  // PATH (the child's PATH when env_extra overrides it).
  std::vector<std::string> argv = {};
  // Added to (or overriding) the parent's environment.
  std::map<std::string, std::string> env_extra = {};
  // Empty = the parent's working directory.
  std::string working_dir = {};
  // Opened for append (created 0644); empty = inherit the parent's stream.
  // stdin is always /dev/null so a child never competes for the terminal.
  std::string stdout_path = {};
  std::string stderr_path = {};
  // The child leads its own process group and every signal goes to the whole
  // group, so grandchildren (e.g. under `sh -c`) are stopped with it.
  bool new_process_group = true;
  // SIGKILL the child if the spawning *thread* exits (PR_SET_PDEATHSIG), so a
  // crashed test binary leaves no server behind. Only for processes spawned
  // from a long-lived thread such as a test's main thread.
  bool kill_on_parent_death = false;
};

// Not thread-safe: one owner drives it.
class Subprocess {
 public:
  // Fails with NOT_FOUND / PERMISSION_DENIED / ... (naming the program) when
  // the binary cannot be executed, and INVALID_ARGUMENT for an empty argv.
  static absl::StatusOr<Subprocess> Spawn(const SpawnOptions& options);

  Subprocess(Subprocess&& other) noexcept;
  Subprocess& operator=(Subprocess&& other) noexcept;
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  // Still running: Terminate(kDefaultGrace).
  ~Subprocess();

  static constexpr absl::Duration kDefaultGrace = absl::Seconds(5);

  // -1 for a moved-from object.
  pid_t pid() const { return pid_; }
  // False once the child has exited (it is reaped here).
  bool Running();
  // FAILED_PRECONDITION once the child has been reaped.
  absl::Status Signal(int sig);
  // Exit code, or 128+signal when killed by a signal. DEADLINE_EXCEEDED if
  // still running after `timeout`; absl::InfiniteDuration() waits forever.
  // Repeated calls after exit return the same code.
  absl::StatusOr<int> Wait(absl::Duration timeout);
  // SIGTERM, then SIGKILL after `grace`; always reaps. OK if already exited.
  absl::Status Terminate(absl::Duration grace);
  // SIGKILL and reap.
  void Kill();
  // The exit code once reaped.
  std::optional<int> exit_code() const { return exit_code_; }

 private:
  Subprocess(pid_t pid, bool group) : pid_(pid), group_(group) {}
  // Non-blocking reap; true when the child has been reaped (now or before).
  bool TryReap();
  void BlockingReap();
  void Reset();

  pid_t pid_ = -1;
  bool group_ = false;
  std::optional<int> exit_code_;
};

}  // namespace opsreport::process
