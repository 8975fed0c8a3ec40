#include "lines.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "opsreport/base/strings.h"

namespace opsreport::telegram::internal {
namespace {

constexpr std::string_view kRightQuote = "\xE2\x80\x99";  // U+2019
constexpr std::string_view kModifierApos = "\xCA\xBC";    // U+02BC
constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr size_t kShownChars = 40;
constexpr int kCodingLineMinMarks = 3;

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Column reached by the leading spaces/tabs of `s` (tab stops every 4).
int IndentOf(std::string_view s) {
  int col = 0;
  for (char c : s) {
    if (c == ' ') {
      ++col;
    } else if (c == '\t') {
      col = (col / 4 + 1) * 4;
    } else {
      break;
    }
  }
  return col;
}

// Removes leading whitespace worth `columns`, keeping any deeper indentation.
std::string StripColumns(std::string_view s, int columns) {
  int col = 0;
  size_t i = 0;
  while (i < s.size() && col < columns && (s[i] == ' ' || s[i] == '\t')) {
    col = s[i] == ' ' ? col + 1 : (col / 4 + 1) * 4;
    ++i;
  }
  return std::string(col > columns ? col - columns : 0, ' ') + std::string(s.substr(i));
}

// The first kShownChars code points of `s`, for messages.
std::string Shorten(std::string_view s) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) >> 6) != 0x2 && chars++ == kShownChars) {
      return absl::StrCat(std::string(s.substr(0, i)), "…");
    }
  }
  return std::string(s);
}

void AppendLine(std::string& value, std::vector<int>& lines, std::vector<int>& blanks, int line,
                std::string text) {
  for (int blank : blanks) {
    value += '\n';
    lines.push_back(blank);
  }
  blanks.clear();
  value += '\n';
  value += text;
  lines.push_back(line);
}

void WriteValue(std::string& out, int indent, std::string_view label, const std::string& value,
                int continuation) {
  size_t start = 0;
  bool first = true;
  while (true) {
    size_t end = value.find('\n', start);
    std::string_view line = std::string_view(value).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    if (first) {
      out.append(indent, ' ');
      out += label;
      if (!line.empty()) absl::StrAppend(&out, " ", std::string(line));
    } else if (!line.empty()) {
      out.append(continuation, ' ');
      out += line;
    }
    out += '\n';
    first = false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
}

class Tokenizer {
 public:
  Tokenizer(const std::vector<LabelInfo>& vocabulary, Problems& problems)
      : vocabulary_(vocabulary), problems_(problems) {
    // Longest first, so "Зміст доповнення:" is not read as "Зміст" + text.
    std::sort(vocabulary_.begin(), vocabulary_.end(), [](const LabelInfo& a, const LabelInfo& b) {
      return a.label.size() > b.label.size();
    });
  }

  std::vector<Entry> Run(std::string_view text) {
    if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
    int number = 0;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++number;
      Line(number, TrimRight(text.substr(start, end - start)));
      start = end + 1;
    }
    return std::move(entries_);
  }

 private:
  void Line(int number, std::string_view line) {
    if (line.empty()) {
      blanks_.push_back(number);
      return;
    }
    const int indent = IndentOf(line);
    if (indent == 0) {
      blanks_.clear();
      TopLevel(number, line);
    } else {
      Indented(number, line, indent);
    }
  }

  void TopLevel(int number, std::string_view content) {
    if (content == kMarker) {
      Push(EntryKind::kMarker, number, kMarker);
      return;
    }
    if (content == kReportTitle || content == kSupplementTitle) {
      Push(EntryKind::kTitle, number, content);
      return;
    }
    for (const LabelInfo& info : vocabulary_) {
      size_t n = MatchLabel(content, info.label);
      if (n == std::string_view::npos) continue;
      Entry& e = Push(EntryKind::kLabel, number, info.label);
      e.has_block = info.has_block;
      e.value = std::string(TrimLeft(content.substr(n)));
      e.value_lines.push_back(number);
      return;
    }
    // A coding line has seven '?'; three tell it from a question in prose.
    if (std::count(content.begin(), content.end(), '?') >= kCodingLineMinMarks) {
      if (entries_.empty() || entries_.back().kind != EntryKind::kCodingLine) {
        Push(EntryKind::kCodingLine, number, "");
      } else {
        entries_.back().value += '\n';
      }
      entries_.back().value += content;
      entries_.back().value_lines.push_back(number);
      return;
    }
    size_t colon = content.find(':');
    Push(EntryKind::kUnknown, number,
         colon != std::string_view::npos && colon < 80 ? content.substr(0, colon)
                                                       : Shorten(content));
  }

  void Indented(int number, std::string_view line, int indent) {
    if (entries_.empty()) {
      problems_.Add(number, "", "indented line before the first label");
      return;
    }
    Entry& e = entries_.back();
    switch (e.kind) {
      case EntryKind::kUnknown:
        return;  // already reported with the unknown label
      case EntryKind::kTitle:
      case EntryKind::kMarker:
      case EntryKind::kCodingLine:
        problems_.Add(number, "", "unexpected indented line: continuation lines belong to a label");
        return;
      case EntryKind::kLabel:
        break;
    }
    if (!e.has_block) {
      if (indent >= kContinuationIndent) {
        AppendLine(e.value, e.value_lines, blanks_, number,
                   StripColumns(line, kContinuationIndent));
      } else {
        problems_.Add(number, DisplayLabel(e.label),
                      "continuation lines must be indented by 4 spaces");
      }
      return;
    }
    if (indent >= kBlockContinuationIndent && !e.block.empty()) {
      BlockLine& b = e.block.back();
      std::vector<int> unused;
      AppendLine(b.value, unused, blanks_, number, StripColumns(line, kBlockContinuationIndent));
      return;
    }
    if (indent >= kBlockIndent && indent < kBlockContinuationIndent) {
      blanks_.clear();
      std::string_view content = TrimLeft(line);
      size_t colon = content.find(':');
      if (colon == std::string_view::npos) {
        problems_.Add(number, DisplayLabel(e.label),
                      absl::StrCat("expected 'Label: value' indented by 8 spaces, got '",
                                   Shorten(content), "'"));
        return;
      }
      e.block.push_back({number, std::string(TrimRight(content.substr(0, colon))),
                         std::string(TrimLeft(content.substr(colon + 1)))});
      return;
    }
    if (indent >= kContinuationIndent && indent < kBlockIndent && e.block.empty()) {
      AppendLine(e.value, e.value_lines, blanks_, number, StripColumns(line, kContinuationIndent));
      return;
    }
    problems_.Add(number, DisplayLabel(e.label),
                  "unexpected indentation: block lines are indented by 8 spaces (or two tabs), "
                  "their continuation lines by 12");
  }

  Entry& Push(EntryKind kind, int number, std::string_view label) {
    Entry& e = entries_.emplace_back();
    e.kind = kind;
    e.line = number;
    e.label = std::string(label);
    return e;
  }

  std::vector<LabelInfo> vocabulary_;
  Problems& problems_;
  std::vector<Entry> entries_;
  std::vector<int> blanks_;
};

}  // namespace

