#pragma once
// The two-line coding line of 002 §9.1.5:
//   unit_code?event_type_code?catalogue_code?cc_article?article_sign?article_part?article_paragraph?
//   received_time?received_day?received_month?received_year?summary_day?summary_month?summary_year?

#include <array>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "opsreport/base/violations.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::coding_line {

inline constexpr int kFieldsPerLine = 7;
inline constexpr int kFieldCount = 2 * kFieldsPerLine;

// Proto field names of CodingLine in text order; the first kFieldsPerLine
// are line 1, the rest line 2.
const std::array<std::string, kFieldCount>& FieldNames();

// Two lines joined by '\n', each field followed by '?'. No trailing newline.
std::string Render(const opsreport::v1::CodingLine& line);

// Accepts the rendered form, tolerating surrounding whitespace, CRLF, blank
// lines, spaces around fields and a trailing '.' after the last '?' (the
// instruction's own sample ends "рік?."). Checks only structure and
// emptiness; Validate() checks the values. Errors are INVALID_ARGUMENT built
// with base::Violations, naming every fault:
//   "coding_line"              wrong number of lines
//   "coding_line.line1|line2"  wrong number of fields, or text after the last '?'
//   "coding_line.<field>"      an empty field (§9.1.5: "заповнюється без пропусків")
absl::StatusOr<opsreport::v1::CodingLine> Parse(std::string_view text);

// Value checks on a structured line; each violation is named
// "<prefix>.<field>". Every field non-empty, no '?' / line break / surrounding
// whitespace inside a field (it would not survive Render→Parse),
// catalogue_code four digits with a non-zero item, received_time "HH.MM",
// received_* and summary_* each a real date with a four-digit year.
void Validate(const opsreport::v1::CodingLine& line, std::string_view prefix,
              base::Violations& out);

}  // namespace opsreport::coding_line
