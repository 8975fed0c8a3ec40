#pragma once
// Small format checks and conversions shared by the validator and the CSV
// reader.

#include <optional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::register_extract::internal {

// `text` quoted for a message, cut to a readable length on a UTF-8 boundary,
// line breaks and tabs written as \n, \r, \t (a violation is one line:
// the status payload is line- and tab-separated).
std::string Quote(std::string_view text);
// The same escaping without quotes or cutting (for column names).
std::string Printable(std::string_view text);

bool AllDigits(std::string_view s);
// "115", "258-3": 1-3 digits, optionally "-" and 1-2 digits.
bool IsArticle(std::string_view s);

// An instant as an extract writes it: "YYYY-MM-DD HH:MM[:SS]" (or with "T")
// in Kyiv local time, or RFC 3339 with a "Z" or "+hh:mm" offset. Civil
// fields out of range ("2026-13-01", "25:00") are refused, not normalised.
std::optional<absl::Time> ParseInstant(std::string_view text);
inline constexpr char kInstantForms[] =
    "YYYY-MM-DD HH:MM[:SS] Kyiv time, or RFC 3339 with an offset";

google::protobuf::Timestamp ToTimestamp(absl::Time t);
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

// "closed" or "RESULT_KIND_CLOSED" -> RESULT_KIND_CLOSED; nullopt otherwise.
std::optional<v1::ResultKind> ParseResultKind(std::string_view text);
// "closed, indictment, ...": the forms ParseResultKind takes, for messages.
std::string ResultKindNames();

}  // namespace opsreport::register_extract::internal
