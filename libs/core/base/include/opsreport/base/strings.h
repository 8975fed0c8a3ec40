#pragma once
// Small text helpers for the line-oriented data files.

#include <string>
#include <string_view>
#include <vector>

namespace opsreport::base {

std::string_view Trim(std::string_view s);
// Splits on `sep` keeping empty fields (a data row "a||b" has three fields).
std::vector<std::string> SplitKeepEmpty(std::string_view s, char sep);
// Number of Unicode code points in valid UTF-8 (bytes otherwise).
size_t Utf8Length(std::string_view s);
bool IsValidUtf8(std::string_view s);

}  // namespace opsreport::base
