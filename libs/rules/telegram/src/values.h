#pragma once
// How single values read on a telegram: facts, yes/no, numbers, dates and the
// Ukrainian names of the enums.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::telegram::internal {

inline constexpr char kNotEstablished[] = "не встановлено";
inline constexpr char kYes[] = "так";

// text -> text; not established -> "не встановлено" or "не встановлено (note)";
// silent -> "".
std::string FactText(const opsreport::v1::Fact& fact);
// The inverse; also accepts a capitalised "Не встановлено".
opsreport::v1::Fact ParseFact(std::string_view text);

absl::StatusOr<bool> ParseYesNo(std::string_view text);
absl::StatusOr<int64_t> ParseInteger(std::string_view text);

// "YYYY-MM-DD" -> "DD.MM.YYYY"; anything else is shown unchanged.
std::string IsoDateToText(std::string_view iso);
// "DD.MM.YYYY" (a real date) -> "YYYY-MM-DD".
absl::StatusOr<std::string> TextDateToIso(std::string_view text);

// A closed list of Ukrainian names for the values of one enum.
struct EnumName {
  int value;
  std::string_view text;
};
using EnumNames = std::vector<EnumName>;

const EnumNames& EventKindNames();
const EnumNames& OneHourTriggerNames();
const EnumNames& SignerCapacityNames();
// Person roles as the label of the line that opens a person ("Потерпілий").
const EnumNames& PersonRoleNames();

// The name of `value`, or "" for a value outside the list.
std::string_view NameOf(const EnumNames& names, int value);
// The value named `text`, or an error listing the accepted names.
absl::StatusOr<int> ValueOf(const EnumNames& names, std::string_view text);
// Exact match only, apostrophe-tolerant; -1 when absent.
int FindValue(const EnumNames& names, std::string_view text);

}  // namespace opsreport::telegram::internal
