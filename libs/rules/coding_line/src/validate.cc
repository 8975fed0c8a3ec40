#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "fields.h"
#include "opsreport/coding_line/coding_line.h"

namespace opsreport::coding_line {
namespace {

using internal::Get;

bool AllDigits(const std::string& s, size_t min_len, size_t max_len) {
  if (s.size() < min_len || s.size() > max_len) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int ToInt(const std::string& s) {
  int v = 0;
  (void)absl::SimpleAtoi(s, &v);
  return v;
}

class Checker {
 public:
  Checker(const v1::CodingLine& line, std::string_view prefix, base::Violations& out)
      : line_(line), prefix_(prefix), out_(out) {}

  // Shape checks every field needs; returns which fields may be checked further.
  void CheckShapes() {
    for (int i = 0; i < kFieldCount; ++i) {
      const std::string v = Get(line_, i);
      if (v.empty()) {
        Add(i, "must not be empty");
      } else if (v.find_first_of("?\n\r") != std::string::npos) {
        Add(i, "must not contain '?' or a line break");
      } else if (absl::ascii_isspace(static_cast<unsigned char>(v.front())) ||
                 absl::ascii_isspace(static_cast<unsigned char>(v.back()))) {
        Add(i, "must not start or end with whitespace");
      } else {
        usable_[i] = true;
      }
    }
  }

  void CheckCatalogueCode(int pos) {
    if (!usable_[pos]) return;
    const std::string v = Get(line_, pos);
    if (!AllDigits(v, 4, 4)) {
      Add(pos, absl::StrCat("must be 4 digits, item then sub-item zero-padded "
                            "(п.26.1 -> 2601), got '",
                            v, "'"));
    } else if (v == "0000") {
      Add(pos, "must not be 0000");
    } else if (v.substr(0, 2) == "00") {
      Add(pos, absl::StrCat("item number (first two digits) must not be 00, got '", v, "'"));
    }
  }

  void CheckTime(int pos) {
    if (!usable_[pos]) return;
    const std::string v = Get(line_, pos);
    bool ok = v.size() == 5 && v[2] == '.' && AllDigits(v.substr(0, 2), 2, 2) &&
              AllDigits(v.substr(3, 2), 2, 2) && ToInt(v.substr(0, 2)) < 24 &&
              ToInt(v.substr(3, 2)) < 60;
    if (!ok) Add(pos, absl::StrCat("must be a time HH.MM (00.00-23.59), got '", v, "'"));
  }

  void CheckDate(int day, int month, int year) {
    bool ok = true;
    if (usable_[year] && !AllDigits(Get(line_, year), 4, 4)) {
      Add(year, absl::StrCat("must be a 4-digit year, got '", Get(line_, year), "'"));
      ok = false;
    }
    const std::string m = Get(line_, month);
    if (usable_[month] && !(AllDigits(m, 1, 2) && ToInt(m) >= 1 && ToInt(m) <= 12)) {
      Add(month, absl::StrCat("must be a month number 01-12, got '", m, "'"));
      ok = false;
    }
    const std::string d = Get(line_, day);
    if (usable_[day] && !(AllDigits(d, 1, 2) && ToInt(d) >= 1 && ToInt(d) <= 31)) {
      Add(day, absl::StrCat("must be a day number 01-31, got '", d, "'"));
      ok = false;
    }
    if (!ok || !usable_[day] || !usable_[month] || !usable_[year]) return;
    const int y = ToInt(Get(line_, year));
    const absl::CivilDay civil(y, ToInt(m), ToInt(d));
    if (civil.day() != ToInt(d) || civil.month() != ToInt(m)) {
      Add(day, absl::StrCat(d, ".", m, ".", y, " is not a calendar date"));
    }
  }

 private:
  void Add(int pos, std::string_view message) {
    out_.Add(absl::StrCat(std::string(prefix_), ".", FieldNames()[pos]), message);
  }

  const v1::CodingLine& line_;
  std::string_view prefix_;
  base::Violations& out_;
  bool usable_[kFieldCount] = {};
};

// Text positions of the fields with value rules.
constexpr int kCatalogueCode = 2;
constexpr int kReceivedTime = 7;
constexpr int kReceivedDay = 8;
constexpr int kSummaryDay = 11;

}  // namespace

void Validate(const v1::CodingLine& line, std::string_view prefix, base::Violations& out) {
  Checker checker(line, prefix, out);
  checker.CheckShapes();
  checker.CheckCatalogueCode(kCatalogueCode);
  checker.CheckTime(kReceivedTime);
  checker.CheckDate(kReceivedDay, kReceivedDay + 1, kReceivedDay + 2);
  checker.CheckDate(kSummaryDay, kSummaryDay + 1, kSummaryDay + 2);
}

}  // namespace opsreport::coding_line
