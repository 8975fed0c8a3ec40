#include "opsreport/catalogue/catalogue.h"

#include <functional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/strings.h"
#include "opsreport/catalogue/item_number.h"
#include "opsreport/catalogue/tsv_table.h"

namespace opsreport::catalogue {
namespace {

using opsreport::v1::CatalogueItem;

enum Column {
  kNumber,
  kTitle,
  kDeadline,
  kReach,
  kServiceLine,
  kContentRules,
  kCcArticles,
  kEventTypeCode
};
const std::vector<std::string_view> kColumns = {"number",      "title",          "deadline",
                                                "reach",       "service_line",   "content_rules",
                                                "cc_articles", "event_type_code"};

// A month is far beyond any reporting deadline; larger values are typos.
constexpr int64_t kMaxDeadlineMinutes = 31 * 24 * 60;

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// "115" or "258-3": article 1-999 and an optional sign 1-99.
bool IsValidArticle(std::string_view a) {
  size_t dash = a.find('-');
  std::string_view art = a.substr(0, dash);
  if (!AllDigits(art) || art.size() > 3 || art.front() == '0') return false;
  if (dash == std::string_view::npos) return true;
  std::string_view sign = a.substr(dash + 1);
  return AllDigits(sign) && sign.size() <= 2 && sign.front() != '0';
}

bool IsValidServiceLine(std::string_view s) {
  if (s.empty() || !absl::ascii_islower(static_cast<unsigned char>(s.front()))) return false;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u) && c != '_') return false;
  }
  return true;
}

// Splits a comma-separated list cell; "-" is the empty list. Reports empty
// elements and repeats; returns the trimmed elements.
std::vector<std::string> SplitList(const std::string& cell, std::string_view what,
                                   const std::function<void(std::string)>& fail) {
  std::vector<std::string> out;
  if (IsNone(cell)) return out;
  std::set<std::string> seen;
  for (const std::string& raw : base::SplitKeepEmpty(cell, ',')) {
    std::string v(base::Trim(raw));
    if (v.empty()) {
      fail(absl::StrCat("empty element in \"", cell, "\"; write - for none"));
    } else if (!seen.insert(v).second) {
      fail(absl::StrCat(std::string(what), " ", v, " listed twice"));
    } else {
      out.push_back(v);
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<int64_t> ParseDeadlineMinutes(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad deadline \"", std::string(text), "\": ", std::string(why)));
  };
  constexpr std::string_view kForm = "expected a number and m, h or d, e.g. 30m, 2h, 1d";
  if (text.size() < 2) return bad(kForm);
  std::string_view digits = text.substr(0, text.size() - 1);
  int64_t per_unit = 0;
  switch (text.back()) {
    case 'm':
      per_unit = 1;
      break;
    case 'h':
      per_unit = 60;
      break;
    case 'd':
      per_unit = 24 * 60;
      break;
    default:
      return bad(kForm);
  }
  int64_t value = 0;
  if (!AllDigits(digits) || digits.size() > 6 ||
      !absl::SimpleAtoi(absl::string_view(digits.data(), digits.size()), &value)) {
    return bad(kForm);
  }
  if (value <= 0) return bad("must be positive");
  if (value * per_unit > kMaxDeadlineMinutes) return bad("must be at most 31d");
  return value * per_unit;
}

absl::StatusOr<Catalogue> Catalogue::LoadFile(const std::string& path, const ContentRules& rules) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path, rules);
}

absl::StatusOr<Catalogue> Catalogue::Parse(std::string_view text, std::string_view file_name,
                                           const ContentRules& rules) {
  FileErrors errors(file_name);
  TsvTable table = ParseTsv(text, kColumns, errors);
  Catalogue catalogue;
  std::map<std::string, int, std::less<>> number_lines;
  for (const TsvRow& row : table.rows) {
    const auto& c = row.cells;
    bool ok = true;
    auto fail_at = [&](Column col) {
      return [&, col](std::string message) {
        errors.Add(row.line, kColumns[col], message);
        ok = false;
      };
    };
    for (size_t col = 0; col < c.size(); ++col) {
      if (c[col].empty()) fail_at(static_cast<Column>(col))("empty value; write - for none");
    }
    if (!ok) continue;

    CatalogueItem item;
    item.set_number(c[kNumber]);
    if (auto code = ItemNumberToCode(c[kNumber]); !code.ok()) {
      fail_at(kNumber)(std::string(code.status().message()));
    } else if (auto it = number_lines.find(c[kNumber]); it != number_lines.end()) {
      fail_at(kNumber)(
          absl::StrCat("duplicate number ", c[kNumber], " (first on line ", it->second, ")"));
    } else {
      number_lines.emplace(c[kNumber], row.line);
      item.set_code(*code);
    }

    if (IsNone(c[kTitle])) fail_at(kTitle)("must not be empty");
    item.set_title(c[kTitle]);

    if (auto minutes = ParseDeadlineMinutes(c[kDeadline]); !minutes.ok()) {
      fail_at(kDeadline)(std::string(minutes.status().message()));
    } else {
      item.set_deadline_minutes(*minutes);
    }

    if (c[kReach] == "region") {
      item.set_reach(opsreport::v1::REACH_REGION);
    } else if (c[kReach] == "ministry") {
      item.set_reach(opsreport::v1::REACH_MINISTRY);
    } else {
      fail_at(kReach)(
          absl::StrCat("unknown reach \"", c[kReach], "\": expected region or ministry"));
    }

    if (!IsValidServiceLine(c[kServiceLine])) {
      fail_at(kServiceLine)(absl::StrCat("bad service line \"", c[kServiceLine],
                                         "\": expected lowercase_with_underscores"));
    }
    item.set_service_line(c[kServiceLine]);

    for (const std::string& id :
         SplitList(c[kContentRules], "content rule", fail_at(kContentRules))) {
      if (!rules.HasRule(id)) {
        fail_at(kContentRules)(absl::StrCat("unknown content rule id ", id));
      } else {
        item.add_content_rules(id);
      }
    }

    for (const std::string& a : SplitList(c[kCcArticles], "article", fail_at(kCcArticles))) {
      if (!IsValidArticle(a)) {
        fail_at(kCcArticles)(
            absl::StrCat("bad КК article \"", a, "\": expected e.g. 115 or 258-3"));
      } else {
        item.add_cc_articles(a);
      }
    }

    if (!AllDigits(c[kEventTypeCode]) || c[kEventTypeCode].size() > 6) {
      fail_at(kEventTypeCode)(
          absl::StrCat("bad event type code \"", c[kEventTypeCode], "\": expected 1-6 digits"));
    }
    item.set_event_type_code(c[kEventTypeCode]);

    if (!ok) continue;
    catalogue.by_number_.emplace(item.number(), catalogue.items_.size());
    catalogue.by_code_.emplace(item.code(), catalogue.items_.size());
    catalogue.items_.push_back(std::move(item));
  }
  RETURN_IF_ERROR(errors.ToStatus(absl::StrCat("catalogue ", std::string(file_name))));
  return catalogue;
}

const CatalogueItem* Catalogue::FindByNumber(std::string_view number) const {
  auto it = by_number_.find(number);
  return it == by_number_.end() ? nullptr : &items_[it->second];
}

const CatalogueItem* Catalogue::FindByCode(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : &items_[it->second];
}

bool Catalogue::ArticleConsistent(const CatalogueItem& item, std::string_view cc_article) const {
  std::string_view a = base::Trim(cc_article);
  if (a.empty()) return false;
  for (const std::string& listed : item.cc_articles()) {
    if (listed == a) return true;
  }
  return false;
}

}  // namespace opsreport::catalogue
