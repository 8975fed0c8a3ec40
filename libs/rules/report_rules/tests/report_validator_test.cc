#include "opsreport/report_rules/report_validator.h"

#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::report_rules {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

class ReportValidatorTest : public ::testing::Test {
 protected:
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  // 2026-03-10 12:00 UTC (14:00 Kyiv).
  absl::Time received_ = absl::FromUnixSeconds(1773144000);
  base::FakeClock clock_{received_ + absl::Hours(1)};
  ReportValidator validator_{&data_.catalogue, &data_.rules, &data_.org, &clock_};

  std::vector<std::string> Fields(const base::Violations& v) {
    std::vector<std::string> out;
    for (const auto& item : v.items()) out.push_back(item.field);
    return out;
  }
};

TEST_F(ReportValidatorTest, ValidReportsPass) {
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(fixtures::MurderReport(received_))),
              IsEmpty());
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(fixtures::FireReport(received_))), IsEmpty());
}

TEST_F(ReportValidatorTest, MalformedReportNamesEveryViolation) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.mutable_coding_line()->set_article_part("");
  r.set_source("");
  r.mutable_content()->clear_damage();
  r.mutable_persons(0)->set_birth_date("12.04.1961");
  *r.mutable_signed_by()->mutable_signed_at() = fixtures::ToProto(clock_.Now() + absl::Hours(2));
  r.mutable_erdr()->set_proceedings_number("123");
  base::Violations v = validator_.ValidateSpecialReport(r);
  EXPECT_TRUE(v.HasField("report.coding_line.article_part"));
  EXPECT_TRUE(v.HasField("report.source"));
  EXPECT_TRUE(v.HasField("report.content.damage"));
  EXPECT_TRUE(v.HasField("report.persons[0].birth_date"));
  EXPECT_TRUE(v.HasField("report.signed_by.signed_at"));
  EXPECT_TRUE(v.HasField("report.erdr.proceedings_number"));
  absl::Status s = v.ToStatus("special report");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("report.content.damage: is silent"));
}

TEST_F(ReportValidatorTest, UnknownCatalogueItemAndInconsistentArticle) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.set_catalogue_number("99.9");
  EXPECT_THAT(validator_.ValidateSpecialReport(r).items()[0].message,
              HasSubstr("unknown catalogue item 99.9"));

  r = fixtures::MurderReport(received_);
  r.mutable_coding_line()->set_cc_article("185");
  r.mutable_erdr()->set_cc_article("185");
  base::Violations v = validator_.ValidateSpecialReport(r);
  ASSERT_TRUE(v.HasField("report.coding_line.cc_article"));

  r = fixtures::MurderReport(received_);
  r.mutable_coding_line()->set_catalogue_code("1000");
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.coding_line.catalogue_code"));
}

TEST_F(ReportValidatorTest, CodingLineMustRepeatReceiptTime) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.mutable_coding_line()->set_received_time("09.15");
  base::Violations v = validator_.ValidateSpecialReport(r);
  ASSERT_TRUE(v.HasField("report.coding_line.received_time"));
  EXPECT_THAT(v.items()[0].message, HasSubstr("14.00 Kyiv time"));
}

TEST_F(ReportValidatorTest, SignerMustBeHeadOrActingOfficial) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.mutable_signed_by()->mutable_officer()->set_full_name(fixtures::kDistrictDeputy);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.signed_by.officer.full_name"))
      << "a deputy does not sign as head";
  r.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_ACTING);
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(r)), IsEmpty());
  r.mutable_signed_by()->mutable_officer()->set_full_name(fixtures::kDistrictDutyOfficer);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.signed_by.officer.full_name"));
  r.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_UNSPECIFIED);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.signed_by.capacity"));
}

TEST_F(ReportValidatorTest, AddresseesAreKnownUnitsIncludingTheNextLevel) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.clear_addressees();
  r.add_addressees("0001");
  r.add_addressees("9999");
  base::Violations v = validator_.ValidateSpecialReport(r);
  EXPECT_TRUE(v.HasField("report.addressees"));     // region 1000 missing
  EXPECT_TRUE(v.HasField("report.addressees[1]"));  // unknown unit
}