void Problems::Add(int line, std::string_view label, std::string_view message) {
  std::string field = absl::StrCat("line ", line);
  if (!label.empty()) absl::StrAppend(&field, ": ", std::string(label));
  violations_.Add(field, message);
}

int FirstTextLine(const Entry& e) {
  size_t start = 0;
  for (size_t i = 0; start <= e.value.size() && i < e.value_lines.size(); ++i) {
    size_t end = e.value.find('\n', start);
    if (end == std::string::npos) end = e.value.size();
    if (end > start) return e.value_lines[i];
    start = end + 1;
  }
  return e.line;
}

std::string DisplayLabel(std::string_view label) {
  if (!label.empty() && label.back() == ':') label.remove_suffix(1);
  return std::string(label);
}

size_t MatchLabel(std::string_view text, std::string_view label) {
  size_t t = 0;
  for (char c : label) {
    if (c == '\'') {
      if (text.substr(t, 1) == "'") {
        t += 1;
      } else if (text.substr(t, kRightQuote.size()) == kRightQuote) {
        t += kRightQuote.size();
      } else if (text.substr(t, kModifierApos.size()) == kModifierApos) {
        t += kModifierApos.size();
      } else {
        return std::string_view::npos;
      }
    } else if (t < text.size() && text[t] == c) {
      ++t;
    } else {
      return std::string_view::npos;
    }
  }
  return t;
}

bool SameLabel(std::string_view text, std::string_view label) {
  return MatchLabel(text, label) == text.size();
}

std::vector<Entry> Tokenize(std::string_view text, const std::vector<LabelInfo>& vocabulary,
                            Problems& problems) {
  return Tokenizer(vocabulary, problems).Run(text);
}

std::string Write(const std::vector<Entry>& entries) {
  std::string out;
  for (const Entry& e : entries) {
    switch (e.kind) {
      case EntryKind::kTitle:
      case EntryKind::kMarker:
      case EntryKind::kUnknown:
        absl::StrAppend(&out, e.label, "\n");
        break;
      case EntryKind::kCodingLine:
        absl::StrAppend(&out, e.value, "\n");
        break;
      case EntryKind::kLabel:
        WriteValue(out, 0, e.label, e.value, kContinuationIndent);
        for (const BlockLine& b : e.block) {
          WriteValue(out, kBlockIndent, absl::StrCat(b.label, ":"), b.value,
                     kBlockContinuationIndent);
        }
        break;
    }
  }
  return out;
}

}  // namespace opsreport::telegram::internal
