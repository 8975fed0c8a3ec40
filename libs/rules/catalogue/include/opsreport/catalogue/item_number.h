#pragma once
// Catalogue item numbers and their four-digit codes (002 §9.1.5, DOMAIN §2):
// item then sub-item, each two digits, zero-padded: "1" -> "0100",
// "10" -> "1000", "26.1" -> "2601", "34.10" -> "3410". Item and sub-item are
// 1..99 written without leading zeros, so the mapping is one-to-one.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace opsreport::catalogue {

absl::StatusOr<std::string> ItemNumberToCode(std::string_view number);
absl::StatusOr<std::string> ItemCodeToNumber(std::string_view code);

}  // namespace opsreport::catalogue