TEST_F(ReportValidatorTest, TimesMustBeInOrderAndNotInFuture) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  *r.mutable_received_for_transmission_at() = fixtures::ToProto(received_ + absl::Minutes(30));
  *r.mutable_content()->mutable_occurred_at() = fixtures::ToProto(received_ + absl::Minutes(5));
  base::Violations v = validator_.ValidateSpecialReport(r);
  EXPECT_TRUE(v.HasField("report.received_for_transmission_at"));  // before signing
  EXPECT_TRUE(v.HasField("report.statement_received_at"));         // before the event
  // Boundary: exactly now plus the tolerated skew is accepted, one second more is not.
  r = fixtures::MurderReport(received_);
  clock_.Set(received_ + absl::Minutes(45) - validator_.limits().future_skew);
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(r)), IsEmpty());
  clock_.Advance(-absl::Seconds(1));
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.received_for_transmission_at"));
}

TEST_F(ReportValidatorTest, SilentAbsenceIsRefusedExplicitAbsenceAccepted) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.clear_erdr();
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.erdr"));
  r.set_erdr_not_established(true);
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(r)), IsEmpty());
  r.mutable_measures()->clear_value();
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.measures"));
}

TEST_F(ReportValidatorTest, SectionEightDetailsByItemAndByCircumstance) {
  v1::SpecialReport fire = fixtures::FireReport(received_);
  fire.mutable_details()->erase("fire.area");
  (*fire.mutable_details())["no.such.field"].set_text("x");
  base::Violations v = validator_.ValidateSpecialReport(fire);
  EXPECT_TRUE(v.HasField("report.details[fire.area]"));
  EXPECT_TRUE(v.HasField("report.details[no.such.field]"));

  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.mutable_persons(1)->set_citizenship("Республіка Польща");
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.details[foreigner.arrival]"))
      << "§8.7 applies when a foreigner takes part";
}

TEST_F(ReportValidatorTest, PersonsUnidentifiedBodyAndOversizedFields) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  v1::Person* body = r.add_persons();
  body->set_role(v1::PERSON_ROLE_UNIDENTIFIED_BODY);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.persons[2].approximate_age"));
  body->set_approximate_age(40);
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(r)), IsEmpty());
  r.mutable_persons(0)->set_full_name(std::string(400, 'x'));
  base::Violations v = validator_.ValidateSpecialReport(r);
  ASSERT_TRUE(v.HasField("report.persons[0].full_name"));
  EXPECT_THAT(v.items()[0].message, HasSubstr("too long: 400 characters"));
}

TEST_F(ReportValidatorTest, OneHourReportNeedsItsErdrEntryAndGrounds) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_CLOSED);
  base::Violations v = validator_.ValidateSpecialReport(r);
  EXPECT_TRUE(v.HasField("report.decision_grounds"));
  EXPECT_FALSE(v.HasField("report.erdr"));
  r.add_decision_grounds("п. 2 ч. 1 ст. 284 КПК України");
  EXPECT_THAT(Fields(validator_.ValidateSpecialReport(r)), IsEmpty());
  r.clear_erdr();
  r.set_erdr_not_established(true);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.erdr"));
  r = fixtures::MurderReport(received_);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_FOUND_IN_OTHER_INVESTIGATION);
  EXPECT_TRUE(validator_.ValidateSpecialReport(r).HasField("report.control_start_note"));
}

TEST_F(ReportValidatorTest, NumbersAreAssignedByIntakeOnly) {
  v1::SpecialReport r = fixtures::MurderReport(received_);
  r.set_registration_number(5);
  r.set_outgoing_number("x");
  base::Violations v = validator_.ValidateSpecialReport(r);
  EXPECT_TRUE(v.HasField("report.registration_number"));
  EXPECT_TRUE(v.HasField("report.outgoing_number"));
}

