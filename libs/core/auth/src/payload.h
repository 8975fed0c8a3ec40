#pragma once
// The signed part of a credential. Fields are length-prefixed ("<bytes>:<data>")
// so an officer's name may hold any byte, separators included, without escaping.
//
//   payload := "c1;" field(unit_code) field(officer) field(role) field(expires)
//   field   := <decimal byte count> ":" <bytes>
//   expires := Unix seconds, decimal, optional leading "-"

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace opsreport::auth::internal {

struct RawPayload {
  std::string unit_code;
  std::string officer;
  std::string role;  // as written; parsed by the caller so "unknown role" is its own error
  int64_t expires_unix_seconds = 0;
};

std::string EncodePayload(const RawPayload& payload);

// INVALID_ARGUMENT describing the first structural fault.
absl::StatusOr<RawPayload> DecodePayload(std::string_view bytes);

}  // namespace opsreport::auth::internal
