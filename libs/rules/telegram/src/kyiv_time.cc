#include "opsreport/telegram/kyiv_time.h"

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "opsreport/base/strings.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::telegram {
namespace {

constexpr char kExpected[] = "expected DD.MM.YYYY HH:MM[:SS]";

// Reads a run of 1..max_digits ASCII digits from the front of `s`.
std::optional<int> TakeNumber(std::string_view& s, size_t min_digits, size_t max_digits) {
  size_t n = 0;
  while (n < s.size() && n < max_digits && absl::ascii_isdigit(static_cast<unsigned char>(s[n]))) {
    ++n;
  }
  if (n < min_digits) return std::nullopt;
  int v = 0;
  if (!absl::SimpleAtoi(absl::string_view(s.data(), n), &v)) return std::nullopt;
  s.remove_prefix(n);
  return v;
}

bool TakeChar(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

std::string OffsetText(int offset_seconds) {
  const char sign = offset_seconds < 0 ? '-' : '+';
  const int abs = offset_seconds < 0 ? -offset_seconds : offset_seconds;
  const int hours = abs / 3600, minutes = (abs % 3600) / 60;
  if (minutes == 0) return absl::StrFormat("UTC%c%d", sign, hours);
  return absl::StrFormat("UTC%c%d:%02d", sign, hours, minutes);
}

// Parses "UTC+3" / "UTC-2:30" into seconds east of UTC.
std::optional<int> ParseOffset(std::string_view s) {
  if (s.substr(0, 3) != "UTC") return std::nullopt;
  s.remove_prefix(3);
  int sign = 1;
  if (TakeChar(s, '-')) {
    sign = -1;
  } else if (!TakeChar(s, '+')) {
    return std::nullopt;
  }
  auto hours = TakeNumber(s, 1, 2);
  if (!hours) return std::nullopt;
  int minutes = 0;
  if (TakeChar(s, ':')) {
    auto m = TakeNumber(s, 2, 2);
    if (!m) return std::nullopt;
    minutes = *m;
  }
  if (!s.empty()) return std::nullopt;
  return sign * (*hours * 3600 + minutes * 60);
}

absl::Status Bad(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat(std::string(why), ", got '", std::string(text), "'"));
}

}  // namespace

std::string FormatKyiv(absl::Time t) {
  const absl::TimeZone tz = calendar::KyivZone();
  const absl::TimeZone::CivilInfo info = tz.At(t);
  const absl::CivilSecond cs = info.cs;
  std::string out = absl::StrFormat("%02d.%02d.%04d %02d:%02d", cs.day(), cs.month(), cs.year(),
                                    cs.hour(), cs.minute());
  if (cs.second() != 0) absl::StrAppendFormat(&out, ":%02d", cs.second());
  if (tz.At(cs).kind == absl::TimeZone::TimeInfo::REPEATED) {
    absl::StrAppend(&out, " (", OffsetText(info.offset), ")");
  }
  return out;
}

std::string FormatKyiv(const google::protobuf::Timestamp& ts) {
  return FormatKyiv(absl::FromUnixSeconds(ts.seconds()));
}

absl::StatusOr<google::protobuf::Timestamp> ParseKyiv(std::string_view text) {
  std::string_view s = base::Trim(text);
  std::optional<int> offset;
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open == std::string_view::npos) return Bad(text, kExpected);
    offset = ParseOffset(base::Trim(s.substr(open + 1, s.size() - open - 2)));
    if (!offset) return Bad(text, "expected a UTC offset such as (UTC+3) after the time");
    s = base::Trim(s.substr(0, open));
  }
  std::string_view rest = s;
  auto day = TakeNumber(rest, 1, 2);
  bool ok = day && TakeChar(rest, '.');
  auto month = ok ? TakeNumber(rest, 1, 2) : std::nullopt;
  ok = ok && month && TakeChar(rest, '.');
  auto year = ok ? TakeNumber(rest, 4, 4) : std::nullopt;
  ok = ok && year && TakeChar(rest, ' ');
  while (ok && TakeChar(rest, ' ')) {
  }
  auto hour = ok ? TakeNumber(rest, 1, 2) : std::nullopt;
  ok = ok && hour && TakeChar(rest, ':');
  auto minute = ok ? TakeNumber(rest, 2, 2) : std::nullopt;
  ok = ok && minute;
  std::optional<int> second = 0;
  if (ok && TakeChar(rest, ':')) second = TakeNumber(rest, 2, 2);
  ok = ok && second && rest.empty();
  if (!ok) return Bad(text, kExpected);

  const absl::CivilSecond cs(*year, *month, *day, *hour, *minute, *second);
  if (cs.year() != *year || cs.month() != *month || cs.day() != *day || cs.hour() != *hour ||
      cs.minute() != *minute || cs.second() != *second) {
    return Bad(text, "no such date or time");
  }
  const absl::TimeZone::TimeInfo info = calendar::KyivZone().At(cs);
  absl::Time t = info.pre;
  if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) {
    return Bad(text,
               "this local time does not exist in Kyiv (skipped by the change to summer time)");
  }
  if (offset) {
    if (calendar::KyivZone().At(info.pre).offset == *offset) {
      t = info.pre;
    } else if (calendar::KyivZone().At(info.post).offset == *offset) {
      t = info.post;
    } else {
      return Bad(text, absl::StrCat("Kyiv time at that moment is not ", OffsetText(*offset)));
    }
  }
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

}  // namespace opsreport::telegram
