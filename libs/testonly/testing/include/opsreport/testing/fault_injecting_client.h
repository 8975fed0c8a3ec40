#pragma once
// A redis::Client that passes every call to a real one (e.g. over the shared
// redis-server, shared_redis.h) and can make the next calls fail without
// reaching Redis, to rehearse an outage; it also counts the calls, to check
// round trips.
//
//   FaultInjectingClient redis(*EmptySharedRedis());
//   redis.FailNext(2, absl::UnavailableError("redis down"));

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "opsreport/redis/client.h"

namespace opsreport::testing {

class FaultInjectingClient : public redis::Client {
 public:
  explicit FaultInjectingClient(std::unique_ptr<redis::Client> inner);

  absl::StatusOr<redis::Reply> Command(const std::vector<std::string>& args) override;
  absl::StatusOr<std::vector<redis::Reply>> Pipeline(
      const std::vector<std::vector<std::string>>& commands) override;
  absl::StatusOr<redis::Reply> Eval(const redis::Script& script,
                                    const std::vector<std::string>& keys,
                                    const std::vector<std::string>& args) override;
  absl::StatusOr<std::vector<redis::Reply>> Transaction(
      const std::vector<std::vector<std::string>>& commands) override;

  // The next `n` calls (any of the four above) return `status` and do not
  // reach Redis. Queued behind failures already armed.
  void FailNext(int n, absl::Status status);
  // Calls made so far, failed ones included.
  int64_t call_count() const;
  // The client calls are passed to, e.g. to look without being counted.
  redis::Client& inner() { return *inner_; }

 private:
  // Counts the call and consumes one armed failure; OK when none is armed.
  absl::Status Begin();

  std::unique_ptr<redis::Client> inner_;
  mutable absl::Mutex mu_;
  std::deque<absl::Status> failures_ ABSL_GUARDED_BY(mu_);
  int64_t calls_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace opsreport::testing
