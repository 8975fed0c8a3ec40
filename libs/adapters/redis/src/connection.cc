#include "connection.h"

#include <sys/time.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace opsreport::redis::internal {
absl::StatusOr<std::unique_ptr<Connection>> Connection::Dial(const RedisConfig& config) {
  std::string endpoint = config.Endpoint();
  timeval connect_tv = absl::ToTimeval(config.connect_timeout);
  ContextPtr ctx(config.unix_socket.empty()
                     ? redisConnectWithTimeout(config.host.c_str(), config.port, connect_tv)
                     : redisConnectUnixWithTimeout(config.unix_socket.c_str(), connect_tv));
  if (!ctx) {
    return absl::ResourceExhaustedError(
        absl::StrCat("redis ", endpoint, ": cannot allocate a connection"));
  }
  if (ctx->err) {
    return absl::UnavailableError(
        absl::StrCat("redis ", endpoint, ": cannot connect: ", ctx->errstr));
  }
  if (redisSetTimeout(ctx.get(), absl::ToTimeval(config.command_timeout)) != REDIS_OK) {
    return absl::UnavailableError(
        absl::StrCat("redis ", endpoint, ": cannot set the command timeout: ", ctx->errstr));
  }
  if (config.unix_socket.empty()) redisEnableKeepAlive(ctx.get());

  std::unique_ptr<Connection> conn(new Connection(std::move(ctx), endpoint));
  if (!config.password.empty()) {
    auto replies = conn->RoundTrip({{"AUTH", config.password}});
    if (!replies.ok()) return replies.status();
    const Reply& auth = (*replies)[0];
    if (auth.is_error()) {
      absl::Status s = StatusFromRedisError(auth.str, absl::StrCat("redis ", endpoint, " AUTH"));
      return absl::PermissionDeniedError(s.message());
    }
  }
  return conn;
}

absl::Status Connection::IoError(std::string_view during) {
  broken_ = true;
  std::string detail = context_->errstr;
  // hiredis reports an expired SO_RCVTIMEO as a plain EAGAIN.
  if (detail == strerror(EAGAIN) || detail == strerror(EWOULDBLOCK)) {
    detail = absl::StrCat("timed out (", detail, ")");
  }
  return absl::UnavailableError(
      absl::StrCat("redis ", endpoint_, ": connection lost ", std::string(during), ": ", detail));
}

absl::StatusOr<std::vector<Reply>> Connection::RoundTrip(
    const std::vector<std::vector<std::string>>& commands) {
  if (broken_) {
    return absl::UnavailableError(absl::StrCat("redis ", endpoint_, ": connection is broken"));
  }
  std::vector<const char*> argv;
  std::vector<size_t> argvlen;
  for (const auto& command : commands) {
    argv.clear();
    argvlen.clear();
    for (const auto& arg : command) {
      argv.push_back(arg.data());
      argvlen.push_back(arg.size());
    }
    if (redisAppendCommandArgv(context_.get(), static_cast<int>(argv.size()), argv.data(),
                               argvlen.data()) != REDIS_OK) {
      return IoError("while buffering a command");
    }
  }
  std::vector<Reply> replies;
  replies.reserve(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) {
      return IoError(absl::StrCat("waiting for reply ", i + 1, " of ", commands.size()));
    }
    ReplyPtr reply(static_cast<redisReply*>(raw));
    replies.push_back(ReplyFromHiredis(*reply));
  }
  return replies;
}

}  // namespace opsreport::redis::internal
