#pragma once
// Streaming reader of ЄРДР extracts (002 §3.7) as CSV or JSON Lines. It
// yields valid records one at a time in bounded memory and collects every bad
// row and column ("row 17, column registered_at: '2026-13-01' is not a date
// and time ..."), so a caller can read the whole extract once to validate it
// and apply nothing unless it is clean, then read it again to apply it.

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/base/violations.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/register_extract/entry_validator.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::register_extract {

enum class ExtractFormat {
  // RFC 4180; the header row names the columns (see README for each kind's).
  kCsv,
  // One RegisterEntry JSON object per line (proto3 JSON mapping, unknown
  // fields refused); blank lines are skipped.
  kJsonLines,
};

// From the file name: ".csv" or ".jsonl" / ".ndjson" (case-insensitive).
absl::StatusOr<ExtractFormat> FormatForPath(std::string_view path);

struct ExtractOptions {
  ExtractFormat format = ExtractFormat::kCsv;
  ExtractKind kind = ExtractKind::kEntries;
  // Names the extract in the rejection ("<name> rejected, 3 violation(s): ...").
  std::string name = "register extract";
  // A longer record (CSV row or JSON line) is refused and ends the reading:
  // the memory of one record is all the reader holds.
  size_t max_record_bytes = 1 << 20;
  // Faults beyond this many are counted, not kept, so a wholly wrong file
  // cannot exhaust memory either; the last violation then says how many more.
  size_t max_violations = 1000;
  // When set, a record whose unit_code it rejects is refused ("unknown
  // unit"): the reader knows the columns, the caller knows the org tree.
  std::function<bool(std::string_view)> known_unit;
};

namespace internal {
class ByteSource;
class RecordParser;
}  // namespace internal

class ExtractReader {
 public:
  // `in` and `catalogue` must outlive the reader.
  ExtractReader(std::istream& in, const catalogue::Catalogue& catalogue,
                ExtractOptions options = {});
  ~ExtractReader();
  ExtractReader(const ExtractReader&) = delete;
  ExtractReader& operator=(const ExtractReader&) = delete;

  // Fills `entry` with the next valid record and returns true; bad records
  // are recorded and skipped. False at the end of the input, or once the
  // input cannot be read further (an unclosed quote, an overlong record, a
  // bad header, a read error), which is itself recorded.
  bool Next(v1::RegisterEntry& entry);

  // Data rows seen so far (blank lines not counted), valid or not.
  int64_t rows() const { return rows_; }
  // Of those, the ones Next returned.
  int64_t valid_rows() const { return valid_rows_; }
  // Every fault found so far (up to max_violations, then one summary).
  const base::Violations& violations() const { return violations_; }
  int64_t violation_count() const { return violation_count_; }
  // Once Next has returned false: OK, or INVALID_ARGUMENT naming every fault
  // (its payload lists them for base::ViolationsFromStatus). Before that:
  // FAILED_PRECONDITION.
  absl::Status status() const;
  // Once Next has returned false: the SHA-256 hex of every byte of the input
  // (read to its end even when reading stopped early); empty before.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  void Add(std::string field, std::string message);
  void AddRowViolations(int64_t row, const base::Violations& row_violations, bool json);
  void Finish();

  const catalogue::Catalogue& catalogue_;
  ExtractOptions options_;
  std::unique_ptr<internal::ByteSource> source_;
  std::unique_ptr<internal::RecordParser> parser_;
  base::Violations violations_;
  int64_t violation_count_ = 0;
  int64_t rows_ = 0;
  int64_t valid_rows_ = 0;
  bool done_ = false;
  std::string fingerprint_;
};

struct ExtractSummary {
  std::string fingerprint;
  int64_t rows = 0;
};

// Reads the whole extract and applies nothing: its fingerprint and row count,
// or INVALID_ARGUMENT naming every bad row and column.
absl::StatusOr<ExtractSummary> ValidateExtract(std::istream& in,
                                               const catalogue::Catalogue& catalogue,
                                               const ExtractOptions& options = {});

}  // namespace opsreport::register_extract
