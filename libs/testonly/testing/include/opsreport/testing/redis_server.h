#pragma once
// A real redis-server on loopback for integration tests, with AOF on so
// tests can crash it and check what survived.

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/process/subprocess.h"
#include "opsreport/testing/temp_dir.h"

namespace opsreport::testing {

// Outside RedisServer so it can be a defaulted argument of Start (GCC 12
// rejects `= {}` for a nested struct with member initializers).
struct RedisServerOptions {
  bool aof = true;
  std::string appendfsync = "always";
  // Empty: a fresh temp dir removed in the destructor.
  std::string dir = {};
  // Path or name of the binary (looked up in PATH).
  std::string binary = "redis-server";
};

class RedisServer {
 public:
  using Options = RedisServerOptions;

  // redis-server on 127.0.0.1 and a free port with --save "" and the AOF
  // settings above; returns once it answers PING (and has replayed its AOF).
  // The server log is dir()/redis.log, quoted in start-up errors.
  static absl::StatusOr<std::unique_ptr<RedisServer>> Start(Options options = {});
  ~RedisServer();

  int port() const { return port_; }
  std::string address() const;  // "127.0.0.1:port"
  const std::string& dir() const { return dir_; }
  bool running();

  // SIGTERM (a clean shutdown), then start again on the same port and dir.
  absl::Status Restart();
  // SIGKILL, then start again: only what the AOF holds survives.
  absl::Status KillAndRestart();
  // SIGKILL and stay down (e.g. to watch clients fail) until Relaunch().
  void Crash();
  // Starts a stopped server again on the same port and dir.
  absl::Status Relaunch();

 private:
  RedisServer(Options options, std::optional<TempDir> temp_dir, std::string dir, int port)
      : options_(std::move(options)),
        temp_dir_(std::move(temp_dir)),
        dir_(std::move(dir)),
        port_(port) {}
  absl::Status Launch();

  Options options_;
  std::optional<TempDir> temp_dir_;  // destroyed after process_ (declared first)
  std::string dir_;
  int port_;
  std::optional<process::Subprocess> process_;
};

}  // namespace opsreport::testing
