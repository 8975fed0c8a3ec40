#pragma once
// An in-memory Client for unit tests: a thread-safe Redis 7 subset with the
// same replies and error texts, failure injection, and C++ stand-ins for Lua.
//
// Commands: PING FLUSHALL FLUSHDB TYPE DEL EXISTS EXPIRE PEXPIRE (TTLs are
// accepted and ignored), strings GET SET(NX XX GET EX PX KEEPTTL) SETNX MGET
// INCR INCRBY, hashes HSET HGET HMGET HGETALL HDEL HLEN HINCRBY, sets SADD
// SREM SMEMBERS SISMEMBER SCARD, sorted sets ZADD(NX XX GT LT CH INCR) ZREM
// ZRANGEBYSCORE(WITHSCORES LIMIT) ZSCORE ZCARD, lists RPUSH LRANGE LLEN.
// Replies that Redis leaves unordered (SMEMBERS, HGETALL) come back sorted.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "opsreport/redis/client.h"

namespace opsreport::redis {

namespace internal {
class FakeStore;
}

class FakeClient : public Client {
 public:
  // Runs atomically, like the Lua it stands for: it may call back into the
  // FakeClient (Command, Pipeline, ...) and nothing else interleaves. Return
  // an error Status to model redis.error_reply / a failing redis.call.
  using ScriptHandler = std::function<absl::StatusOr<Reply>(
      FakeClient&, const std::vector<std::string>& keys, const std::vector<std::string>& args)>;

  FakeClient();
  ~FakeClient() override;

  absl::StatusOr<Reply> Command(const std::vector<std::string>& args) override;
  absl::StatusOr<std::vector<Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) override;
  // FAILED_PRECONDITION (Redis code NOSCRIPT) for a script with no handler.
  absl::StatusOr<Reply> Eval(const Script& script, const std::vector<std::string>& keys,
                             const std::vector<std::string>& args) override;
  absl::StatusOr<std::vector<Reply>> Transaction(
      const std::vector<std::vector<std::string>>& commands) override;

  // Replaces any handler registered for the same script text.
  void RegisterScript(const Script& script, ScriptHandler handler);
  // The next `n` calls (Command, Pipeline, Eval, Transaction; calls made by a
  // script handler don't count) return `status` without touching the data,
  // e.g. absl::UnavailableError to rehearse a Redis outage. Queued behind
  // failures already armed.
  void FailNext(int n, absl::Status status);

  // For assertions: every key present, sorted.
  std::vector<std::string> Keys() const;
  // Top-level calls made so far, failed ones included.
  int64_t call_count() const;

 private:
  // Consumes one armed failure for a top-level call; OK when none.
  absl::Status Begin();

  mutable std::recursive_mutex mu_;  // recursive: script handlers call back in
  std::unique_ptr<internal::FakeStore> store_;
  std::map<std::string, ScriptHandler> scripts_;  // by sha1
  std::deque<absl::Status> failures_;
  int depth_ = 0;  // > 0 while a script handler runs
  int64_t calls_ = 0;
};

}  // namespace opsreport::redis
