#include "opsreport/catalogue/item_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace opsreport::catalogue {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// An item or sub-item part: 1..99, no leading zero. Empty string when valid.
std::string PartProblem(std::string_view part, std::string_view what) {
  if (part.empty()) return absl::StrCat(std::string(what), " is empty");
  if (!AllDigits(part)) return absl::StrCat(std::string(what), " must be digits");
  if (part.size() > 2) return absl::StrCat(std::string(what), " must be 1-99");
  if (part.front() == '0') {
    return absl::StrCat(std::string(what), " must be 1-99 without a leading zero");
  }
  return "";
}

std::string Quoted(std::string_view s) { return absl::StrCat("\"", std::string(s), "\""); }

}  // namespace

absl::StatusOr<std::string> ItemNumberToCode(std::string_view number) {
  size_t dot = number.find('.');
  std::string_view item = number.substr(0, dot);
  std::string_view sub =
      dot == std::string_view::npos ? std::string_view() : number.substr(dot + 1);
  std::string problem = PartProblem(item, "item");
  if (problem.empty() && dot != std::string_view::npos) {
    problem = sub.find('.') != std::string_view::npos ? "at most one sub-item level (item.sub-item)"
                                                      : PartProblem(sub, "sub-item");
  }
  if (!problem.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalogue item number ", Quoted(number), ": ", problem));
  }
  std::string code;
  if (item.size() == 1) code += '0';
  code.append(item.data(), item.size());
  if (sub.size() < 2) code += '0';
  if (sub.empty()) {
    code += '0';
  } else {
    code.append(sub.data(), sub.size());
  }
  return code;
}

absl::StatusOr<std::string> ItemCodeToNumber(std::string_view code) {
  if (code.size() != 4 || !AllDigits(code)) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalogue code ", Quoted(code), ": must be exactly 4 digits"));
  }
  std::string_view item = code.substr(0, 2);
  std::string_view sub = code.substr(2, 2);
  if (item == "00") {
    return absl::InvalidArgumentError(
        absl::StrCat("catalogue code ", Quoted(code), ": item 00 does not exist"));
  }
  auto strip = [](std::string_view s) { return s.front() == '0' ? s.substr(1) : s; };
  std::string number(strip(item));
  if (sub != "00") absl::StrAppend(&number, ".", std::string(strip(sub)));
  return number;
}

}  // namespace opsreport::catalogue
