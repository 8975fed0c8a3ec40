#pragma once
// RFC 4180 records, read one at a time from a ByteSource: fields separated by
// commas; a field in double quotes may hold commas, line breaks and quotes
// (doubled); records end with CRLF or LF. Memory is bounded by the longest
// record, itself capped.

#include <cstdint>
#include <string>
#include <vector>

#include "byte_source.h"

namespace opsreport::register_extract::internal {

struct CsvRecord {
  // 1-based ordinal of the record in the file, the header being row 1 and
  // blank lines counted, so it is the row a spreadsheet shows (and the line
  // number while no field holds a line break).
  int64_t row = 0;
  std::vector<std::string> fields;
  // The first field was quoted: `""` is an empty value, not a blank line.
  bool quoted_first = false;

  // A line with nothing on it (one empty unquoted field).
  bool blank() const { return fields.size() == 1 && fields[0].empty() && !quoted_first; }
};

class CsvReader {
 public:
  enum class Result {
    kRecord,  // `record` holds the next record
    kEnd,     // no more records
    kError,   // the record at `record.row` is malformed: see error(); fatal() says
              // whether reading can go on with the next record
  };

  CsvReader(ByteSource& source, size_t max_record_bytes)
      : source_(source), max_record_bytes_(max_record_bytes) {}

  Result Next(CsvRecord& record);
  const std::string& error() const { return error_; }
  bool fatal() const { return fatal_; }

 private:
  // Drops the rest of a malformed record's line, so reading resumes at the next.
  void SkipLine();
  Result Fail(std::string message, bool fatal);

  ByteSource& source_;
  size_t max_record_bytes_;
  int64_t row_ = 0;
  bool started_ = false;
  bool fatal_ = false;
  std::string error_;
};

}  // namespace opsreport::register_extract::internal
