#pragma once
// Reader for the project's line-oriented data files: tab-separated, first
// meaningful line a header naming the columns, '#' comment lines and blank
// lines allowed. Faults are collected (never stop at the first) and reported
// in line order, each as "file:line: column <name>: message" (or
// "file:line: message" for a fault of the whole line).

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/base/violations.h"

namespace opsreport::catalogue {

// The faults found in one data file.
class FileErrors {
 public:
  explicit FileErrors(std::string_view file_name) : file_name_(file_name) {}

  void Add(int line, std::string_view message);
  void Add(int line, std::string_view column, std::string_view message);
  // A fault of the file as a whole (e.g. "no unit of kind ministry"); listed last.
  void AddForFile(std::string_view message);

  bool empty() const { return items_.empty(); }
  const std::string& file_name() const { return file_name_; }
  // Appends to `out` sorted by line; faults on one line keep their order.
  void AppendTo(base::Violations& out) const;
  // OK when empty; otherwise Violations::ToStatus(what).
  absl::Status ToStatus(std::string_view what) const;

 private:
  struct Item {
    int line;
    base::Violation violation;
  };
  std::string file_name_;
  std::vector<Item> items_;
};

struct TsvRow {
  int line = 0;  // 1-based line in the file
  // Trimmed cells in the order of the `columns` given to ParseTsv, whatever
  // the order of the file's header.
  std::vector<std::string> cells;
};

struct TsvTable {
  int header_line = 0;  // 0 when the file has no header
  std::vector<TsvRow> rows;
};

// Parses `text`. The header must name every one of `columns` exactly once and
// nothing else; when it does not, no rows are returned. Rows with the wrong
// number of cells or invalid UTF-8 are reported and left out.
TsvTable ParseTsv(std::string_view text, const std::vector<std::string_view>& columns,
                  FileErrors& errors);

// The whole file, or NOT_FOUND naming the path.
absl::StatusOr<std::string> ReadFileToString(const std::string& path);

// True when `cell` is the explicit "none" marker "-".
inline bool IsNone(std::string_view cell) { return cell == "-"; }

}  // namespace opsreport::catalogue
