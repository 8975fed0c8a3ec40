#include "opsreport/redis/config.h"

#include <charconv>

#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"

namespace opsreport::redis {
namespace {

absl::Status Bad(std::string_view address, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("redis address \"", std::string(address), "\": ", std::string(why)));
}

bool ParsePort(std::string_view text, int* port) {
  if (text.empty() || text.size() > 5) return false;
  int v = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || v < 1 || v > 65535) {
    return false;
  }
  *port = v;
  return true;
}

// "host:port" or "[v6]:port"; the port may be omitted when `port_optional`.
absl::Status ParseHostPort(std::string_view address, std::string_view hostport, bool port_optional,
                           RedisConfig* config) {
  std::string_view host = hostport;
  std::string_view port;
  bool has_port = false;
  if (!hostport.empty() && hostport.front() == '[') {
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Bad(address, "unterminated '[' in host");
    host = hostport.substr(1, close - 1);
    std::string_view rest = hostport.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return Bad(address, "expected ':' after ']'");
      port = rest.substr(1);
      has_port = true;
    }
  } else {
    size_t colon = hostport.rfind(':');
    if (colon != std::string_view::npos) {
      if (hostport.find(':') != colon) {
        return Bad(address, "an IPv6 host must be written in brackets, e.g. [::1]:6379");
      }
      host = hostport.substr(0, colon);
      port = hostport.substr(colon + 1);
      has_port = true;
    }
  }
  if (host.empty()) return Bad(address, "host is empty");
  if (!has_port && !port_optional) return Bad(address, "missing \":port\"");
  if (has_port && !ParsePort(port, &config->port)) {
    return Bad(address,
               absl::StrCat("port \"", std::string(port), "\" is not a number in 1..65535"));
  }
  config->host = std::string(host);
  return absl::OkStatus();
}

}  // namespace

std::string RedisConfig::Endpoint() const {
  if (!unix_socket.empty()) return absl::StrCat("unix:", unix_socket);
  if (host.find(':') != std::string::npos) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

absl::StatusOr<RedisConfig> ParseRedisAddress(std::string_view address) {
  RedisConfig config;
  if (address.empty()) return Bad(address, "empty");
  constexpr std::string_view kUnix = "unix:";
  constexpr std::string_view kUrl = "redis://";
  if (address.substr(0, kUnix.size()) == kUnix) {
    std::string_view path = address.substr(kUnix.size());
    if (path.empty()) return Bad(address, "socket path is empty");
    config.unix_socket = std::string(path);
    return config;
  }
  if (address.substr(0, kUrl.size()) == kUrl) {
    std::string_view rest = address.substr(kUrl.size());
    if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
    if (rest.find('/') != std::string_view::npos) {
      return Bad(address, "database paths are not supported (use db 0)");
    }
    size_t at = rest.rfind('@');
    if (at != std::string_view::npos) {
      std::string_view userinfo = rest.substr(0, at);
      // redis://:password@host (Redis 6 ACL user names are not used here).
      if (userinfo.empty() || userinfo.front() != ':') {
        return Bad(address, "credentials must be written \":password@\"");
      }
      config.password = std::string(userinfo.substr(1));
      rest = rest.substr(at + 1);
    }
    absl::Status s = ParseHostPort(address, rest, /*port_optional=*/true, &config);
    if (!s.ok()) return s;
    return config;
  }
  absl::Status s = ParseHostPort(address, address, /*port_optional=*/false, &config);
  if (!s.ok()) return s;
  return config;
}

absl::Status ValidateRedisConfig(const RedisConfig& config) {
  base::Violations v;
  if (config.unix_socket.empty()) {
    if (config.host.empty()) v.Add("redis.host", "must not be empty without unix_socket");
    if (config.port < 1 || config.port > 65535) {
      v.Add("redis.port", absl::StrCat("must be in 1..65535, got ", config.port));
    }
  }
  if (config.connect_timeout <= absl::ZeroDuration()) {
    v.Add("redis.connect_timeout", "must be positive");
  }
  if (config.command_timeout <= absl::ZeroDuration()) {
    v.Add("redis.command_timeout", "must be positive");
  }
  if (config.pool_size < 1) {
    v.Add("redis.pool_size", absl::StrCat("must be at least 1, got ", config.pool_size));
  }
  return v.ToStatus("redis config");
}

}  // namespace opsreport::redis
