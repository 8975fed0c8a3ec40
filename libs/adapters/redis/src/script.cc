#include "opsreport/redis/script.h"

#include <openssl/evp.h>

#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"

namespace opsreport::redis {
namespace {

std::string Sha1Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // One-shot EVP: the SHA1_* functions are deprecated in OpenSSL 3.
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha1(), nullptr);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), len));
}

}  // namespace

Script::Script(std::string lua) : lua_(std::move(lua)), sha1_(Sha1Hex(lua_)) {}

}  // namespace opsreport::redis
