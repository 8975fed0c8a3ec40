#include "opsreport/coding_line/coding_line.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "fields.h"
#include "opsreport/base/strings.h"

namespace opsreport::coding_line {
namespace {

using internal::FieldAt;
using internal::Get;
using internal::Set;

constexpr char kPrefix[] = "coding_line";

// Splits one line into its '?'-terminated fields and stores them at
// positions [first, first + kFieldsPerLine).
void ParseLine(std::string_view text, int line_index, v1::CodingLine& out,
               base::Violations& violations) {
  const std::string where = absl::StrCat(kPrefix, ".line", line_index + 1);
  std::vector<std::string> parts = base::SplitKeepEmpty(text, '?');
  std::string tail(base::Trim(parts.back()));
  if (tail.empty()) {
    parts.pop_back();
  } else {
    violations.Add(where, absl::StrCat("every field must be followed by '?'; found '", tail,
                                       "' after the last '?'"));
  }
  if (parts.size() != kFieldsPerLine) {
    violations.Add(where,
                   absl::StrCat("expected ", kFieldsPerLine, " fields, found ", parts.size()));
    return;
  }
  const int first = line_index * kFieldsPerLine;
  for (int i = 0; i < kFieldsPerLine; ++i) {
    std::string value(base::Trim(parts[i]));
    if (value.empty()) {
      violations.Add(absl::StrCat(kPrefix, ".", FieldNames()[first + i]), "must not be empty");
    }
    Set(out, first + i, std::move(value));
  }
}

}  // namespace

const std::array<std::string, kFieldCount>& FieldNames() {
  static const auto* names = [] {
    auto* n = new std::array<std::string, kFieldCount>;
    for (int i = 0; i < kFieldCount; ++i) (*n)[i] = FieldAt(i)->name();
    return n;
  }();
  return *names;
}

std::string Render(const v1::CodingLine& line) {
  std::string out;
  for (int i = 0; i < kFieldCount; ++i) {
    if (i == kFieldsPerLine) out += '\n';
    absl::StrAppend(&out, Get(line, i), "?");
  }
  return out;
}

absl::StatusOr<v1::CodingLine> Parse(std::string_view text) {
  std::string_view body = base::Trim(text);
  if (!body.empty() && body.back() == '.') {
    std::string_view before = base::Trim(body.substr(0, body.size() - 1));
    if (!before.empty() && before.back() == '?') body = before;
  }
  std::vector<std::string> lines;
  for (const std::string& raw : base::SplitKeepEmpty(body, '\n')) {
    std::string_view line = base::Trim(raw);  // also drops the '\r' of CRLF
    if (!line.empty()) lines.emplace_back(line);
  }

  base::Violations violations;
  if (lines.size() != 2) {
    violations.Add(kPrefix, absl::StrCat("expected 2 lines, found ", lines.size()));
  }
  v1::CodingLine out;
  for (int i = 0; i < static_cast<int>(lines.size()) && i < 2; ++i) {
    ParseLine(lines[i], i, out, violations);
  }
  if (!violations.empty()) return violations.ToStatus("coding line");
  return out;
}

}  // namespace opsreport::coding_line
