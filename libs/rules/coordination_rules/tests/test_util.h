#pragma once
// Shared fixtures: the shipped rule sets and local wall-time helpers.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules::test_support {

inline std::string DataPath(const std::string& name) {
  return std::string(OPSREPORT_SOURCE_DIR) + "/data/" + name;
}

inline RuleSet LoadOrDie(const std::string& name) {
  absl::StatusOr<RuleSet> rules = RuleSet::LoadFile(DataPath(name));
  if (!rules.ok()) {
    std::fprintf(stderr, "%s\n", std::string(rules.status().message()).c_str());
    std::abort();
  }
  return *std::move(rules);
}

inline const RuleSet& Ua() {
  static const RuleSet* const rules = new RuleSet(LoadOrDie("coordination_ua.conf"));
  return *rules;
}

inline const RuleSet& Kz() {
  static const RuleSet* const rules = new RuleSet(LoadOrDie("coordination_kz.conf"));
  return *rules;
}

// Only for wall times that occur exactly once in the zone.
inline absl::Time At(const RuleSet& rules, int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), rules.zone);
}
inline absl::Time Kyiv(int y, int m, int d, int hh, int mm, int ss = 0) {
  return At(Ua(), y, m, d, hh, mm, ss);
}
inline absl::Time Almaty(int y, int m, int d, int hh, int mm, int ss = 0) {
  return At(Kz(), y, m, d, hh, mm, ss);
}

// The last nanosecond of a local day: where a term counted in days ends.
inline absl::Time EndOfDay(const RuleSet& rules, int y, int m, int d) {
  return At(rules, y, m, d, 23, 59, 59) + absl::Nanoseconds(999'999'999);
}
inline absl::Time KyivEnd(int y, int m, int d) { return EndOfDay(Ua(), y, m, d); }
inline absl::Time AlmatyEnd(int y, int m, int d) { return EndOfDay(Kz(), y, m, d); }

}  // namespace opsreport::coordination_rules::test_support
