#pragma once
// One record at a time from an extract, converted and validated. The two
// formats differ only here; ExtractReader does the counting and collecting.

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "byte_source.h"
#include "opsreport/base/violations.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/register_extract/extract_reader.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::register_extract::internal {

class RecordParser {
 public:
  enum class Result {
    kValid,    // `entry` holds a valid record
    kInvalid,  // a data row with faults, appended to `faults`
    kEnd,      // no more records; faults of the file as a whole (a bad
               // header, a read error) may have been appended
  };
  virtual ~RecordParser() = default;
  virtual Result Next(v1::RegisterEntry& entry, base::Violations& faults) = 0;
};

std::unique_ptr<RecordParser> NewCsvParser(ByteSource& source,
                                           const catalogue::Catalogue& catalogue,
                                           const ExtractOptions& options);
std::unique_ptr<RecordParser> NewJsonLinesParser(ByteSource& source,
                                                 const catalogue::Catalogue& catalogue,
                                                 const ExtractOptions& options);

// "row 17" and "row 17, column registered_at" / "row 3, field suspects[0].birth_date".
std::string RowName(int64_t row);
std::string ColumnName(int64_t row, std::string_view column);
std::string FieldName(int64_t row, std::string_view path);

// Normalises `entry` and validates it, appending each fault under the name
// `name_of(path)` gives, except faults of `already_reported` paths (a cell
// that could not be converted was reported as such; "must be set" would
// only repeat it). True when no fault was added.
template <typename NameOf>
bool CheckEntry(v1::RegisterEntry& entry, const catalogue::Catalogue& catalogue, ExtractKind kind,
                const std::set<std::string, std::less<>>& already_reported, NameOf name_of,
                const ExtractOptions& options, base::Violations& faults) {
  NormalizeEntry(catalogue, entry);
  base::Violations found;
  ValidateEntry(entry, kind, catalogue, found);
  if (options.known_unit && !entry.unit_code().empty() && !options.known_unit(entry.unit_code())) {
    found.Add("unit_code", "unknown unit '" + entry.unit_code() + "'");
  }
  size_t before = faults.size();
  for (const base::Violation& v : found.items()) {
    if (already_reported.count(v.field) == 0) faults.Add(name_of(v.field), v.message);
  }
  return faults.size() == before && already_reported.empty();
}

}  // namespace opsreport::register_extract::internal
