#pragma once
// The section-8 content rules (002 §8) as data: for each rule id ("8.2") the
// detail fields a special report must carry (keys of SpecialReport.details).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace opsreport::catalogue {

struct ContentField {
  std::string rule_id;  // "8.2"
  std::string key;      // "fire.area"
  std::string title;    // Ukrainian, from the Instruction
  std::string section;  // "8.2.5"
  // The rule's data belongs to a supplement, not the first report (e.g. §8.3:
  // the fire follow-up due within 10 days).
  bool for_supplement = false;
};

class ContentRules {
 public:
  static absl::StatusOr<ContentRules> LoadFile(const std::string& path);
  // `file_name` only labels errors ("file:line: column <name>: message").
  static absl::StatusOr<ContentRules> Parse(std::string_view text, std::string_view file_name);

  // Fields of a rule in file order; nullptr if the rule is unknown.
  const std::vector<ContentField>* Fields(std::string_view rule_id) const;
  const ContentField* FindField(std::string_view key) const;
  // Rule ids in order of first appearance.
  std::vector<std::string> RuleIds() const;
  bool HasRule(std::string_view rule_id) const { return Fields(rule_id) != nullptr; }
  // True when the rule's fields belong to a supplement (column "document").
  bool ForSupplement(std::string_view rule_id) const;

 private:
  std::vector<std::string> rule_order_;
  std::map<std::string, std::vector<ContentField>, std::less<>> by_rule_;
  // key -> (rule id, index in that rule's fields); indices keep copies valid.
  std::map<std::string, std::pair<std::string, size_t>, std::less<>> by_key_;
};

// "8.2", "8.1.10": two or more dot-separated positive numbers, first 8.
bool IsValidRuleId(std::string_view id);

}  // namespace opsreport::catalogue
