#pragma once

#include <string>
#include <string_view>

namespace opsreport::org {

// Trims and collapses runs of whitespace to one space, so that names typed
// with stray spaces still match the directory.
std::string NormalizeName(std::string_view name);

}  // namespace opsreport::org
