#pragma once
// One blocking hiredis connection. Not thread-safe: the pool hands it to one
// caller at a time.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hiredis_handles.h"
#include "opsreport/redis/config.h"

namespace opsreport::redis::internal {

class Connection {
 public:
  // UNAVAILABLE naming the endpoint when it cannot connect (or AUTH fails
  // with PERMISSION_DENIED).
  static absl::StatusOr<std::unique_ptr<Connection>> Dial(const RedisConfig& config);

  // Writes every command in one go, then reads one reply per command. Error
  // replies come back as kError. An I/O or protocol error (including the
  // command timeout) returns UNAVAILABLE and marks the connection broken: its
  // stream may hold unread replies, so it must never be reused.
  absl::StatusOr<std::vector<Reply>> RoundTrip(
      const std::vector<std::vector<std::string>>& commands);

  bool broken() const { return broken_; }

 private:
  Connection(ContextPtr context, std::string endpoint)
      : context_(std::move(context)), endpoint_(std::move(endpoint)) {}
  absl::Status IoError(std::string_view during);

  ContextPtr context_;
  std::string endpoint_;
  bool broken_ = false;
};

}  // namespace opsreport::redis::internal
