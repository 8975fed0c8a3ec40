#pragma once
// Where and how to reach Redis.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::redis {

struct RedisConfig {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string unix_socket;  // when set, host and port are ignored
  absl::Duration connect_timeout = absl::Seconds(2);
  absl::Duration command_timeout = absl::Seconds(5);
  int pool_size = 8;
  std::string password;  // sent with AUTH on every new connection when set

  // "unix:/path" or "host:port", for error messages. Never the password.
  std::string Endpoint() const;
};

// Accepts "host:port", "[v6addr]:port", "unix:/path/to.sock" and
// "redis://[:password@]host[:port][/]" (port defaults to 6379). The other
// fields keep their defaults. INVALID_ARGUMENT naming the address and the
// part at fault.
absl::StatusOr<RedisConfig> ParseRedisAddress(std::string_view address);

// Every fault of a config at once (fields named "redis.<field>").
absl::Status ValidateRedisConfig(const RedisConfig& config);

}  // namespace opsreport::redis
