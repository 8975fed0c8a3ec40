#include "opsreport/catalogue/tsv_table.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "opsreport/base/strings.h"

namespace opsreport::catalogue {
namespace {

absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool IsSkipped(std::string_view line) {
  std::string_view t = base::Trim(line);
  return t.empty() || t.front() == '#';
}

// Maps file column index -> index in `columns`; empty when the header is bad.
std::vector<int> ReadHeader(std::string_view line, int line_no,
                            const std::vector<std::string_view>& columns, FileErrors& errors) {
  std::vector<std::string> names = base::SplitKeepEmpty(line, '\t');
  std::vector<int> mapping(names.size(), -1);
  std::vector<int> seen_at(columns.size(), -1);
  bool ok = true;
  for (size_t i = 0; i < names.size(); ++i) {
    std::string name(base::Trim(names[i]));
    int found = -1;
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] == name) found = static_cast<int>(c);
    }
    if (found < 0) {
      errors.Add(line_no, name,
                 absl::StrCat("unknown header column (expected: ",
                              absl::StrJoin(columns, ", ",
                                            [](std::string* out, std::string_view c) {
                                              out->append(c.data(), c.size());
                                            }),
                              ")"));
      ok = false;
    } else if (seen_at[found] >= 0) {
      errors.Add(line_no, name, "header column given twice");
      ok = false;
    } else {
      seen_at[found] = static_cast<int>(i);
      mapping[i] = found;
    }
  }
  for (size_t c = 0; c < columns.size(); ++c) {
    if (seen_at[c] < 0) {
      errors.Add(line_no, columns[c], "missing header column");
      ok = false;
    }
  }
  if (!ok) mapping.clear();
  return mapping;
}

}  // namespace

void FileErrors::Add(int line, std::string_view message) {
  items_.push_back({line, {absl::StrCat(file_name_, ":", line), std::string(message)}});
}

void FileErrors::Add(int line, std::string_view column, std::string_view message) {
  items_.push_back(
      {line, {absl::StrCat(file_name_, ":", line, ": column ", Sv(column)), std::string(message)}});
}

void FileErrors::AddForFile(std::string_view message) {
  items_.push_back({INT_MAX, {file_name_, std::string(message)}});
}

void FileErrors::AppendTo(base::Violations& out) const {
  std::vector<Item> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Item& a, const Item& b) { return a.line < b.line; });
  for (const Item& i : sorted) out.Add(i.violation.field, i.violation.message);
}

absl::Status FileErrors::ToStatus(std::string_view what) const {
  base::Violations v;
  AppendTo(v);
  return v.ToStatus(what);
}

TsvTable ParseTsv(std::string_view text, const std::vector<std::string_view>& columns,
                  FileErrors& errors) {
  TsvTable table;
  std::vector<int> mapping;
  int line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsSkipped(line)) continue;
    if (!base::IsValidUtf8(line)) {
      errors.Add(line_no, "line is not valid UTF-8");
      if (table.header_line == 0) table.header_line = line_no;
      continue;
    }
    if (table.header_line == 0) {
      table.header_line = line_no;
      mapping = ReadHeader(line, line_no, columns, errors);
      continue;
    }
    if (mapping.empty()) continue;  // the header was reported; rows can't be read
    std::vector<std::string> cells = base::SplitKeepEmpty(line, '\t');
    if (cells.size() != mapping.size()) {
      errors.Add(line_no, absl::StrCat("expected ", mapping.size(), " tab-separated columns, got ",
                                       cells.size()));
      continue;
    }
    TsvRow row;
    row.line = line_no;
    row.cells.resize(columns.size());
    for (size_t i = 0; i < cells.size(); ++i) {
      row.cells[mapping[i]] = std::string(base::Trim(cells[i]));
    }
    table.rows.push_back(std::move(row));
  }
  if (table.header_line == 0) {
    errors.Add(line_no == 0 ? 1 : line_no,
               "missing header line (the first line that is not blank or a # comment)");
  }
  return table;
}

absl::StatusOr<std::string> ReadFileToString(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return absl::DataLossError(absl::StrCat("cannot read ", path));
  return out.str();
}

}  // namespace opsreport::catalogue
