#include "names.h"

#include "absl/strings/ascii.h"

namespace opsreport::org {

std::string NormalizeName(std::string_view name) {
  std::string out;
  bool pending_space = false;
  for (char c : name) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace opsreport::org
