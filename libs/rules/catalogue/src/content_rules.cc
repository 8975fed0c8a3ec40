#include "opsreport/catalogue/content_rules.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/strings.h"
#include "opsreport/catalogue/tsv_table.h"

namespace opsreport::catalogue {
namespace {

enum Column { kRuleId, kFieldKey, kTitle, kSection, kDocument };
const std::vector<std::string_view> kColumns = {"rule_id", "field_key", "title", "section",
                                                "document"};

// Dot-separated positive numbers without leading zeros, at least two parts.
bool IsDottedNumber(std::string_view s) {
  std::vector<std::string> parts = base::SplitKeepEmpty(s, '.');
  if (parts.size() < 2) return false;
  for (const std::string& p : parts) {
    if (p.empty() || p.size() > 3 || p.front() == '0') return false;
    for (char c : p) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    }
  }
  return true;
}

// "fire.area": two or more segments of [a-z][a-z0-9_]*.
bool IsValidFieldKey(std::string_view key) {
  std::vector<std::string> parts = base::SplitKeepEmpty(key, '.');
  if (parts.size() < 2) return false;
  for (const std::string& p : parts) {
    if (p.empty() || !absl::ascii_islower(static_cast<unsigned char>(p.front()))) return false;
    for (char c : p) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!absl::ascii_islower(u) && !absl::ascii_isdigit(u) && c != '_') return false;
    }
  }
  return true;
}

bool SectionWithinRule(std::string_view section, std::string_view rule) {
  return section == rule || (section.size() > rule.size() &&
                             section.substr(0, rule.size()) == rule && section[rule.size()] == '.');
}

}  // namespace

bool IsValidRuleId(std::string_view id) { return IsDottedNumber(id) && id.substr(0, 2) == "8."; }

absl::StatusOr<ContentRules> ContentRules::LoadFile(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return Parse(text, path);
}

absl::StatusOr<ContentRules> ContentRules::Parse(std::string_view text,
                                                 std::string_view file_name) {
  FileErrors errors(file_name);
  TsvTable table = ParseTsv(text, kColumns, errors);
  ContentRules rules;
  std::map<std::string, int, std::less<>> key_lines;
  // A rule belongs to one document: the first row of a rule decides.
  std::map<std::string, std::pair<std::string, int>, std::less<>> rule_document;
  for (const TsvRow& row : table.rows) {
    const auto& c = row.cells;
    bool ok = true;
    auto fail = [&](Column col, std::string message) {
      errors.Add(row.line, kColumns[col], message);
      ok = false;
    };
    if (!IsValidRuleId(c[kRuleId])) {
      fail(kRuleId, absl::StrCat("bad rule id \"", c[kRuleId],
                                 "\": expected a section-8 clause such as 8.2 or 8.1.10"));
    }
    if (!IsValidFieldKey(c[kFieldKey])) {
      fail(kFieldKey, absl::StrCat("bad field key \"", c[kFieldKey],
                                   "\": expected lowercase.dotted, e.g. fire.area"));
    } else if (auto it = key_lines.find(c[kFieldKey]); it != key_lines.end()) {
      fail(kFieldKey,
           absl::StrCat("duplicate field key ", c[kFieldKey], " (first on line ", it->second, ")"));
    } else {
      key_lines.emplace(c[kFieldKey], row.line);
    }
    if (c[kTitle].empty() || IsNone(c[kTitle])) fail(kTitle, "must not be empty");
    if (!IsDottedNumber(c[kSection])) {
      fail(kSection, absl::StrCat("bad section \"", c[kSection], "\": expected e.g. 8.2.5"));
    } else if (IsValidRuleId(c[kRuleId]) && !SectionWithinRule(c[kSection], c[kRuleId])) {
      fail(kSection, absl::StrCat("section ", c[kSection], " is not within rule ", c[kRuleId]));
    }
    if (c[kDocument] != "report" && c[kDocument] != "supplement") {
      fail(kDocument,
           absl::StrCat("bad document \"", c[kDocument], "\": expected report or supplement"));
    } else if (auto [doc, first] = rule_document.try_emplace(c[kRuleId], c[kDocument], row.line);
               !first && doc->second.first != c[kDocument]) {
      fail(kDocument, absl::StrCat("rule ", c[kRuleId], " is for the ", doc->second.first,
                                   " (line ", doc->second.second, ")"));
    }
    if (!ok) continue;
    auto [it, inserted] = rules.by_rule_.try_emplace(c[kRuleId]);
    if (inserted) rules.rule_order_.push_back(c[kRuleId]);
    rules.by_key_.emplace(c[kFieldKey], std::make_pair(c[kRuleId], it->second.size()));
    it->second.push_back(
        {c[kRuleId], c[kFieldKey], c[kTitle], c[kSection], c[kDocument] == "supplement"});
  }
  RETURN_IF_ERROR(errors.ToStatus(absl::StrCat("content rules ", std::string(file_name))));
  return rules;
}

const std::vector<ContentField>* ContentRules::Fields(std::string_view rule_id) const {
  auto it = by_rule_.find(rule_id);
  return it == by_rule_.end() ? nullptr : &it->second;
}

const ContentField* ContentRules::FindField(std::string_view key) const {
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return nullptr;
  return &by_rule_.find(it->second.first)->second[it->second.second];
}

std::vector<std::string> ContentRules::RuleIds() const { return rule_order_; }

bool ContentRules::ForSupplement(std::string_view rule_id) const {
  const std::vector<ContentField>* fields = Fields(rule_id);
  return fields != nullptr && !fields->empty() && fields->front().for_supplement;
}

}  // namespace opsreport::catalogue
