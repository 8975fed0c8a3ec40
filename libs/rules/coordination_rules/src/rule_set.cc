#include "opsreport/coordination_rules/rule_set.h"

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "opsreport/base/strings.h"
#include "opsreport/base/violations.h"
#include "values.h"

namespace opsreport::coordination_rules {
namespace {

using calendar::NonWorkingDayRule;

struct RawValue {
  std::string value;
  int line = 0;
};

// What a value handler may touch: the rule set being filled and the calendar
// that is frozen into it once every key has been read.
struct Draft {
  RuleSet rules;
  calendar::HolidayCalendar holidays;
  std::vector<absl::Weekday> weekend = {absl::Weekday::saturday, absl::Weekday::sunday};
  bool lead_rule_given = false;
};

// A handler returns an error message for a bad value, empty when it is good.
using Handler = std::function<std::string(const std::string& value, Draft& draft)>;

struct KeySpec {
  const char* key;
  bool required;
  Handler handle;
};

// Sets an optional field from its value, `none` clearing it.
template <typename T>
Handler Optional(std::optional<T> RuleSet::*field,
                 std::function<absl::StatusOr<T>(std::string_view)> parse) {
  return [field, parse](const std::string& value, Draft& draft) -> std::string {
    if (value == kNone) {
      draft.rules.*field = std::nullopt;
      return "";
    }
    absl::StatusOr<T> parsed = parse(value);
    if (!parsed.ok()) return std::string(parsed.status().message());
    draft.rules.*field = *parsed;
    return "";
  };
}

template <typename T>
Handler Required(T RuleSet::*field, std::function<absl::StatusOr<T>(std::string_view)> parse) {
  return [field, parse](const std::string& value, Draft& draft) -> std::string {
    absl::StatusOr<T> parsed = parse(value);
    if (!parsed.ok()) return std::string(parsed.status().message());
    draft.rules.*field = *parsed;
    return "";
  };
}

std::string HandleJurisdiction(const std::string& value, Draft& draft) {
  for (char c : value) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return absl::StrCat("\"", value, "\" must be letters, digits, '_' or '-'");
  }
  draft.rules.jurisdiction = value;
  return "";
}

std::string HandleTimeZone(const std::string& value, Draft& draft) {
  absl::StatusOr<absl::TimeZone> zone = LoadZone(value);
  if (!zone.ok()) return std::string(zone.status().message());
  draft.rules.zone = *zone;
  return "";
}

std::string HandleWeekend(const std::string& value, Draft& draft) {
  absl::StatusOr<std::vector<absl::Weekday>> days = ParseWeekend(value);
  if (!days.ok()) return std::string(days.status().message());
  draft.weekend = *std::move(days);
  return "";
}

Handler HandleHolidays(std::filesystem::path base_dir) {
  return [base_dir](const std::string& value, Draft& draft) -> std::string {
    std::filesystem::path path(value);
    if (path.is_relative()) path = base_dir / path;
    absl::StatusOr<calendar::HolidayCalendar> loaded =
        calendar::HolidayCalendar::LoadFile(path.string());
    if (!loaded.ok()) return std::string(loaded.status().message());
    draft.holidays = *std::move(loaded);
    return "";
  };
}

std::string HandleLeadRule(const std::string& value, Draft& draft) {
  absl::StatusOr<NonWorkingDayRule> rule = ParseNonWorkingDayRule(value);
  if (!rule.ok()) return std::string(rule.status().message());
  draft.rules.lead_non_working_day_rule = *rule;
  draft.lead_rule_given = true;
  return "";
}

std::vector<KeySpec> Keys(const std::filesystem::path& base_dir) {
  return {
      {"jurisdiction", true, HandleJurisdiction},
      {"time_zone", true, HandleTimeZone},
      {"holidays", true, HandleHolidays(base_dir)},
      {"weekend", false, HandleWeekend},
      {"non_working_day_rule", true,
       Required<NonWorkingDayRule>(&RuleSet::non_working_day_rule, ParseNonWorkingDayRule)},
      {"lead_non_working_day_rule", false, HandleLeadRule},
      {"signatories", true, Required<Signatories>(&RuleSet::signatories, ParseSignatories)},
      {"signing_window", false, Optional<calendar::Deadline>(&RuleSet::signing_window, ParseTerm)},
      {"extension_by", false,
       Optional<ExtensionGrantor>(&RuleSet::extension_by, ParseExtensionGrantor)},
      {"extension_proposers", false,
       Optional<ExtensionProposers>(&RuleSet::extension_proposers, ParseExtensionProposers)},
      {"extension_min_lead", false,
       Optional<calendar::Deadline>(&RuleSet::extension_min_lead, ParseTerm)},
      {"meeting_interval", false,
       Optional<PeriodKind>(&RuleSet::meeting_interval, ParsePeriodKind)},
      {"quorum", false, Optional<Fraction>(&RuleSet::quorum, ParseQuorum)},
      {"voting", false, Optional<Voting>(&RuleSet::voting, ParseVoting)},
      {"tie_break", false, Optional<TieBreak>(&RuleSet::tie_break, ParseTieBreak)},
      {"materials_lead", false, Optional<calendar::Deadline>(&RuleSet::materials_lead, ParseTerm)},
      {"materials_max_pages", false,
       Optional<int64_t>(&RuleSet::materials_max_pages, ParsePositiveCount)},
      {"rework_within", false, Optional<calendar::Deadline>(&RuleSet::rework_within, ParseTerm)},
      {"agenda_lead", false, Optional<calendar::Deadline>(&RuleSet::agenda_lead, ParseTerm)},
      {"protocol_within", false,
       Optional<calendar::Deadline>(&RuleSet::protocol_within, ParseTerm)},
      {"protocol_send_within", false,
       Optional<calendar::Deadline>(&RuleSet::protocol_send_within, ParseTerm)},
      {"coexecutor_lead", false,
       Optional<calendar::Deadline>(&RuleSet::coexecutor_lead, ParseTerm)},
      {"plan_period", false, Optional<PeriodKind>(&RuleSet::plan_period, ParsePeriodKind)},
  };
}

// Splits the text into key -> value, reporting malformed lines, unknown and
// repeated keys.
std::map<std::string, RawValue> ReadLines(std::string_view text, const std::string& file,
                                          const std::vector<KeySpec>& keys,
                                          base::Violations& violations) {
  std::map<std::string, RawValue> raw;
  int line_no = 0;
  for (const std::string& line : base::SplitKeepEmpty(text, '\n')) {
    ++line_no;
    const std::string_view body = base::Trim(line);
    if (body.empty() || body.front() == '#') continue;
    const std::string where = absl::StrCat(file, ":", line_no);
    const size_t eq = body.find('=');
    if (eq == std::string_view::npos) {
      violations.Add(where, "expected 'key = value'");
      continue;
    }
    const std::string key(base::Trim(body.substr(0, eq)));
    const std::string value(base::Trim(body.substr(eq + 1)));
    bool known = false;
    for (const KeySpec& spec : keys) known = known || key == spec.key;
    if (!known) {
      violations.Add(where, absl::StrCat("unknown key \"", key, "\""));
      continue;
    }
    auto [it, inserted] = raw.emplace(key, RawValue{value, line_no});
    if (!inserted) {
      violations.Add(where, absl::StrCat("key \"", key, "\": duplicate (first at line ",
                                         it->second.line, ")"));
      continue;
    }
    if (value.empty()) violations.Add(where, absl::StrCat("key \"", key, "\": empty value"));
  }
  return raw;
}

}  // namespace

