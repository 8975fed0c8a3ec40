#pragma once
// A jurisdiction's rules for controlling the measures agreed at coordination
// meetings (Ukraine: seed 000 §II, §VI; Kazakhstan: seed 003 §9-§11), read
// from a `key = value` data file so that the engine holds no jurisdiction in
// code. A rule the jurisdiction does not have is `none` (or absent) and the
// engine skips the check it would drive. Format: see README.md.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/calendar/deadline_calculator.h"
#include "opsreport/calendar/holiday_calendar.h"

namespace opsreport::coordination_rules {

// Whose signatures make the outcome of a meeting final.
enum class Signatories {
  kChairAndParticipants,  // UA II.8: the resolution is agreed once all signed
  kChair,                 // KZ §11: the protocol is signed by the chair
};

// Who may extend a measure's deadline.
enum class ExtensionGrantor { kChair };
// Whose proposal an extension may follow.
enum class ExtensionProposers { kParticipantOrChair };

// Calendar periods aligned to 1 January.
enum class PeriodKind { kMonth, kQuarter, kHalfYear, kYear };

enum class Voting { kSimpleMajority };
enum class TieBreak { kChair };

// numerator/denominator of the permanent members, 0 < numerator <= denominator.
struct Fraction {
  int64_t numerator = 1;
  int64_t denominator = 1;
  bool operator==(const Fraction&) const = default;
};

struct RuleSet {
  // Reads the file; a relative `holidays` path is taken from the rule file's
  // directory. An unreadable file is NOT_FOUND; every fault in it is listed,
  // each as "file:line", in one INVALID_ARGUMENT (base::Violations payload).
  static absl::StatusOr<RuleSet> LoadFile(const std::string& path);
  // As LoadFile for text already read; `file_name` labels errors and its
  // directory anchors a relative `holidays` path.
  static absl::StatusOr<RuleSet> Parse(std::string_view text, std::string_view file_name);

  // A calculator over this jurisdiction's zone and holidays. The rule set
  // must outlive it.
  calendar::DeadlineCalculator Calculator(calendar::NonWorkingDayRule rule) const;
  // For terms running forward from an event ("within N days").
  calendar::DeadlineCalculator ForwardCalculator() const;
  // For lead times counted back from an event ("N days before").
  calendar::DeadlineCalculator LeadCalculator() const;

  std::string jurisdiction;
  absl::TimeZone zone;
  // Shared so that copies of a rule set stay cheap and calculators made from
  // one copy stay valid while any copy lives.
  std::shared_ptr<const calendar::HolidayCalendar> holidays =
      std::make_shared<calendar::HolidayCalendar>();
  calendar::NonWorkingDayRule non_working_day_rule = calendar::NonWorkingDayRule::kNextWorkingDay;
  calendar::NonWorkingDayRule lead_non_working_day_rule =
      calendar::NonWorkingDayRule::kNextWorkingDay;

  Signatories signatories = Signatories::kChairAndParticipants;
  std::optional<calendar::Deadline> signing_window;

  std::optional<ExtensionGrantor> extension_by;
  std::optional<ExtensionProposers> extension_proposers;
  std::optional<calendar::Deadline> extension_min_lead;

  std::optional<PeriodKind> meeting_interval;
  std::optional<Fraction> quorum;
  std::optional<Voting> voting;
  std::optional<TieBreak> tie_break;

  std::optional<calendar::Deadline> materials_lead;
  std::optional<int64_t> materials_max_pages;
  std::optional<calendar::Deadline> rework_within;
  std::optional<calendar::Deadline> agenda_lead;
  std::optional<calendar::Deadline> protocol_within;
  std::optional<calendar::Deadline> protocol_send_within;
  std::optional<calendar::Deadline> coexecutor_lead;
  std::optional<PeriodKind> plan_period;
};

// The rule sets of a deployment, one file each (comma-separated paths, as
// the `coordination_rule_sets` config key), by jurisdiction. The first fault
// is returned, naming its file.
absl::StatusOr<std::map<std::string, RuleSet>> LoadRuleSets(std::string_view paths);

}  // namespace opsreport::coordination_rules
