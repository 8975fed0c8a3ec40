#pragma once
// Reads an istream in fixed-size chunks and feeds every byte to a SHA-256, so
// an extract is read once, in bounded memory, and fingerprinted on the way.

#include <istream>
#include <string>
#include <vector>

#include "opsreport/register_extract/fingerprint.h"

namespace opsreport::register_extract::internal {

class ByteSource {
 public:
  static constexpr int kEnd = -1;

  explicit ByteSource(std::istream& in, size_t chunk_bytes = 64 * 1024);

  // The next byte (0..255), or kEnd at the end of the input or on a read error.
  int Get() {
    if (pos_ == len_ && !Fill()) return kEnd;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int Peek() {
    if (pos_ == len_ && !Fill()) return kEnd;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  // True when the stream failed before its end (not merely ended).
  bool failed() const { return failed_; }

  // Reads what is left so the fingerprint covers every byte, then returns
  // it. Call once, at the end.
  std::string Finish();

 private:
  bool Fill();

  std::istream& in_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t len_ = 0;
  bool eof_ = false;
  bool failed_ = false;
  Sha256 sha_;
};

}  // namespace opsreport::register_extract::internal
