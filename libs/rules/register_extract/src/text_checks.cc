#include "text_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::register_extract::internal {
namespace {

constexpr size_t kQuoteBytes = 60;
constexpr std::string_view kResultPrefix = "RESULT_KIND_";

absl::string_view Sv(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace

std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Quote(std::string_view text) {
  if (text.size() <= kQuoteBytes) return absl::StrCat("'", Printable(text), "'");
  size_t cut = kQuoteBytes;
  // Back off to the start of a UTF-8 sequence so the message stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat("'", Printable(text.substr(0, cut)), "...'");
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsArticle(std::string_view s) {
  size_t dash = s.find('-');
  std::string_view article = s.substr(0, dash);
  if (!AllDigits(article) || article.size() > 3) return false;
  if (dash == std::string_view::npos) return true;
  std::string_view sign = s.substr(dash + 1);
  return AllDigits(sign) && sign.size() <= 2;
}

std::optional<absl::Time> ParseInstant(std::string_view text) {
  // absl::ParseTime refuses out-of-range civil fields ("2026-02-30" fails
  // rather than becoming March 2) and trailing text, so each form accepts
  // exactly its own shape.
  static constexpr const char* kOffsetForms[] = {"%Y-%m-%dT%H:%M:%E*S%Ez", "%Y-%m-%d %H:%M:%E*S%Ez",
                                                 "%Y-%m-%dT%H:%M%Ez"};
  // Without an offset the extract speaks Kyiv time, like every time a person
  // writes in this project; a wall time repeated or skipped at a DST change
  // takes absl's pre-transition offset (an offset in the text avoids this).
  static constexpr const char* kLocalForms[] = {"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M",
                                                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"};
  // %Y would take "26-03-10" as the year 26; an extract writes four digits.
  if (text.size() < 5 || !AllDigits(text.substr(0, 4)) || text[4] != '-') return std::nullopt;
  std::string input(text);
  std::string err;
  absl::Time t;
  for (const char* form : kOffsetForms) {
    if (absl::ParseTime(form, input, &t, &err)) return t;
  }
  for (const char* form : kLocalForms) {
    if (absl::ParseTime(form, input, calendar::KyivZone(), &t, &err)) return t;
  }
  return std::nullopt;
}

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  google::protobuf::Timestamp ts;
  const int64_t seconds = absl::ToUnixSeconds(t);
  ts.set_seconds(seconds);
  ts.set_nanos(static_cast<int32_t>(absl::ToInt64Nanoseconds(t - absl::FromUnixSeconds(seconds))));
  return ts;
}

absl::Time FromTimestamp(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

std::optional<v1::ResultKind> ParseResultKind(std::string_view text) {
  std::string name = absl::AsciiStrToUpper(Sv(text));
  if (name.rfind(kResultPrefix, 0) != 0) name = absl::StrCat(Sv(kResultPrefix), name);
  v1::ResultKind kind;
  if (!v1::ResultKind_Parse(name, &kind) || kind == v1::RESULT_KIND_UNSPECIFIED) {
    return std::nullopt;
  }
  return kind;
}

std::string ResultKindNames() {
  std::vector<std::string> names;
  const google::protobuf::EnumDescriptor* d = v1::ResultKind_descriptor();
  for (int i = 0; i < d->value_count(); ++i) {
    if (d->value(i)->number() == v1::RESULT_KIND_UNSPECIFIED) continue;
    names.push_back(absl::AsciiStrToLower(d->value(i)->name().substr(kResultPrefix.size())));
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace opsreport::register_extract::internal
