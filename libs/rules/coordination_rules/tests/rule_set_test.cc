#include "opsreport/coordination_rules/rule_set.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "test_util.h"

namespace opsreport::coordination_rules {
namespace {

using ::opsreport::base::Violation;
using ::opsreport::base::ViolationsFromStatus;
using test_support::DataPath;
using test_support::Kz;
using test_support::Ua;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using calendar::Deadline;
using calendar::DeadlineUnit;
using calendar::NonWorkingDayRule;

// The required keys only; the file name puts it next to the shipped
// calendars, so `holidays` resolves as it does for the shipped rule sets.
constexpr char kMinimal[] =
    "jurisdiction = XX\n"
    "time_zone = UTC\n"
    "holidays = holidays_ua.tsv\n"
    "non_working_day_rule = keep\n"
    "signatories = chair\n";

absl::StatusOr<RuleSet> ParseInData(const std::string& text) {
  return RuleSet::Parse(text, DataPath("inline.conf"));
}

std::string Where(int line) { return DataPath("inline.conf") + ":" + std::to_string(line); }

TEST(RuleSetTest, ShippedUkraineLoads) {
  const RuleSet& ua = Ua();
  EXPECT_EQ(ua.jurisdiction, "UA");
  EXPECT_TRUE(ua.zone.name() == "Europe/Kyiv" || ua.zone.name() == "Europe/Kiev");
  EXPECT_FALSE(ua.holidays->IsWorkingDay({2025, 5, 1}));  // День праці
  EXPECT_FALSE(ua.holidays->IsWorkingDay({2025, 5, 3}));  // Saturday
  EXPECT_EQ(ua.non_working_day_rule, NonWorkingDayRule::kNextWorkingDay);
  EXPECT_EQ(ua.lead_non_working_day_rule, NonWorkingDayRule::kPreviousWorkingDay);
  EXPECT_EQ(ua.signatories, Signatories::kChairAndParticipants);
  EXPECT_EQ(ua.signing_window, (Deadline{7, DeadlineUnit::kWorkingDays}));
  EXPECT_EQ(ua.extension_by, ExtensionGrantor::kChair);
  EXPECT_EQ(ua.extension_proposers, ExtensionProposers::kParticipantOrChair);
  EXPECT_EQ(ua.extension_min_lead, (Deadline{5, DeadlineUnit::kWorkingDays}));
  EXPECT_EQ(ua.meeting_interval, std::nullopt);
  EXPECT_EQ(ua.quorum, std::nullopt);
  EXPECT_EQ(ua.voting, std::nullopt);
  EXPECT_EQ(ua.tie_break, std::nullopt);
  EXPECT_EQ(ua.materials_lead, std::nullopt);
  EXPECT_EQ(ua.materials_max_pages, std::nullopt);
  EXPECT_EQ(ua.rework_within, std::nullopt);
  EXPECT_EQ(ua.agenda_lead, std::nullopt);
  EXPECT_EQ(ua.protocol_within, std::nullopt);
  EXPECT_EQ(ua.protocol_send_within, std::nullopt);
  EXPECT_EQ(ua.coexecutor_lead, std::nullopt);
  EXPECT_EQ(ua.plan_period, std::nullopt);
}

TEST(RuleSetTest, ShippedKazakhstanLoads) {
  const RuleSet& kz = Kz();
  EXPECT_EQ(kz.jurisdiction, "KZ");
  EXPECT_EQ(kz.zone.name(), "Asia/Almaty");
  EXPECT_FALSE(kz.holidays->IsWorkingDay({2025, 3, 21}));  // Наурыз
  EXPECT_TRUE(kz.holidays->IsWorkingDay({2025, 3, 20}));
  EXPECT_EQ(kz.non_working_day_rule, NonWorkingDayRule::kNextWorkingDay);
  EXPECT_EQ(kz.lead_non_working_day_rule, NonWorkingDayRule::kPreviousWorkingDay);
  EXPECT_EQ(kz.signatories, Signatories::kChair);
  EXPECT_EQ(kz.signing_window, std::nullopt);
  EXPECT_EQ(kz.extension_by, std::nullopt);
  EXPECT_EQ(kz.extension_proposers, std::nullopt);
  EXPECT_EQ(kz.extension_min_lead, std::nullopt);
  EXPECT_EQ(kz.meeting_interval, PeriodKind::kQuarter);
  EXPECT_EQ(kz.quorum, (Fraction{2, 3}));
  EXPECT_EQ(kz.voting, Voting::kSimpleMajority);
  EXPECT_EQ(kz.tie_break, TieBreak::kChair);
  EXPECT_EQ(kz.materials_lead, (Deadline{20, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(kz.materials_max_pages, 8);
  EXPECT_EQ(kz.rework_within, (Deadline{3, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(kz.agenda_lead, (Deadline{3, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(kz.protocol_within, (Deadline{5, DeadlineUnit::kWorkingDays}));
  EXPECT_EQ(kz.protocol_send_within, (Deadline{2, DeadlineUnit::kWorkingDays}));
  EXPECT_EQ(kz.coexecutor_lead, (Deadline{5, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(kz.plan_period, PeriodKind::kHalfYear);
}

TEST(RuleSetTest, ADeploymentsRuleSetsLoadByJurisdiction) {
  const std::string ua = DataPath("coordination_ua.conf");
  const std::string kz = DataPath("coordination_kz.conf");
  absl::StatusOr<std::map<std::string, RuleSet>> sets = LoadRuleSets(ua + ", " + kz);
  ASSERT_TRUE(sets.ok()) << sets.status();
  ASSERT_EQ(sets->size(), 2u);
  EXPECT_EQ(sets->at("UA").jurisdiction, "UA");
  EXPECT_EQ(sets->at("KZ").zone.name(), "Asia/Almaty");
  absl::StatusOr<std::map<std::string, RuleSet>> missing =
      LoadRuleSets(ua + "," + DataPath("no_such_rules.conf"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("no_such_rules.conf"));
}

TEST(RuleSetTest, AbsentOptionalKeysAreNoRule) {
  absl::StatusOr<RuleSet> rules = ParseInData(kMinimal);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->zone, absl::UTCTimeZone());
  EXPECT_EQ(rules->signing_window, std::nullopt);
  EXPECT_EQ(rules->extension_by, std::nullopt);
  EXPECT_EQ(rules->quorum, std::nullopt);
  EXPECT_EQ(rules->plan_period, std::nullopt);
  // Without its own key, a lead time moves the way every other deadline does.
  EXPECT_EQ(rules->lead_non_working_day_rule, NonWorkingDayRule::kKeep);
  EXPECT_FALSE(rules->holidays->IsWorkingDay({2025, 5, 1}));
}

TEST(RuleSetTest, CommentsBlankLinesAndCrlf) {
  const std::string text = std::string("# a comment\r\n\r\n   # indented comment\r\n") + kMinimal +
                           "quorum = all\r\nweekend = friday, saturday\r\n";
  absl::StatusOr<RuleSet> rules = ParseInData(text);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->quorum, (Fraction{1, 1}));
  EXPECT_FALSE(rules->holidays->IsWorkingDay({2025, 6, 13}));  // Friday
  EXPECT_TRUE(rules->holidays->IsWorkingDay({2025, 6, 15}));   // Sunday
}

TEST(RuleSetTest, UnknownKeyNamesFileAndLine) {
  absl::StatusOr<RuleSet> rules = ParseInData(std::string(kMinimal) + "sigining_window = 7wd\n");
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolationsFromStatus(rules.status()),
              ElementsAre(Violation{Where(6), "unknown key \"sigining_window\""}));
  EXPECT_THAT(rules.status().message(),
              HasSubstr("inline.conf:6: unknown key \"sigining_window\""));
}

TEST(RuleSetTest, BadDurationNamesKey) {
  absl::StatusOr<RuleSet> rules = ParseInData(std::string(kMinimal) + "signing_window = 7x\n");
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<Violation> v = ViolationsFromStatus(rules.status());
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].field, Where(6));
  EXPECT_THAT(v[0].message, HasSubstr("key \"signing_window\": deadline \"7x\""));
}

TEST(RuleSetTest, MissingRequiredKeyNamesFile) {
  absl::StatusOr<RuleSet> rules = ParseInData(
      "jurisdiction = XX\n"
      "holidays = holidays_ua.tsv\n"
      "signatories = chair\n");
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolationsFromStatus(rules.status()),
              ElementsAre(Violation{DataPath("inline.conf"), "missing required key \"time_zone\""},
                          Violation{DataPath("inline.conf"),
                                    "missing required key \"non_working_day_rule\""}));
}

TEST(RuleSetTest, EveryFaultReportedAtOnce) {
  absl::StatusOr<RuleSet> rules = ParseInData(
      "jurisdiction = X X\n"               // 1
      "time_zone = Mars/Olympus_Mons\n"    // 2
      "holidays = no_such_calendar.tsv\n"  // 3
      "non_working_day_rule = sideways\n"  // 4
      "signatories = chair\n"              // 5
      "signatories = chair\n"              // 6
      "quorum = 3/2\n"                     // 7
      "materials_max_pages = 0\n"          // 8
      "this line has no equals sign\n"     // 9
      "agenda_lead =\n"                    // 10
      "meeting_interval = fortnight\n"     // 11
      "weekend = saturday,funday\n"        // 12
      "tie_break = chair\n");              // 13
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<Violation> v = ViolationsFromStatus(rules.status());
  std::vector<std::string> fields;
  for (const Violation& x : v) fields.push_back(x.field);
  EXPECT_THAT(fields, ElementsAre(Where(6), Where(9), Where(10), Where(1), Where(2), Where(3),
                                  Where(12), Where(4), Where(11), Where(7), Where(8), Where(13)))
      << rules.status();
  EXPECT_THAT(v[0].message, HasSubstr("key \"signatories\": duplicate (first at line 5)"));
  EXPECT_EQ(v[1].message, "expected 'key = value'");
  EXPECT_EQ(v[2].message, "key \"agenda_lead\": empty value");
  EXPECT_THAT(v[3].message, HasSubstr("key \"jurisdiction\""));
  EXPECT_THAT(v[4].message,
              HasSubstr("key \"time_zone\": cannot load time zone \"Mars/Olympus_Mons\""));
  EXPECT_THAT(v[5].message, HasSubstr("key \"holidays\": cannot open holiday calendar"));
  EXPECT_THAT(v[6].message, HasSubstr("key \"weekend\": unknown value \"funday\""));
  EXPECT_THAT(v[7].message,
              HasSubstr("key \"non_working_day_rule\": unknown value \"sideways\" (expected "
                        "keep, next, previous)"));
  EXPECT_THAT(v[8].message, HasSubstr("key \"meeting_interval\": unknown value \"fortnight\""));
  EXPECT_THAT(v[9].message, HasSubstr("key \"quorum\": bad quorum \"3/2\""));
  EXPECT_THAT(v[10].message, HasSubstr("key \"materials_max_pages\": bad count \"0\""));
  EXPECT_EQ(v[11].message,
            "key \"tie_break\": needs a voting rule (set voting or tie_break = none)");
}

TEST(RuleSetTest, NoneClearsARule) {
  absl::StatusOr<RuleSet> rules =
      ParseInData(std::string(kMinimal) + "signing_window = none\nquorum = none\n");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_EQ(rules->signing_window, std::nullopt);
  EXPECT_EQ(rules->quorum, std::nullopt);
}

TEST(RuleSetTest, RequiredKeysRefuseNone) {
  absl::StatusOr<RuleSet> rules = ParseInData(
      "jurisdiction = XX\ntime_zone = UTC\nholidays = holidays_ua.tsv\n"
      "non_working_day_rule = none\nsignatories = none\n");
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  const std::vector<Violation> v = ViolationsFromStatus(rules.status());
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].message,
            "key \"non_working_day_rule\": unknown value \"none\" (expected keep, next, previous)");
  EXPECT_EQ(v[1].message,
            "key \"signatories\": unknown value \"none\" (expected chair_and_participants, chair)");
}

TEST(RuleSetTest, HolidaysResolveAgainstTheRuleFilesDirectory) {
  // From any other directory the same relative path does not exist.
  absl::StatusOr<RuleSet> rules = RuleSet::Parse(kMinimal, "/nonexistent/dir/inline.conf");
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rules.status().message(),
              HasSubstr("/nonexistent/dir/inline.conf:3: key \"holidays\": cannot open holiday "
                        "calendar /nonexistent/dir/holidays_ua.tsv"));
  // An absolute path is taken as it is.
  std::string text = kMinimal;
  text.replace(text.find("holidays_ua.tsv"), 15, DataPath("holidays_kz.tsv"));
  rules = RuleSet::Parse(text, "/nonexistent/dir/inline.conf");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_FALSE(rules->holidays->IsWorkingDay({2025, 3, 21}));
}

TEST(RuleSetTest, BadHolidayCalendarIsReportedUnderItsKey) {
  // The KZ rule set pointed at itself: every line of it is a bad calendar row.
  std::string text = kMinimal;
  text.replace(text.find("holidays_ua.tsv"), 15, "coordination_kz.conf");
  absl::StatusOr<RuleSet> rules = ParseInData(text);
  ASSERT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rules.status().message(),
              HasSubstr("inline.conf:3: key \"holidays\": holiday calendar"));
}

TEST(RuleSetTest, LoadFileMissingIsNotFound) {
  EXPECT_EQ(RuleSet::LoadFile(DataPath("coordination_xx.conf")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(RuleSetTest, CopiesShareTheCalendarSafely) {
  calendar::DeadlineCalculator calc = [] {
    RuleSet copy = Ua();
    return copy.ForwardCalculator();
  }();
  // The copy is gone; the calendar it shared with Ua() is not.
  EXPECT_FALSE(calc.calendar().IsWorkingDay({2025, 5, 8}));
}

}  // namespace
}  // namespace opsreport::coordination_rules
