#include "values.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/strings.h"

namespace opsreport::coordination_rules {
namespace {

template <typename T>
struct Choice {
  const char* name;
  T value;
};

// One of a fixed set of words; the error lists them so the fix is obvious.
template <typename T, size_t N>
absl::StatusOr<T> OneOf(std::string_view text, const Choice<T> (&choices)[N],
                        bool none_allowed = true) {
  std::vector<std::string> names;
  for (const Choice<T>& c : choices) {
    if (text == c.name) return c.value;
    names.push_back(c.name);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown value \"", std::string(text),
                                                 "\" (expected ", absl::StrJoin(names, ", "),
                                                 none_allowed ? " or none)" : ")"));
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadZone(std::string_view name) {
  const std::string requested(name);
  absl::TimeZone zone;
  if (absl::LoadTimeZone(requested, &zone)) return zone;
  const std::string alias = requested == "Europe/Kyiv"   ? "Europe/Kiev"
                            : requested == "Europe/Kiev" ? "Europe/Kyiv"
                                                         : "";
  if (!alias.empty() && absl::LoadTimeZone(alias, &zone)) return zone;
  // Refusing beats a silent UTC (absl's fallback): every deadline would be off.
  return absl::InvalidArgumentError(absl::StrCat("cannot load time zone \"", requested,
                                                 "\" (unknown name, or tzdata is not installed)"));
}

absl::StatusOr<std::vector<absl::Weekday>> ParseWeekend(std::string_view text) {
  static constexpr Choice<absl::Weekday> kDays[] = {
      {"monday", absl::Weekday::monday},       {"tuesday", absl::Weekday::tuesday},
      {"wednesday", absl::Weekday::wednesday}, {"thursday", absl::Weekday::thursday},
      {"friday", absl::Weekday::friday},       {"saturday", absl::Weekday::saturday},
      {"sunday", absl::Weekday::sunday},
  };
  std::vector<absl::Weekday> days;
  if (text == kNone) return days;
  for (absl::string_view part : absl::StrSplit(absl::string_view(text.data(), text.size()), ',')) {
    const std::string_view day = base::Trim(std::string_view(part.data(), part.size()));
    absl::StatusOr<absl::Weekday> parsed = OneOf(day, kDays, /*none_allowed=*/false);
    if (!parsed.ok()) return parsed.status();
    days.push_back(*parsed);
  }
  return days;
}

absl::StatusOr<calendar::NonWorkingDayRule> ParseNonWorkingDayRule(std::string_view text) {
  static constexpr Choice<calendar::NonWorkingDayRule> kRules[] = {
      {"keep", calendar::NonWorkingDayRule::kKeep},
      {"next", calendar::NonWorkingDayRule::kNextWorkingDay},
      {"previous", calendar::NonWorkingDayRule::kPreviousWorkingDay},
  };
  return OneOf(text, kRules, /*none_allowed=*/false);
}

absl::StatusOr<Signatories> ParseSignatories(std::string_view text) {
  static constexpr Choice<Signatories> kValues[] = {
      {"chair_and_participants", Signatories::kChairAndParticipants},
      {"chair", Signatories::kChair},
  };
  return OneOf(text, kValues, /*none_allowed=*/false);
}

absl::StatusOr<ExtensionGrantor> ParseExtensionGrantor(std::string_view text) {
  static constexpr Choice<ExtensionGrantor> kValues[] = {{"chair", ExtensionGrantor::kChair}};
  return OneOf(text, kValues);
}

absl::StatusOr<ExtensionProposers> ParseExtensionProposers(std::string_view text) {
  static constexpr Choice<ExtensionProposers> kValues[] = {
      {"participant_or_chair", ExtensionProposers::kParticipantOrChair}};
  return OneOf(text, kValues);
}

absl::StatusOr<PeriodKind> ParsePeriodKind(std::string_view text) {
  static constexpr Choice<PeriodKind> kValues[] = {
      {"month", PeriodKind::kMonth},
      {"quarter", PeriodKind::kQuarter},
      {"half_year", PeriodKind::kHalfYear},
      {"year", PeriodKind::kYear},
  };
  return OneOf(text, kValues);
}

absl::StatusOr<Fraction> ParseQuorum(std::string_view text) {
  if (text == "all") return Fraction{1, 1};
  const std::string s(text);
  const size_t slash = s.find('/');
  Fraction f;
  if (slash == std::string::npos || !absl::SimpleAtoi(s.substr(0, slash), &f.numerator) ||
      !absl::SimpleAtoi(s.substr(slash + 1), &f.denominator) || f.numerator <= 0 ||
      f.denominator <= 0 || f.numerator > f.denominator || f.denominator > 1000) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad quorum \"", s, "\" (expected a fraction p/q with 0 < p <= q <= 1000, all or none)"));
  }
  return f;
}

absl::StatusOr<Voting> ParseVoting(std::string_view text) {
  static constexpr Choice<Voting> kValues[] = {{"simple_majority", Voting::kSimpleMajority}};
  return OneOf(text, kValues);
}

absl::StatusOr<TieBreak> ParseTieBreak(std::string_view text) {
  static constexpr Choice<TieBreak> kValues[] = {{"chair", TieBreak::kChair}};
  return OneOf(text, kValues);
}

absl::StatusOr<calendar::Deadline> ParseTerm(std::string_view text) {
  return calendar::Deadline::Parse(text);
}

absl::StatusOr<int64_t> ParsePositiveCount(std::string_view text) {
  int64_t n = 0;
  if (!absl::SimpleAtoi(std::string(text), &n) || n <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("bad count \"", std::string(text),
                                                   "\" (expected a positive integer or none)"));
  }
  return n;
}

}  // namespace opsreport::coordination_rules
