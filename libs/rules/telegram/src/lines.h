#pragma once
// The line layer of the text form, independent of which document it holds:
// text <-> a list of entries (title, "+++" marker, coding-line lines, labelled
// values with optional indented blocks).
//
// Layout:
//   Label: value                  a top-level line, label at column 0
//       continuation              further lines of the value, indented by 4
//   Block label:                  a label that owns a block (persons, officers, details)
//           Sub label: value      block lines, indented by 8 (§9.2: two indents)
//               continuation      further lines of a block value, indented by 12
// A tab counts as 4 columns. A blank line inside a value is kept only when
// a continuation line of the same value follows it.

#include <string>
#include <string_view>
#include <vector>

#include "opsreport/base/violations.h"

namespace opsreport::telegram::internal {

inline constexpr int kContinuationIndent = 4;
inline constexpr int kBlockIndent = 8;
inline constexpr int kBlockContinuationIndent = 12;
inline constexpr char kMarker[] = "+++";
inline constexpr char kReportTitle[] = "СПЕЦПОВІДОМЛЕННЯ";
inline constexpr char kSupplementTitle[] = "ДОПОВНЕННЯ";

// A line of a block: "label: value" (label stored without the colon).
struct BlockLine {
  int line = 0;
  std::string label;
  std::string value;
};

enum class EntryKind { kTitle, kMarker, kCodingLine, kLabel, kUnknown };

struct Entry {
  EntryKind kind = EntryKind::kLabel;
  int line = 0;  // 1-based; 0 when rendering
  // kLabel: the canonical label ("Джерело:", "ТЛГ №"); kTitle: the title;
  // kUnknown: what looked like a label, for the error message.
  std::string label;
  std::string value;             // lines joined by '\n'
  std::vector<int> value_lines;  // source line of each line of `value`
  bool has_block = false;
  std::vector<BlockLine> block;
};

// A top-level label known to either form, and whether it owns a block.
struct LabelInfo {
  std::string label;
  bool has_block = false;
};

// Parse problems as base::Violations named "line N: <label>".
class Problems {
 public:
  void Add(int line, std::string_view label, std::string_view message);
  const base::Violations& violations() const { return violations_; }
  bool empty() const { return violations_.empty(); }

 private:
  base::Violations violations_;
};

// Source line of the first non-blank line of `e.value` (e.line if none).
int FirstTextLine(const Entry& e);

// "Джерело:" -> "Джерело"; "ТЛГ №" stays.
std::string DisplayLabel(std::string_view label);

// Byte length of `label` at the start of `text`, or npos. An ASCII apostrophe
// in the label also matches U+2019 and U+02BC, which editors substitute.
size_t MatchLabel(std::string_view text, std::string_view label);
bool SameLabel(std::string_view text, std::string_view label);

std::vector<Entry> Tokenize(std::string_view text, const std::vector<LabelInfo>& vocabulary,
                            Problems& problems);
std::string Write(const std::vector<Entry>& entries);

}  // namespace opsreport::telegram::internal