absl::StatusOr<RuleSet> RuleSet::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open coordination rule set ", path));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return absl::DataLossError(absl::StrCat("cannot read coordination rule set ", path));
  return Parse(text.str(), path);
}

absl::StatusOr<std::map<std::string, RuleSet>> LoadRuleSets(std::string_view paths) {
  std::map<std::string, RuleSet> rule_sets;
  for (absl::string_view path :
       absl::StrSplit(absl::string_view(paths.data(), paths.size()), ',', absl::SkipWhitespace())) {
    absl::StatusOr<RuleSet> rules =
        RuleSet::LoadFile(std::string(absl::StripAsciiWhitespace(path)));
    if (!rules.ok()) return rules.status();
    std::string jurisdiction = rules->jurisdiction;
    rule_sets.emplace(std::move(jurisdiction), *std::move(rules));
  }
  return rule_sets;
}

absl::StatusOr<RuleSet> RuleSet::Parse(std::string_view text, std::string_view file_name) {
  const std::string file(file_name);
  const std::vector<KeySpec> keys = Keys(std::filesystem::path(file).parent_path());
  base::Violations violations;
  const std::map<std::string, RawValue> raw = ReadLines(text, file, keys, violations);

  Draft draft;
  for (const KeySpec& spec : keys) {
    auto it = raw.find(spec.key);
    if (it == raw.end()) {
      if (spec.required) {
        violations.Add(file, absl::StrCat("missing required key \"", spec.key, "\""));
      }
      continue;
    }
    if (it->second.value.empty()) continue;  // already reported
    const std::string error = spec.handle(it->second.value, draft);
    if (!error.empty()) {
      violations.Add(absl::StrCat(file, ":", it->second.line),
                     absl::StrCat("key \"", spec.key, "\": ", error));
    }
  }
  auto tie_break = raw.find("tie_break");
  if (draft.rules.tie_break && !draft.rules.voting && tie_break != raw.end()) {
    violations.Add(absl::StrCat(file, ":", tie_break->second.line),
                   "key \"tie_break\": needs a voting rule (set voting or tie_break = none)");
  }
  if (!violations.empty()) {
    return violations.ToStatus(absl::StrCat("coordination rule set ", file));
  }

  if (!draft.lead_rule_given) {
    draft.rules.lead_non_working_day_rule = draft.rules.non_working_day_rule;
  }
  draft.holidays.SetWeekend(draft.weekend);
  draft.rules.holidays =
      std::make_shared<const calendar::HolidayCalendar>(std::move(draft.holidays));
  return std::move(draft.rules);
}

calendar::DeadlineCalculator RuleSet::Calculator(calendar::NonWorkingDayRule rule) const {
  return calendar::DeadlineCalculator(holidays.get(), zone, rule);
}

calendar::DeadlineCalculator RuleSet::ForwardCalculator() const {
  return Calculator(non_working_day_rule);
}

calendar::DeadlineCalculator RuleSet::LeadCalculator() const {
  return Calculator(lead_non_working_day_rule);
}

}  // namespace opsreport::coordination_rules
