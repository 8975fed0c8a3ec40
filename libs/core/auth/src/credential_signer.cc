#include "opsreport/auth/credential_signer.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <iterator>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "payload.h"

namespace opsreport::auth {
namespace {

constexpr size_t kMacBytes = 32;  // SHA-256
constexpr size_t kMaxKeyFileBytes = 4096;

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::Status Unauthenticated(std::string_view reason) {
  return absl::UnauthenticatedError(absl::StrCat("credential ", AbslView(reason)));
}

std::string Utc(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

bool IsBase64Url(std::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// Strict base64url: the alphabet only, no padding, and the canonical encoding
// of what it decodes to, so one signature has exactly one spelling.
bool DecodeBase64Url(std::string_view text, std::string* out) {
  if (text.empty() || !IsBase64Url(text)) return false;
  if (!absl::WebSafeBase64Unescape(AbslView(text), out)) return false;
  return absl::WebSafeBase64Escape(*out) == AbslView(text);
}

bool IsHexKey(std::string_view s) {
  if (s.empty() || s.size() % 2 != 0) return false;
  for (char c : s) {
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<CredentialSigner> CredentialSigner::Create(std::string key) {
  if (key.size() < kMinKeyBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "credential key has ", key.size(), " bytes; at least ", kMinKeyBytes, " are required"));
  }
  return CredentialSigner(std::move(key));
}

absl::StatusOr<CredentialSigner> CredentialSigner::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("credential key file ", path, ": cannot open"));
  std::string content;
  content.resize(kMaxKeyFileBytes + 1);
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  if (content.size() > kMaxKeyFileBytes) {
    OPENSSL_cleanse(content.data(), content.size());
    return absl::InvalidArgumentError(
        absl::StrCat("credential key file ", path, ": larger than ", kMaxKeyFileBytes, " bytes"));
  }
  while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) {
    content.pop_back();
  }
  std::string key = IsHexKey(content) ? absl::HexStringToBytes(content) : content;
  OPENSSL_cleanse(content.data(), content.size());
  auto signer = Create(std::move(key));
  if (!signer.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("credential key file ", path, ": ", signer.status().message()));
  }
  return signer;
}

CredentialSigner::~CredentialSigner() {
  if (!key_.empty()) OPENSSL_cleanse(key_.data(), key_.size());
}

std::string CredentialSigner::Mac(std::string_view data) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string CredentialSigner::Sign(const Principal& principal) const {
  internal::RawPayload raw{
      .unit_code = principal.unit_code,
      .officer = principal.officer,
      .role = std::string(RoleName(principal.role)),
      .expires_unix_seconds = absl::ToUnixSeconds(principal.expires_at),
  };
  std::string body = absl::WebSafeBase64Escape(internal::EncodePayload(raw));
  std::string mac = absl::WebSafeBase64Escape(Mac(body));
  return absl::StrCat(body, ".", mac);
}

absl::StatusOr<Principal> CredentialSigner::Verify(std::string_view token, absl::Time now) const {
  if (token.empty()) return Unauthenticated("is empty");
  if (token.size() > kMaxTokenBytes) {
    return Unauthenticated(
        absl::StrCat("malformed: ", token.size(), " bytes, more than ", kMaxTokenBytes));
  }
  size_t dot = token.find('.');
  if (dot == std::string_view::npos || token.find('.', dot + 1) != std::string_view::npos) {
    return Unauthenticated("malformed: expected <payload>.<signature>");
  }
  std::string_view body = token.substr(0, dot);
  std::string payload_bytes;
  if (!DecodeBase64Url(body, &payload_bytes)) {
    return Unauthenticated("malformed: payload is not base64url");
  }
  std::string given_mac;
  if (!DecodeBase64Url(token.substr(dot + 1), &given_mac)) {
    return Unauthenticated("malformed: signature is not base64url");
  }
  if (given_mac.size() != kMacBytes) {
    return Unauthenticated(absl::StrCat("malformed: signature has ", given_mac.size(),
                                        " bytes, expected ", kMacBytes));
  }
  std::string expected_mac = Mac(body);
  if (CRYPTO_memcmp(expected_mac.data(), given_mac.data(), kMacBytes) != 0) {
    return Unauthenticated("signature does not match (wrong key or tampered token)");
  }
  // Authentic from here on: a fault below means a signer of another version.
  auto raw = internal::DecodePayload(payload_bytes);
  if (!raw.ok())
    return Unauthenticated(absl::StrCat("malformed payload: ", raw.status().message()));
  auto role = ParseRole(raw->role);
  if (!role.ok()) return Unauthenticated(absl::StrCat("names ", role.status().message()));
  if (raw->unit_code.empty()) return Unauthenticated("names no unit");
  if (raw->officer.empty()) return Unauthenticated("names no officer");
  Principal principal{
      .unit_code = std::move(raw->unit_code),
      .officer = std::move(raw->officer),
      .role = *role,
      .expires_at = absl::FromUnixSeconds(raw->expires_unix_seconds),
  };
  if (now >= principal.expires_at) {
    return Unauthenticated(
        absl::StrCat("expired at ", Utc(principal.expires_at), " (now ", Utc(now), ")"));
  }
  return principal;
}

}  // namespace opsreport::auth