class SupplementTest : public ReportValidatorTest {
 protected:
  v1::AcceptedDocument Original() {
    v1::AcceptedDocument doc;
    doc.set_id("r1");
    doc.set_unit_code("1001");
    doc.set_registration_number(7);
    doc.set_outgoing_number("1001/2026/7");
    *doc.mutable_accepted_at() = fixtures::ToProto(received_ + absl::Minutes(46));
    *doc.mutable_special_report() = fixtures::MurderReport(received_);
    return doc;
  }
  v1::Supplement Valid() {
    return fixtures::ErdrSupplement("1001/2026/7", "2026-03-10", 7, received_ + absl::Minutes(50));
  }
};

TEST_F(SupplementTest, ValidSupplementPasses) {
  v1::AcceptedDocument original = Original();
  EXPECT_THAT(Fields(validator_.ValidateSupplement(Valid(), &original)), IsEmpty());
}

TEST_F(SupplementTest, UnknownOriginalWrongDateAndNumberAreRefused) {
  v1::Supplement s = Valid();
  EXPECT_TRUE(
      validator_.ValidateSupplement(s, nullptr).HasField("supplement.original_outgoing_number"));
  v1::AcceptedDocument original = Original();
  s.set_original_date("2026-03-09");
  s.set_eo_number("8");
  base::Violations v = validator_.ValidateSupplement(s, &original);
  EXPECT_TRUE(v.HasField("supplement.original_date"));
  EXPECT_TRUE(v.HasField("supplement.eo_number"));
  original.set_unit_code("1002");
  EXPECT_TRUE(validator_.ValidateSupplement(Valid(), &original)
                  .HasField("supplement.original_outgoing_number"));
}

TEST_F(SupplementTest, RequalificationNeedsNewLineAndExplanation) {
  v1::AcceptedDocument original = Original();
  v1::Supplement s = Valid();
  s.clear_erdr();
  s.set_requalification(true);
  base::Violations v = validator_.ValidateSupplement(s, &original);
  EXPECT_TRUE(v.HasField("supplement.new_coding_line"));
  EXPECT_TRUE(v.HasField("supplement.requalification_explanation"));
  EXPECT_TRUE(v.HasField("supplement.erdr"));
  *s.mutable_erdr() = original.special_report().erdr();
  s.mutable_erdr()->set_cc_article("121");
  *s.mutable_new_coding_line() = original.special_report().coding_line();
  s.mutable_new_coding_line()->set_catalogue_code("0200");
  s.mutable_new_coding_line()->set_cc_article("121");
  s.mutable_requalification_explanation()->set_text(
      "Пояснення начальника СВ Кузьменка Т.Б.: первинна кваліфікація без висновку СМЕ.");
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty());
  s.mutable_requalification_explanation()->mutable_not_established();
  EXPECT_TRUE(validator_.ValidateSupplement(s, &original)
                  .HasField("supplement.requalification_explanation"));
}

