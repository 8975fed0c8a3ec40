#include "internal.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/date.h"

namespace opsreport::daily_summary::internal {
namespace {

constexpr size_t kMaxSummaryBytes = 240;  // ~120 Cyrillic letters

}  // namespace

using base::ToTime;

bool InWindow(const google::protobuf::Timestamp& ts, const DayWindow& window) {
  absl::Time t = ToTime(ts);
  return t >= window.begin && t < window.end;
}

std::string DisplayDay(const std::string& day) {
  std::optional<calendar::Date> d = calendar::ParseDate(day);
  if (!d) return day;
  return absl::StrFormat("%02d.%02d.%04d", d->day, d->month, d->year);
}

std::string UnitHeading(const std::string& name, const std::string& code) {
  return name.empty() ? code : absl::StrCat(name, " (", code, ")");
}

// The cut backs off to a character boundary so the text stays valid UTF-8,
// and is marked with an ellipsis.
std::string FirstLine(const std::string& text) {
  absl::string_view line(text);
  line = line.substr(0, line.find_first_of("\r\n"));
  std::string out(absl::StripAsciiWhitespace(line));
  if (out.size() > kMaxSummaryBytes) {
    size_t cut = kMaxSummaryBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    absl::StripTrailingAsciiWhitespace(&out);
    out += "…";  // the reader sees the text goes on
  }
  return out;
}

std::string CatalogueNumber(const v1::AcceptedDocument& doc) {
  // A supplement names its original, not a catalogue item; its row stays blank.
  return doc.has_special_report() ? doc.special_report().catalogue_number() : "";
}

// The reconciliation's own time, else when routing applied it.
absl::Time AskedAt(const v1::ReconciliationInboxItem& item) {
  return item.request().has_requested_at() ? ToTime(item.request().requested_at())
                                           : ToTime(item.received_at());
}

}  // namespace opsreport::daily_summary::internal
