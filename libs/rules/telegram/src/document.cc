// What both forms share at run time: the combined label vocabulary, reading a
// coding line with line numbers, and telling the two kinds of text apart.

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "forms.h"
#include "opsreport/base/strings.h"
#include "opsreport/coding_line/coding_line.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::telegram {
namespace internal {

const std::vector<LabelInfo>& AllLabels() {
  static const auto* labels = [] {
    auto* out = new std::vector<LabelInfo>;
    std::set<std::string> seen;
    for (const auto& list : {LabelsOf(ReportForm()), LabelsOf(SupplementForm())}) {
      for (const LabelInfo& info : list) {
        if (seen.insert(info.label).second) out->push_back(info);
      }
    }
    return out;
  }();
  return *labels;
}

void ReadCodingLine(std::string_view value, const std::vector<int>& value_lines, int entry_line,
                    std::string_view name, v1::CodingLine* out, Problems& p) {
  // Source lines of the first two non-blank lines: the coding line's line 1 and 2.
  int line1 = 0, line2 = 0;
  size_t start = 0;
  for (size_t i = 0; start <= value.size(); ++i) {
    size_t end = value.find('\n', start);
    if (end == std::string_view::npos) end = value.size();
    if (!base::Trim(value.substr(start, end - start)).empty()) {
      const int n = i < value_lines.size() ? value_lines[i] : entry_line;
      if (line1 == 0) {
        line1 = n;
      } else if (line2 == 0) {
        line2 = n;
      }
    }
    start = end + 1;
  }
  if (line1 == 0) line1 = entry_line;
  if (line2 == 0) line2 = line1;

  auto parsed = coding_line::Parse(value);
  if (parsed.ok()) {
    *out = *std::move(parsed);
    return;
  }
  const auto& names = coding_line::FieldNames();
  for (const base::Violation& v : base::ViolationsFromStatus(parsed.status())) {
    // v.field is "coding_line" or "coding_line.<part>".
    std::string part = v.field.size() > 11 ? v.field.substr(12) : "";
    int line = line1;
    if (part == "line2") line = line2;
    for (int i = coding_line::kFieldsPerLine; i < coding_line::kFieldCount; ++i) {
      if (part == names[i]) line = line2;
    }
    p.Add(line, part.empty() ? std::string(name) : absl::StrCat(std::string(name), ".", part),
          v.message);
  }
}

}  // namespace internal

absl::StatusOr<DocumentKind> DetectKind(std::string_view text) {
  bool any = false, marker = false, original_line = false;
  int first_line = 0, number = 0;
  for (const std::string& raw : base::SplitKeepEmpty(text, '\n')) {
    ++number;
    std::string_view line = base::Trim(raw);
    if (line.substr(0, 3) == "\xEF\xBB\xBF") line = base::Trim(line.substr(3));
    if (line.empty()) continue;
    if (!any) {
      any = true;
      first_line = number;
      if (line == internal::kReportTitle) return DocumentKind::kSpecialReport;
      if (line == internal::kSupplementTitle) return DocumentKind::kSupplement;
    }
    if (line == internal::kMarker) marker = true;
    if (absl::StartsWith(std::string(line), "Доповнення до вих.")) original_line = true;
  }
  if (original_line) return DocumentKind::kSupplement;
  if (marker) return DocumentKind::kSpecialReport;
  internal::Problems p;
  p.Add(any ? first_line : 1, "",
        any ? "the text is neither a special report nor a supplement: no 'СПЕЦПОВІДОМЛЕННЯ' or "
              "'ДОПОВНЕННЯ' title, no '+++' marker, no 'Доповнення до вих. №' line"
            : "the text is empty");
  return p.violations().ToStatus("telegram text");
}

}  // namespace opsreport::telegram
