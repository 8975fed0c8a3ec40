#include "opsreport/redis/reply.h"

#include <charconv>

#include "absl/strings/cord.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace opsreport::redis {
namespace {

absl::Status WrongType(const Reply& reply, std::string_view wanted) {
  return absl::FailedPreconditionError(
      absl::StrCat("redis reply: expected ", std::string(wanted), ", got ", reply.DebugString()));
}

void AppendDebug(const Reply& r, std::string* out) {
  switch (r.type) {
    case Reply::Type::kNil:
      out->append("(nil)");
      return;
    case Reply::Type::kInteger:
      absl::StrAppend(out, "(integer) ", r.integer);
      return;
    case Reply::Type::kString:
      absl::StrAppend(out, "\"", absl::CHexEscape(r.str), "\"");
      return;
    case Reply::Type::kStatus:
      out->append(r.str);
      return;
    case Reply::Type::kError:
      absl::StrAppend(out, "(error) ", r.str);
      return;
    case Reply::Type::kArray:
      out->append("[");
      for (size_t i = 0; i < r.elements.size(); ++i) {
        if (i > 0) out->append(", ");
        AppendDebug(r.elements[i], out);
      }
      out->append("]");
      return;
  }
}

}  // namespace

Reply Reply::MakeInteger(int64_t v) {
  Reply r;
  r.type = Type::kInteger;
  r.integer = v;
  return r;
}

Reply Reply::MakeString(std::string s) {
  Reply r;
  r.type = Type::kString;
  r.str = std::move(s);
  return r;
}

Reply Reply::MakeStatus(std::string s) {
  Reply r;
  r.type = Type::kStatus;
  r.str = std::move(s);
  return r;
}

Reply Reply::MakeError(std::string s) {
  Reply r;
  r.type = Type::kError;
  r.str = std::move(s);
  return r;
}

Reply Reply::MakeArray(std::vector<Reply> elements) {
  Reply r;
  r.type = Type::kArray;
  r.elements = std::move(elements);
  return r;
}

absl::StatusOr<int64_t> Reply::AsInteger() const {
  if (type == Type::kInteger) return integer;
  if (type == Type::kString) {
    int64_t v = 0;
    const char* end = str.data() + str.size();
    auto [ptr, ec] = std::from_chars(str.data(), end, v);
    if (ec == std::errc() && ptr == end && !str.empty()) return v;
  }
  return WrongType(*this, "an integer");
}

absl::StatusOr<std::string> Reply::AsString() const {
  if (type == Type::kString || type == Type::kStatus) return str;
  return WrongType(*this, "a string");
}

absl::StatusOr<std::optional<std::string>> Reply::AsOptionalString() const {
  if (type == Type::kNil) return std::optional<std::string>();
  if (type == Type::kString || type == Type::kStatus) return std::optional<std::string>(str);
  return WrongType(*this, "a string or nil");
}

absl::StatusOr<std::vector<std::string>> Reply::AsStringArray() const {
  if (type != Type::kArray) return WrongType(*this, "an array of strings");
  std::vector<std::string> out;
  out.reserve(elements.size());
  for (const Reply& e : elements) {
    if (e.type != Type::kString && e.type != Type::kStatus) {
      return WrongType(*this, "an array of strings");
    }
    out.push_back(e.str);
  }
  return out;
}

absl::StatusOr<std::map<std::string, std::string>> Reply::AsStringMap() const {
  auto flat = AsStringArray();
  if (!flat.ok()) return flat.status();
  if (flat->size() % 2 != 0) return WrongType(*this, "field/value pairs");
  std::map<std::string, std::string> out;
  for (size_t i = 0; i < flat->size(); i += 2) out[(*flat)[i]] = (*flat)[i + 1];
  return out;
}

absl::Status Reply::ToStatus() const {
  if (type != Type::kError) return absl::OkStatus();
  return StatusFromRedisError(str);
}

std::string Reply::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

std::string_view TypeName(Reply::Type type) {
  switch (type) {
    case Reply::Type::kNil:
      return "nil";
    case Reply::Type::kInteger:
      return "integer";
    case Reply::Type::kString:
      return "string";
    case Reply::Type::kArray:
      return "array";
    case Reply::Type::kStatus:
      return "status";
    case Reply::Type::kError:
      return "error";
  }
  return "?";
}

absl::Status StatusFromRedisError(std::string_view error, std::string_view context) {
  std::string_view code = error.substr(0, error.find(' '));
  absl::StatusCode status_code = absl::StatusCode::kFailedPrecondition;
  if (code == "LOADING" || code == "BUSY" || code == "MASTERDOWN" || code == "TRYAGAIN" ||
      code == "CLUSTERDOWN") {
    status_code = absl::StatusCode::kUnavailable;
  } else if (code == "NOAUTH" || code == "WRONGPASS" || code == "NOPERM") {
    status_code = absl::StatusCode::kPermissionDenied;
  } else if (code == "ERR") {
    status_code = absl::StatusCode::kInternal;
  }
  std::string message = context.empty()
                            ? std::string(error)
                            : absl::StrCat(std::string(context), ": ", std::string(error));
  absl::Status status(status_code, message);
  status.SetPayload(kRedisErrorPayload, absl::Cord(std::string(error)));
  return status;
}

std::optional<std::string> RedisErrorText(const absl::Status& status) {
  auto payload = status.GetPayload(kRedisErrorPayload);
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

std::string RedisErrorCode(const absl::Status& status) {
  auto text = RedisErrorText(status);
  if (!text) return "";
  return text->substr(0, text->find(' '));
}

}  // namespace opsreport::redis
