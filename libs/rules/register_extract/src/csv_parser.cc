// CSV extracts: the header row maps columns (any order, optional ones may be
// left out) to RegisterEntry fields; each data row becomes one record.
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "columns.h"
#include "csv_reader.h"
#include "opsreport/base/strings.h"
#include "record_parser.h"
#include "text_checks.h"

namespace opsreport::register_extract::internal {
namespace {

absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

class CsvParser final : public RecordParser {
 public:
  CsvParser(ByteSource& source, const catalogue::Catalogue& catalogue,
            const ExtractOptions& options)
      : source_(source),
        reader_(source, options.max_record_bytes),
        catalogue_(catalogue),
        kind_(options.kind),
        options_(options),
        columns_(ColumnsFor(options.kind)) {}

  Result Next(v1::RegisterEntry& entry, base::Violations& faults) override {
    if (ended_) return Result::kEnd;
    CsvRecord record;
    while (true) {
      CsvReader::Result r = reader_.Next(record);
      if (r == CsvReader::Result::kEnd) return End(faults);
      if (r == CsvReader::Result::kError) {
        faults.Add(RowName(record.row), reader_.error());
        if (!header_read_) {
          // Without a header no row can be read.
          header_failed_ = true;
          return End(faults);
        }
        // After a fatal fault the reader ends; the next call says so.
        return Result::kInvalid;
      }
      if (record.blank()) continue;
      if (!header_read_) {
        header_read_ = true;
        if (!ReadHeader(record, faults)) {
          header_failed_ = true;
          return End(faults);
        }
        continue;
      }
      return Convert(record, entry, faults);
    }
  }

 private:
  Result End(base::Violations& faults) {
    if (!ended_ && !header_read_ && !header_failed_) {
      faults.Add(RowName(1), "missing header row (the first row names the columns)");
    }
    if (source_.failed() && !read_error_reported_) {
      read_error_reported_ = true;
      faults.Add("extract", "the input could not be read to its end");
    }
    ended_ = true;
    return Result::kEnd;
  }

  bool ReadHeader(const CsvRecord& record, base::Violations& faults) {
    std::map<std::string_view, size_t> seen;
    bool ok = true;
    mapping_.assign(record.fields.size(), nullptr);
    for (size_t i = 0; i < record.fields.size(); ++i) {
      std::string name(base::Trim(record.fields[i]));
      if (name.empty()) {
        faults.Add(ColumnName(record.row, absl::StrCat("#", i + 1)), "empty column name");
        ok = false;
        continue;
      }
      const Column* column = nullptr;
      for (const Column& c : columns_) {
        if (c.name == name) column = &c;
      }
      if (column == nullptr) {
        // Strict: a misspelt optional column would otherwise be dropped silently.
        faults.Add(ColumnName(record.row, name),
                   absl::StrCat("unknown column for a ", Sv(ExtractKindName(kind_)),
                                " extract (expected: ", ExpectedColumns(), ")"));
        ok = false;
      } else if (seen.count(column->name) != 0) {
        faults.Add(ColumnName(record.row, name), "column given twice");
        ok = false;
      } else {
        seen[column->name] = i;
        mapping_[i] = column;
      }
    }
    for (const Column& c : columns_) {
      if (c.required && seen.count(c.name) == 0) {
        faults.Add(ColumnName(record.row, c.name), "missing column");
        ok = false;
      }
    }
    return ok;
  }

  std::string ExpectedColumns() const {
    return absl::StrJoin(columns_, ", ", [](std::string* out, const Column& c) {
      absl::StrAppend(out, Sv(c.name), c.required ? "" : "?");
    });
  }

  Result Convert(const CsvRecord& record, v1::RegisterEntry& entry, base::Violations& faults) {
    if (record.fields.size() != mapping_.size()) {
      faults.Add(RowName(record.row),
                 absl::StrCat("expected ", mapping_.size(), " fields, got ", record.fields.size()));
      return Result::kInvalid;
    }
    entry.Clear();
    if (kind_ == ExtractKind::kResults) entry.add_results();
    if (kind_ == ExtractKind::kSuspects) entry.add_suspects();
    std::set<std::string, std::less<>> reported;
    for (size_t i = 0; i < mapping_.size(); ++i) {
      const Column& c = *mapping_[i];
      std::string_view cell = base::Trim(record.fields[i]);
      if (!base::IsValidUtf8(cell)) {
        faults.Add(ColumnName(record.row, c.name), "not valid UTF-8");
        reported.emplace(c.path);
        continue;
      }
      if (cell.empty()) continue;  // ValidateEntry says whether it may be
      switch (c.type) {
        case CellType::kText:
          *c.text(entry) = std::string(cell);
          break;
        case CellType::kInstant:
          if (std::optional<absl::Time> t = ParseInstant(cell)) {
            *c.instant(entry) = ToTimestamp(*t);
          } else {
            faults.Add(ColumnName(record.row, c.name),
                       absl::StrCat(Quote(cell), " is not a date and time (", kInstantForms, ")"));
            reported.emplace(c.path);
          }
          break;
        case CellType::kResultKind:
          if (std::optional<v1::ResultKind> k = ParseResultKind(cell)) {
            c.result(entry)->set_kind(*k);
          } else {
            faults.Add(ColumnName(record.row, c.name),
                       absl::StrCat(Quote(cell), " is not a result (", ResultKindNames(), ")"));
            reported.emplace(c.path);
          }
          break;
      }
    }
    const int64_t row = record.row;
    auto name_of = [&](std::string_view path) {
      for (const Column& c : columns_) {
        if (c.path == path) return ColumnName(row, c.name);
      }
      return FieldName(row, path);
    };
    return CheckEntry(entry, catalogue_, kind_, reported, name_of, options_, faults)
               ? Result::kValid
               : Result::kInvalid;
  }

  ByteSource& source_;
  CsvReader reader_;
  const catalogue::Catalogue& catalogue_;
  ExtractKind kind_;
  const ExtractOptions& options_;
  const std::vector<Column>& columns_;
  std::vector<const Column*> mapping_;  // file column -> spec
  bool header_read_ = false;
  bool ended_ = false;
  bool header_failed_ = false;
  bool read_error_reported_ = false;
};

}  // namespace

std::string RowName(int64_t row) { return absl::StrCat("row ", row); }
std::string ColumnName(int64_t row, std::string_view column) {
  return absl::StrCat("row ", row, ", column ", Printable(column));
}
std::string FieldName(int64_t row, std::string_view path) {
  return absl::StrCat("row ", row, ", field ", Sv(path));
}

std::unique_ptr<RecordParser> NewCsvParser(ByteSource& source,
                                           const catalogue::Catalogue& catalogue,
                                           const ExtractOptions& options) {
  return std::make_unique<CsvParser>(source, catalogue, options);
}

}  // namespace opsreport::register_extract::internal
