#pragma once
// Parsers for the values of a rule-set file, one per kind of key. Errors are
// messages for a person editing the file, quoting the value.

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/calendar/deadline_calculator.h"
#include "opsreport/coordination_rules/rule_set.h"

namespace opsreport::coordination_rules {

// Marks a rule the jurisdiction does not have.
inline constexpr char kNone[] = "none";

// A zone by IANA name; Europe/Kyiv and its pre-2022 name Europe/Kiev stand in
// for each other, since tzdata installations differ.
absl::StatusOr<absl::TimeZone> LoadZone(std::string_view name);
// "saturday,sunday"; "none" for a week without weekend days.
absl::StatusOr<std::vector<absl::Weekday>> ParseWeekend(std::string_view text);
absl::StatusOr<calendar::NonWorkingDayRule> ParseNonWorkingDayRule(std::string_view text);
absl::StatusOr<Signatories> ParseSignatories(std::string_view text);
absl::StatusOr<ExtensionGrantor> ParseExtensionGrantor(std::string_view text);
absl::StatusOr<ExtensionProposers> ParseExtensionProposers(std::string_view text);
absl::StatusOr<PeriodKind> ParsePeriodKind(std::string_view text);
// "2/3" or "all".
absl::StatusOr<Fraction> ParseQuorum(std::string_view text);
absl::StatusOr<Voting> ParseVoting(std::string_view text);
absl::StatusOr<TieBreak> ParseTieBreak(std::string_view text);
// A calendar::Deadline ("7wd", "20d", "2h").
absl::StatusOr<calendar::Deadline> ParseTerm(std::string_view text);
absl::StatusOr<int64_t> ParsePositiveCount(std::string_view text);

}  // namespace opsreport::coordination_rules
