#include "opsreport/testing/redis_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/process/net.h"
#include "opsreport/process/unique_fd.h"

namespace opsreport::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(10);
constexpr int kPortAttempts = 3;

std::string LogTail(const std::string& path, size_t max_bytes = 2000) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string all = ss.str();
  return all.size() > max_bytes ? all.substr(all.size() - max_bytes) : all;
}

// One PING over a raw socket, not through libs/adapters/redis, which tests
// itself against this server. "-LOADING" while the AOF replays.
bool AnswersPing(int port) {
  process::UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return false;
  timeval tv{1, 0};
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return false;
  constexpr char kPing[] = "*1\r\n$4\r\nPING\r\n";
  if (send(fd.get(), kPing, sizeof(kPing) - 1, MSG_NOSIGNAL) != sizeof(kPing) - 1) return false;
  char buf[64];
  ssize_t n = recv(fd.get(), buf, sizeof(buf), 0);
  return n >= 5 && std::string_view(buf, 5) == "+PONG";
}

}  // namespace

absl::StatusOr<std::unique_ptr<RedisServer>> RedisServer::Start(Options options) {
  std::optional<TempDir> temp_dir;
  std::string dir = options.dir;
  if (dir.empty()) {
    temp_dir.emplace();
    dir = temp_dir->path();
  }
  absl::Status last;
  // The free port may be taken by someone else before redis binds it.
  for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
    ASSIGN_OR_RETURN(int port, process::FreeTcpPort());
    std::unique_ptr<RedisServer> server(new RedisServer(options, std::nullopt, dir, port));
    last = server->Launch();
    if (last.ok()) {
      server->temp_dir_ = std::move(temp_dir);
      return server;
    }
    if (last.message().find("Address already in use") == absl::string_view::npos) break;
  }
  return last;
}

RedisServer::~RedisServer() { process_.reset(); }

std::string RedisServer::address() const { return absl::StrCat("127.0.0.1:", port_); }

bool RedisServer::running() { return process_ && process_->Running(); }

absl::Status RedisServer::Launch() {
  std::string log = dir_ + "/redis.log";
  process::SpawnOptions spawn;
  spawn.argv = {options_.binary,
                "--port",
                std::to_string(port_),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir_,
                "--save",
                "",
                "--appendonly",
                options_.aof ? "yes" : "no",
                "--appendfsync",
                options_.appendfsync,
                "--daemonize",
                "no",
                "--logfile",
                ""};
  spawn.stdout_path = log;
  spawn.stderr_path = log;
  spawn.kill_on_parent_death = true;
  ASSIGN_OR_RETURN(process::Subprocess child, process::Subprocess::Spawn(spawn));
  process_.emplace(std::move(child));

  absl::Time deadline = absl::Now() + kStartTimeout;
  while (!AnswersPing(port_)) {
    if (!process_->Running()) {
      int code = process_->exit_code().value_or(-1);
      process_.reset();
      return absl::InternalError(absl::StrCat("redis-server on ", address(), " exited with code ",
                                              code, " during start-up; log ", log, ":\n",
                                              LogTail(log)));
    }
    if (absl::Now() > deadline) {
      process_.reset();
      return absl::DeadlineExceededError(
          absl::StrCat("redis-server on ", address(), " did not answer PING within ",
                       absl::FormatDuration(kStartTimeout), "; log ", log, ":\n", LogTail(log)));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
  return absl::OkStatus();
}

absl::Status RedisServer::Restart() {
  if (process_) {
    // redis-server exits on SIGTERM after flushing the AOF.
    RETURN_IF_ERROR(process_->Terminate(absl::Seconds(10)));
    process_.reset();
  }
  return Launch();
}

absl::Status RedisServer::KillAndRestart() {
  Crash();
  return Launch();
}

void RedisServer::Crash() {
  if (process_) process_->Kill();
  process_.reset();
}

absl::Status RedisServer::Relaunch() {
  if (running()) {
    return absl::FailedPreconditionError(
        absl::StrCat("redis-server on ", address(), " is still running"));
  }
  process_.reset();
  return Launch();
}

}  // namespace opsreport::testing
