#include "csv_reader.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace opsreport::register_extract::internal {
namespace {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

}  // namespace

void CsvReader::SkipLine() {
  for (int c = source_.Get(); c != ByteSource::kEnd && c != '\n'; c = source_.Get()) {
  }
}

CsvReader::Result CsvReader::Fail(std::string message, bool fatal) {
  error_ = std::move(message);
  fatal_ = fatal;
  if (!fatal) SkipLine();
  return Result::kError;
}

CsvReader::Result CsvReader::Next(CsvRecord& record) {
  record.fields.clear();
  record.quoted_first = false;
  if (fatal_) return Result::kEnd;
  if (!started_) {
    started_ = true;
    // Spreadsheet programs start UTF-8 CSV with a byte-order mark; it is not data.
    if (source_.Peek() == static_cast<unsigned char>(kUtf8Bom[0])) {
      source_.Get();
      if (source_.Get() != static_cast<unsigned char>(kUtf8Bom[1]) ||
          source_.Get() != static_cast<unsigned char>(kUtf8Bom[2])) {
        record.row = ++row_;
        return Fail("the file starts with a broken byte-order mark", true);
      }
    }
  }
  if (source_.Peek() == ByteSource::kEnd) return Result::kEnd;
  record.row = ++row_;

  enum class State { kFieldStart, kUnquoted, kQuoted, kAfterQuote };
  State state = State::kFieldStart;
  std::string field;
  size_t bytes = 0;
  auto end_field = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
  };
  // True (and consumes the LF) when `c` ends the record: LF, or CR before LF.
  auto ends_record = [&](int c) {
    if (c == '\n') return true;
    if (c == '\r' && source_.Peek() == '\n') {
      source_.Get();
      return true;
    }
    return false;
  };

  while (true) {
    int c = source_.Get();
    if (c != ByteSource::kEnd && ++bytes > max_record_bytes_) {
      return Fail(absl::StrCat("record is longer than ", max_record_bytes_, " bytes"), true);
    }
    switch (state) {
      case State::kFieldStart:
        if (c == '"') {
          if (record.fields.empty()) record.quoted_first = true;
          state = State::kQuoted;
          continue;
        }
        state = State::kUnquoted;
        [[fallthrough]];
      case State::kUnquoted:
        if (c == ByteSource::kEnd || ends_record(c)) {
          end_field();
          return Result::kRecord;
        }
        if (c == ',') {
          end_field();
          state = State::kFieldStart;
        } else if (c == '"') {
          return Fail(
              "a double quote inside an unquoted field (quote the whole field and "
              "double the quote)",
              false);
        } else {
          field.push_back(static_cast<char>(c));
        }
        break;
      case State::kQuoted:
        if (c == ByteSource::kEnd) {
          // Everything after the opening quote would be one field: nothing
          // further can be read reliably.
          return Fail("a quoted field is not closed before the end of the file", true);
        }
        if (c == '"') {
          state = State::kAfterQuote;
        } else {
          field.push_back(static_cast<char>(c));
        }
        break;
      case State::kAfterQuote:
        if (c == '"') {
          field.push_back('"');
          state = State::kQuoted;
        } else if (c == ',') {
          end_field();
          state = State::kFieldStart;
        } else if (c == ByteSource::kEnd || ends_record(c)) {
          end_field();
          return Result::kRecord;
        } else {
          return Fail("text after the closing double quote of a field", false);
        }
        break;
    }
  }
}

}  // namespace opsreport::register_extract::internal
