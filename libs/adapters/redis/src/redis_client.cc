#include "opsreport/redis/redis_client.h"

#include <signal.h>

#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "connection.h"
#include "opsreport/base/status_macros.h"
#include "transaction_errors.h"

namespace opsreport::redis {
namespace {

using internal::Connection;

void IgnoreSigpipeOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current;
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL &&
        !(current.sa_flags & SA_SIGINFO)) {
      signal(SIGPIPE, SIG_IGN);
    }
  });
}

absl::Status CheckCommands(const std::vector<std::vector<std::string>>& commands) {
  for (size_t i = 0; i < commands.size(); ++i) {
    if (commands[i].empty()) {
      return absl::InvalidArgumentError(absl::StrCat("redis: commands[", i, "] is empty"));
    }
  }
  return absl::OkStatus();
}

std::string ScriptContext(std::string_view verb, const Script& script) {
  return absl::StrCat("redis ", std::string(verb), " ", script.sha1().substr(0, 12));
}

class ConnectionPool {
 public:
  explicit ConnectionPool(RedisConfig config) : config_(std::move(config)) {}

  // A connection lent to one caller; returned (or dropped if broken) on scope exit.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (conn_) pool_->Return(std::move(conn_));
    }
    Connection* operator->() const { return conn_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  // Seeds the pool so a bad address fails at start-up.
  absl::Status Prime() {
    ASSIGN_OR_RETURN(auto conn, Connection::Dial(config_));
    absl::MutexLock lock(&mu_);
    ++open_;
    idle_.push_back(std::move(conn));
    return absl::OkStatus();
  }

  absl::StatusOr<Lease> Acquire() {
    {
      absl::MutexLock lock(&mu_);
      auto can_proceed = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !idle_.empty() || open_ < config_.pool_size;
      };
      if (!mu_.AwaitWithTimeout(absl::Condition(&can_proceed),
                                config_.connect_timeout + config_.command_timeout)) {
        return absl::DeadlineExceededError(absl::StrCat("redis ", config_.Endpoint(), ": all ",
                                                        config_.pool_size,
                                                        " pooled connections stayed busy"));
      }
      if (!idle_.empty()) {
        std::unique_ptr<Connection> conn = std::move(idle_.back());
        idle_.pop_back();
        return Lease(this, std::move(conn));
      }
      ++open_;  // reserve the slot; dial without holding the lock
    }
    auto conn = Connection::Dial(config_);
    if (!conn.ok()) {
      absl::MutexLock lock(&mu_);
      --open_;
      return conn.status();
    }
    return Lease(this, std::move(*conn));
  }

 private:
  void Return(std::unique_ptr<Connection> conn) {
    std::vector<std::unique_ptr<Connection>> stale;
    absl::MutexLock lock(&mu_);
    if (!conn->broken()) {
      idle_.push_back(std::move(conn));
      return;
    }
    // One broken connection usually means the server went away or restarted;
    // the idle ones are then stale too, and each would cost a caller an error.
    --open_;
    open_ -= static_cast<int>(idle_.size());
    stale.swap(idle_);
    conn.reset();
  }

  const RedisConfig config_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_ ABSL_GUARDED_BY(mu_);
  int open_ ABSL_GUARDED_BY(mu_) = 0;  // idle + lent + being dialled
};

class PooledClient final : public Client {
 public:
  explicit PooledClient(RedisConfig config) : pool_(std::move(config)) {}

  absl::Status Prime() { return pool_.Prime(); }

  absl::StatusOr<Reply> Command(const std::vector<std::string>& args) override {
    if (args.empty()) return absl::InvalidArgumentError("redis: empty command");
    ASSIGN_OR_RETURN(auto replies, RoundTrip({args}));
    Reply& reply = replies[0];
    if (reply.is_error()) return StatusFromRedisError(reply.str, absl::StrCat("redis ", args[0]));
    return std::move(reply);
  }

  absl::StatusOr<std::vector<Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) override {
    if (commands.empty()) return std::vector<Reply>();
    RETURN_IF_ERROR(CheckCommands(commands));
    return RoundTrip(commands);
  }

  absl::StatusOr<Reply> Eval(const Script& script, const std::vector<std::string>& keys,
                             const std::vector<std::string>& args) override {
    std::vector<std::string> command = {"EVALSHA", script.sha1(), std::to_string(keys.size())};
    command.insert(command.end(), keys.begin(), keys.end());
    command.insert(command.end(), args.begin(), args.end());
    ASSIGN_OR_RETURN(auto replies, RoundTrip({command}));
    Reply reply = std::move(replies[0]);
    if (reply.is_error() && reply.str.rfind("NOSCRIPT", 0) == 0) {
      // EVAL also caches the script, so the next EVALSHA hits.
      command[0] = "EVAL";
      command[1] = script.lua();
      ASSIGN_OR_RETURN(replies, RoundTrip({command}));
      reply = std::move(replies[0]);
      if (reply.is_error()) return StatusFromRedisError(reply.str, ScriptContext("EVAL", script));
      return reply;
    }
    if (reply.is_error()) return StatusFromRedisError(reply.str, ScriptContext("EVALSHA", script));
    return reply;
  }

  absl::StatusOr<std::vector<Reply>> Transaction(
      const std::vector<std::vector<std::string>>& commands) override {
    if (commands.empty()) return std::vector<Reply>();
    RETURN_IF_ERROR(CheckCommands(commands));
    std::vector<std::vector<std::string>> batch;
    batch.reserve(commands.size() + 2);
    batch.push_back({"MULTI"});
    batch.insert(batch.end(), commands.begin(), commands.end());
    batch.push_back({"EXEC"});
    ASSIGN_OR_RETURN(auto replies, RoundTrip(batch));
    if (replies[0].is_error()) return StatusFromRedisError(replies[0].str, "redis MULTI");
    for (size_t i = 0; i < commands.size(); ++i) {
      const Reply& queued = replies[i + 1];
      if (queued.is_error()) {
        return internal::QueueingError(queued.str, i, commands[i][0]);
      }
    }
    Reply& exec = replies.back();
    if (exec.is_error()) return StatusFromRedisError(exec.str, "redis EXEC");
    if (exec.is_nil()) return absl::AbortedError("redis EXEC: transaction aborted");
    if (!exec.is_array() || exec.elements.size() != commands.size()) {
      return absl::InternalError(absl::StrCat("redis EXEC: unexpected reply ", exec.DebugString()));
    }
    return std::move(exec.elements);
  }

 private:
  absl::StatusOr<std::vector<Reply>> RoundTrip(
      const std::vector<std::vector<std::string>>& commands) {
    ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    return lease->RoundTrip(commands);
  }

  ConnectionPool pool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> NewRedisClient(const RedisConfig& config) {
  RETURN_IF_ERROR(ValidateRedisConfig(config));
  IgnoreSigpipeOnce();
  auto client = std::make_unique<PooledClient>(config);
  RETURN_IF_ERROR(client->Prime());
  return std::unique_ptr<Client>(std::move(client));
}

}  // namespace opsreport::redis
