#pragma once
// A Redis (RESP2) reply as a plain value, detached from hiredis so callers
// never see a C object.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace opsreport::redis {

struct Reply {
  enum class Type { kNil, kInteger, kString, kArray, kStatus, kError };

  Type type = Type::kNil;
  int64_t integer = 0;          // kInteger
  std::string str;              // kString, kStatus, kError
  std::vector<Reply> elements;  // kArray

  static Reply MakeNil() { return Reply{}; }
  static Reply MakeInteger(int64_t v);
  static Reply MakeString(std::string s);
  static Reply MakeStatus(std::string s);
  static Reply MakeError(std::string s);
  static Reply MakeArray(std::vector<Reply> elements);

  bool is_nil() const { return type == Type::kNil; }
  bool is_integer() const { return type == Type::kInteger; }
  bool is_string() const { return type == Type::kString; }
  bool is_array() const { return type == Type::kArray; }
  bool is_status() const { return type == Type::kStatus; }
  bool is_error() const { return type == Type::kError; }

  // kInteger, or a kString holding a decimal integer (Lua and MGET hand
  // numbers back as strings). FAILED_PRECONDITION otherwise.
  absl::StatusOr<int64_t> AsInteger() const;
  // kString or kStatus.
  absl::StatusOr<std::string> AsString() const;
  // nullopt for kNil, else as AsString.
  absl::StatusOr<std::optional<std::string>> AsOptionalString() const;
  // An array of strings (nil elements are an error).
  absl::StatusOr<std::vector<std::string>> AsStringArray() const;
  // A flat field/value array such as HGETALL's.
  absl::StatusOr<std::map<std::string, std::string>> AsStringMap() const;
  // OK unless kError, which becomes StatusFromRedisError(str).
  absl::Status ToStatus() const;

  // Redis-cli-like rendering for logs and test failure messages.
  std::string DebugString() const;

  bool operator==(const Reply&) const = default;
};

std::string_view TypeName(Reply::Type type);

// Maps a Redis error reply ("WRONGTYPE ...", "ERR ...", a script's own
// "CONFLICT ...") to a Status whose message is `context: <error>` (just the
// error when context is empty) and whose payload kRedisErrorPayload holds the
// error text verbatim:
//   LOADING BUSY MASTERDOWN TRYAGAIN CLUSTERDOWN -> UNAVAILABLE (retry helps)
//   NOAUTH WRONGPASS NOPERM                      -> PERMISSION_DENIED
//   ERR (generic server or script failure)       -> INTERNAL
//   anything else (WRONGTYPE, NOSCRIPT, EXECABORT, script codes)
//                                                -> FAILED_PRECONDITION
absl::Status StatusFromRedisError(std::string_view error, std::string_view context = {});
inline constexpr char kRedisErrorPayload[] = "type.opsreport/redis-error";
// The verbatim Redis error text carried by a status, if any.
std::optional<std::string> RedisErrorText(const absl::Status& status);
// The first word of that text ("WRONGTYPE", "CONFLICT"), empty if none.
std::string RedisErrorCode(const absl::Status& status);

// Decodes raw RESP2 bytes holding zero or more complete replies (the same
// hiredis reader the client uses). INVALID_ARGUMENT on a protocol error or a
// truncated trailing reply.
absl::StatusOr<std::vector<Reply>> ParseResp(std::string_view bytes);

}  // namespace opsreport::redis
