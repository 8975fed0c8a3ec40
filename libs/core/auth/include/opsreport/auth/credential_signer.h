#pragma once
// Issues and checks the signed credential every gRPC call carries.
//
// Token: base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload))),
// both without padding. The MAC covers the encoded payload text exactly as
// sent, so a token is authenticated before any of its payload is parsed.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/auth/principal.h"

namespace opsreport::auth {

class CredentialSigner {
 public:
  static constexpr size_t kMinKeyBytes = 32;
  // Tokens longer than this are refused unread (gRPC limits headers to 8 KiB).
  static constexpr size_t kMaxTokenBytes = 4096;

  // INVALID_ARGUMENT when `key` is shorter than kMinKeyBytes.
  static absl::StatusOr<CredentialSigner> Create(std::string key);

  // The file holds the key as raw bytes or as hex (the whole content, after
  // trailing CR/LF are trimmed, is hex digits of even length). NOT_FOUND when
  // unreadable; INVALID_ARGUMENT naming the path when too short or too large.
  static absl::StatusOr<CredentialSigner> FromKeyFile(const std::string& path);

  CredentialSigner(const CredentialSigner&) = default;
  CredentialSigner& operator=(const CredentialSigner&) = default;
  CredentialSigner(CredentialSigner&&) = default;
  CredentialSigner& operator=(CredentialSigner&&) = default;
  ~CredentialSigner();  // wipes the key

  // expires_at is carried in whole seconds, rounded down (never later).
  std::string Sign(const Principal& principal) const;

  // UNAUTHENTICATED whose message starts with "credential " and says why:
  // malformed, signature mismatch (wrong key or tampered), no unit/officer,
  // unknown role, or expired (with the expiry time). Valid while
  // now < expires_at.
  absl::StatusOr<Principal> Verify(std::string_view token, absl::Time now) const;

 private:
  explicit CredentialSigner(std::string key) : key_(std::move(key)) {}
  std::string Mac(std::string_view data) const;

  std::string key_;
};

}  // namespace opsreport::auth
