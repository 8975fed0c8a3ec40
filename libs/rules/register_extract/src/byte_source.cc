#include "byte_source.h"

namespace opsreport::register_extract::internal {

ByteSource::ByteSource(std::istream& in, size_t chunk_bytes) : in_(in), buf_(chunk_bytes) {}

bool ByteSource::Fill() {
  if (eof_) return false;
  in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  len_ = static_cast<size_t>(in_.gcount());
  pos_ = 0;
  sha_.Update(std::string_view(buf_.data(), len_));
  if (!in_) {
    eof_ = true;
    failed_ = in_.bad();
  }
  return len_ > 0;
}

std::string ByteSource::Finish() {
  pos_ = len_;
  while (Fill()) pos_ = len_;
  return sha_.HexDigest();
}

}  // namespace opsreport::register_extract::internal