// §2.6, §3.6: a supplement reporting a closure, court motion or transfer
// states its КПК/КК grounds; detention or requalification does not need them.
TEST_F(SupplementTest, DecisionTriggersNeedGrounds) {
  v1::AcceptedDocument original = Original();
  for (v1::OneHourTrigger t : {v1::ONE_HOUR_TRIGGER_COURT_RELEASE_MOTION,
                               v1::ONE_HOUR_TRIGGER_INDICTMENT_OR_MEDICAL_MOTION,
                               v1::ONE_HOUR_TRIGGER_TRANSFERRED, v1::ONE_HOUR_TRIGGER_CLOSED}) {
    v1::Supplement s = Valid();
    *s.mutable_erdr() = original.special_report().erdr();
    s.set_one_hour_trigger(t);
    base::Violations v = validator_.ValidateSupplement(s, &original);
    EXPECT_THAT(Fields(v), ::testing::ElementsAre("supplement.decision_grounds"))
        << v1::OneHourTrigger_Name(t);
    EXPECT_THAT(v.ToStatus("supplement").message(), HasSubstr("§2.6, §3.6"));
    s.add_decision_grounds("п. 2 ч. 1 ст. 284 КПК України");
    EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty())
        << v1::OneHourTrigger_Name(t);
  }
  for (v1::OneHourTrigger t :
       {v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED, v1::ONE_HOUR_TRIGGER_FOUND_IN_OTHER_INVESTIGATION,
        v1::ONE_HOUR_TRIGGER_FROM_PROSECUTOR}) {
    v1::Supplement s = Valid();
    *s.mutable_erdr() = original.special_report().erdr();
    s.set_one_hour_trigger(t);
    EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty())
        << v1::OneHourTrigger_Name(t);
  }
  // A grounds entry must still be real text.
  v1::Supplement s = Valid();
  *s.mutable_erdr() = original.special_report().erdr();
  s.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_CLOSED);
  s.add_decision_grounds("");
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)),
              ::testing::ElementsAre("supplement.decision_grounds[0]"));
}

// §2.6: the ЄРДР entry's time starts the hour, so every 1-hour supplement
// carries it; a plain supplement without a trigger need not.
TEST_F(SupplementTest, OneHourTriggerNeedsErdr) {
  v1::AcceptedDocument original = Original();
  v1::Supplement s = Valid();
  s.clear_erdr();
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty());
  s.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  base::Violations v = validator_.ValidateSupplement(s, &original);
  EXPECT_THAT(Fields(v), ::testing::ElementsAre("supplement.erdr"));
  EXPECT_THAT(v.ToStatus("supplement").message(), HasSubstr("1-hour supplement"));
  // Both faults of a closure without ЄРДР and grounds are named at once.
  s.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_CLOSED);
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)),
              ::testing::UnorderedElementsAre("supplement.erdr", "supplement.decision_grounds"));
  s.add_decision_grounds("п. 1 ч. 1 ст. 284 КПК України");
  *s.mutable_erdr() = original.special_report().erdr();
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty());
  // A present but broken entry is checked as any ЄРДР entry.
  s.mutable_erdr()->set_proceedings_number("123");
  EXPECT_TRUE(
      validator_.ValidateSupplement(s, &original).HasField("supplement.erdr.proceedings_number"));
}

// A requalification reporting its trigger names the missing ЄРДР entry once.
TEST_F(SupplementTest, RequalificationTriggerReportsMissingErdrOnce) {
  v1::AcceptedDocument original = Original();
  v1::Supplement s = Valid();
  s.clear_erdr();
  s.set_requalification(true);
  s.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_REQUALIFIED_INTO_CATALOGUE);
  std::vector<std::string> fields = Fields(validator_.ValidateSupplement(s, &original));
  EXPECT_EQ(std::count(fields.begin(), fields.end(), "supplement.erdr"), 1);
}

TEST_F(SupplementTest, UnknownTriggerIsRefused) {
  v1::AcceptedDocument original = Original();
  v1::Supplement s = Valid();
  *s.mutable_erdr() = original.special_report().erdr();
  s.set_one_hour_trigger(static_cast<v1::OneHourTrigger>(99));
  base::Violations v = validator_.ValidateSupplement(s, &original);
  EXPECT_THAT(Fields(v), ::testing::ElementsAre("supplement.one_hour_trigger"));
  EXPECT_THAT(v.ToStatus("supplement").message(),
              HasSubstr("supplement.one_hour_trigger: unknown value"));
}

// §2.2: the ongoing flag alone asks nothing more of a supplement.
TEST_F(SupplementTest, OngoingFlagAloneIsAccepted) {
  v1::AcceptedDocument original = Original();
  v1::Supplement s = Valid();
  s.set_ongoing(true);
  EXPECT_THAT(Fields(validator_.ValidateSupplement(s, &original)), IsEmpty());
}

}  // namespace
}  // namespace opsreport::report_rules
