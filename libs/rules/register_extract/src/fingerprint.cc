#include "opsreport/register_extract/fingerprint.h"

#include <openssl/evp.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/string_view.h"

namespace opsreport::register_extract {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  bool finished = false;
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  // Only allocation can fail here; a fingerprint we cannot compute would let
  // an extract be applied twice, so there is no sensible way to go on.
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
}

Sha256::~Sha256() { EVP_MD_CTX_free(state_->ctx); }

void Sha256::Update(std::string_view bytes) {
  if (!bytes.empty()) EVP_DigestUpdate(state_->ctx, bytes.data(), bytes.size());
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (state_->finished) std::abort();  // a second digest would silently be of nothing
  state_->finished = true;
  EVP_DigestFinal_ex(state_->ctx, digest, &len);
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), len));
}

std::string FingerprintBytes(std::string_view bytes) {
  Sha256 sha;
  sha.Update(bytes);
  return sha.HexDigest();
}

absl::StatusOr<std::string> FingerprintStream(std::istream& in) {
  Sha256 sha;
  char buf[64 * 1024];
  while (in) {
    in.read(buf, sizeof(buf));
    sha.Update(std::string_view(buf, static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return absl::DataLossError("cannot read the extract to the end");
  return sha.HexDigest();
}

}  // namespace opsreport::register_extract
