// JSON Lines extracts: one RegisterEntry per line in the proto3 JSON mapping
// (snake_case or lowerCamelCase names, enums by name, RFC 3339 timestamps).
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/util/json_util.h"
#include "opsreport/base/strings.h"
#include "record_parser.h"

namespace opsreport::register_extract::internal {
namespace {

// The JSON parser's messages may span lines (a caret under the fault); a
// violation is one line (the status payload is line-based).
std::string OneLine(absl::string_view message) {
  std::string out;
  for (char c : message) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (absl::EndsWith(out, " ^")) out.resize(out.size() - 2);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class JsonLinesParser final : public RecordParser {
 public:
  JsonLinesParser(ByteSource& source, const catalogue::Catalogue& catalogue,
                  const ExtractOptions& options)
      : source_(source),
        catalogue_(catalogue),
        kind_(options.kind),
        options_(options),
        max_record_bytes_(options.max_record_bytes) {}

  Result Next(v1::RegisterEntry& entry, base::Violations& faults) override {
    while (true) {
      if (source_.Peek() == ByteSource::kEnd) {
        if (source_.failed() && !read_error_reported_) {
          read_error_reported_ = true;
          faults.Add("extract", "the input could not be read to its end");
        }
        return Result::kEnd;
      }
      ++line_;
      if (!ReadLine()) {
        // JSON strings hold no raw line breaks, so the next line is a fresh
        // record and reading can go on.
        faults.Add(RowName(line_),
                   absl::StrCat("line is longer than ", max_record_bytes_, " bytes"));
        return Result::kInvalid;
      }
      if (base::Trim(text_).empty()) continue;
      return Convert(entry, faults);
    }
  }

 private:
  // Reads up to the next LF into text_ (without the LF or a CR before it);
  // false when the line is too long (its rest is skipped).
  bool ReadLine() {
    text_.clear();
    bool fits = true;
    for (int c = source_.Get(); c != ByteSource::kEnd && c != '\n'; c = source_.Get()) {
      if (text_.size() >= max_record_bytes_) {
        fits = false;
        continue;
      }
      text_.push_back(static_cast<char>(c));
    }
    if (!text_.empty() && text_.back() == '\r') text_.pop_back();
    return fits;
  }

  Result Convert(v1::RegisterEntry& entry, base::Violations& faults) {
    if (!base::IsValidUtf8(text_)) {
      faults.Add(RowName(line_), "line is not valid UTF-8");
      return Result::kInvalid;
    }
    entry.Clear();
    google::protobuf::util::JsonParseOptions options;
    // An unknown field is a misspelt or foreign one: dropping it silently
    // could lose a requisite.
    options.ignore_unknown_fields = false;
    absl::Status parsed =
        ToAbsl(google::protobuf::util::JsonStringToMessage(text_, &entry, options));
    if (!parsed.ok()) {
      faults.Add(RowName(line_),
                 absl::StrCat("not a RegisterEntry JSON object: ", OneLine(parsed.message())));
      return Result::kInvalid;
    }
    const int64_t row = line_;
    auto name_of = [row](std::string_view path) { return FieldName(row, path); };
    return CheckEntry(entry, catalogue_, kind_, {}, name_of, options_, faults) ? Result::kValid
                                                                               : Result::kInvalid;
  }

  // protobuf 3.21 returns its own util::Status.
  template <typename S>
  static absl::Status ToAbsl(const S& s) {
    if (s.ok()) return absl::OkStatus();
    return absl::InvalidArgumentError(std::string(s.message()));
  }

  ByteSource& source_;
  const catalogue::Catalogue& catalogue_;
  ExtractKind kind_;
  const ExtractOptions& options_;
  size_t max_record_bytes_;
  int64_t line_ = 0;
  std::string text_;
  bool read_error_reported_ = false;
};

}  // namespace

std::unique_ptr<RecordParser> NewJsonLinesParser(ByteSource& source,
                                                 const catalogue::Catalogue& catalogue,
                                                 const ExtractOptions& options) {
  return std::make_unique<JsonLinesParser>(source, catalogue, options);
}

}  // namespace opsreport::register_extract::internal
