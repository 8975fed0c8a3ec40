#include "payload.h"

#include <charconv>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace opsreport::auth::internal {
namespace {

constexpr std::string_view kVersion = "c1;";
// Bounds a length prefix so a hostile one cannot overflow or allocate much;
// a whole token is far smaller anyway.
constexpr size_t kMaxFieldBytes = 4096;

void AppendField(std::string& out, std::string_view value) {
  absl::StrAppend(&out, value.size(), ":");
  out.append(value);
}

// Consumes one field from the front of `rest`.
absl::StatusOr<std::string_view> TakeField(std::string_view& rest, std::string_view name) {
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("field ", std::string(name), ": missing length prefix"));
  }
  std::string_view digits = rest.substr(0, colon);
  if (digits.size() > 1 && digits[0] == '0') {
    return absl::InvalidArgumentError(
        absl::StrCat("field ", std::string(name), ": length has a leading zero"));
  }
  size_t length = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
  if (ec != std::errc() || end != digits.data() + digits.size() || length > kMaxFieldBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("field ", std::string(name), ": bad length \"", std::string(digits), "\""));
  }
  rest.remove_prefix(colon + 1);
  if (rest.size() < length) {
    return absl::InvalidArgumentError(absl::StrCat("field ", std::string(name), ": declares ",
                                                   length, " bytes, only ", rest.size(), " left"));
  }
  std::string_view value = rest.substr(0, length);
  rest.remove_prefix(length);
  return value;
}

}  // namespace

std::string EncodePayload(const RawPayload& payload) {
  std::string out(kVersion);
  AppendField(out, payload.unit_code);
  AppendField(out, payload.officer);
  AppendField(out, payload.role);
  AppendField(out, std::to_string(payload.expires_unix_seconds));
  return out;
}

absl::StatusOr<RawPayload> DecodePayload(std::string_view bytes) {
  if (bytes.substr(0, kVersion.size()) != kVersion) {
    return absl::InvalidArgumentError("unknown payload version");
  }
  std::string_view rest = bytes.substr(kVersion.size());
  RawPayload out;
  auto unit = TakeField(rest, "unit_code");
  if (!unit.ok()) return unit.status();
  auto officer = TakeField(rest, "officer");
  if (!officer.ok()) return officer.status();
  auto role = TakeField(rest, "role");
  if (!role.ok()) return role.status();
  auto expires = TakeField(rest, "expires_at");
  if (!expires.ok()) return expires.status();
  if (!rest.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(rest.size(), " trailing byte(s) after fields"));
  }
  std::string_view digits = *expires;
  auto [end, ec] =
      std::from_chars(digits.data(), digits.data() + digits.size(), out.expires_unix_seconds);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("field expires_at: not an integer \"", std::string(digits), "\""));
  }
  out.unit_code = std::string(*unit);
  out.officer = std::string(*officer);
  out.role = std::string(*role);
  return out;
}

}  // namespace opsreport::auth::internal
