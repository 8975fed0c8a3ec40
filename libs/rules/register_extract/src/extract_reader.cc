#include "opsreport/register_extract/extract_reader.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "byte_source.h"
#include "record_parser.h"

namespace opsreport::register_extract {

absl::StatusOr<ExtractFormat> FormatForPath(std::string_view path) {
  std::string lower = absl::AsciiStrToLower(absl::string_view(path.data(), path.size()));
  if (absl::EndsWith(lower, ".csv")) return ExtractFormat::kCsv;
  if (absl::EndsWith(lower, ".jsonl") || absl::EndsWith(lower, ".ndjson")) {
    return ExtractFormat::kJsonLines;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("cannot tell the format of ", lower, ": expected .csv, .jsonl or .ndjson"));
}

ExtractReader::ExtractReader(std::istream& in, const catalogue::Catalogue& catalogue,
                             ExtractOptions options)
    : catalogue_(catalogue),
      options_(std::move(options)),
      source_(std::make_unique<internal::ByteSource>(in)) {
  parser_ = options_.format == ExtractFormat::kCsv
                ? internal::NewCsvParser(*source_, catalogue_, options_)
                : internal::NewJsonLinesParser(*source_, catalogue_, options_);
}

ExtractReader::~ExtractReader() = default;

void ExtractReader::Add(std::string field, std::string message) {
  ++violation_count_;
  if (violations_.size() < options_.max_violations) violations_.Add(field, message);
}

bool ExtractReader::Next(v1::RegisterEntry& entry) {
  if (done_) return false;
  while (true) {
    base::Violations faults;
    internal::RecordParser::Result r = parser_->Next(entry, faults);
    for (const base::Violation& v : faults.items()) Add(v.field, v.message);
    switch (r) {
      case internal::RecordParser::Result::kValid:
        ++rows_;
        ++valid_rows_;
        return true;
      case internal::RecordParser::Result::kInvalid:
        ++rows_;
        continue;
      case internal::RecordParser::Result::kEnd:
        Finish();
        return false;
    }
  }
}

void ExtractReader::Finish() {
  done_ = true;
  fingerprint_ = source_->Finish();
  const int64_t unlisted = violation_count_ - static_cast<int64_t>(violations_.size());
  if (unlisted > 0) {
    violations_.Add("extract", absl::StrCat(unlisted, " more fault(s) not listed"));
  }
}

absl::Status ExtractReader::status() const {
  if (!done_) {
    return absl::FailedPreconditionError("the extract has not been read to its end yet");
  }
  return violations_.ToStatus(options_.name);
}

absl::StatusOr<ExtractSummary> ValidateExtract(std::istream& in,
                                               const catalogue::Catalogue& catalogue,
                                               const ExtractOptions& options) {
  ExtractReader reader(in, catalogue, options);
  v1::RegisterEntry entry;
  while (reader.Next(entry)) {
  }
  if (absl::Status s = reader.status(); !s.ok()) return s;
  return ExtractSummary{reader.fingerprint(), reader.rows()};
}

}  // namespace opsreport::register_extract
