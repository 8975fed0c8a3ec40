#pragma once
// The fingerprint of an extract: the SHA-256 of its exact bytes in lowercase
// hex. The caller stores the fingerprints of applied extracts, so one sent
// again is recognised and not applied twice. Only the bytes count: the same
// rows re-exported with other line endings or quoting are a new extract.

#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace opsreport::register_extract {

// Incremental SHA-256, fed as the extract is read so it never needs the
// whole extract in memory.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // 64 lowercase hex digits. Finishes the digest: call once, after the last Update.
  std::string HexDigest();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string FingerprintBytes(std::string_view bytes);
// Reads `in` to the end; DATA_LOSS when the stream fails mid-way.
absl::StatusOr<std::string> FingerprintStream(std::istream& in);

}  // namespace opsreport::register_extract
