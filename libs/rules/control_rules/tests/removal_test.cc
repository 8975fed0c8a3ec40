// Every lawful ground with its proof is accepted; anything else is refused
// naming every field at fault.
#include "opsreport/control_rules/removal.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::control_rules {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Removal Proven(v1::RemovalGround ground) {
  v1::Removal r;
  r.set_ground(ground);
  r.set_decided_on("2026-03-12");
  r.mutable_document()->set_kind("постанова про закриття кримінального провадження");
  r.mutable_document()->set_number("12026100010004512/7");
  r.mutable_document()->set_date("2026-03-12");
  r.set_decided_by("слідчий Іваненко І.І.");
  r.set_suspect_full_name("Петров Петро Петрович");
  r.set_erdr_entered_on("2026-03-11");
  r.set_new_cc_article("125");  // not in the sample catalogue
  r.set_receiving_body("Національне антикорупційне бюро");
  r.set_foreign_state("Республіка Польща");
  return r;
}

std::vector<std::string> Fields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(s)) out.push_back(v.field);
  return out;
}

class RemovalTest : public ::testing::TestWithParam<v1::RemovalGround> {
 protected:
  const catalogue::Catalogue& catalogue_ = fixtures::SampleRuleData().catalogue;
};

TEST_P(RemovalTest, EachLawfulGroundWithItsProofIsAccepted) {
  EXPECT_TRUE(ValidateRemoval(Proven(GetParam()), catalogue_).ok())
      << v1::RemovalGround_Name(GetParam());
  EXPECT_THAT(GroundSection(GetParam()), HasSubstr("002 §7.6."));
}

INSTANTIATE_TEST_SUITE_P(ClosedList, RemovalTest,
                         ::testing::Values(v1::REMOVAL_GROUND_OFFENDER_DETAINED,
                                           v1::REMOVAL_GROUND_MEDICAL_MEASURES_MOTION,
                                           v1::REMOVAL_GROUND_CLOSED_NO_EVENT,
                                           v1::REMOVAL_GROUND_CLOSED_NO_CORPUS_DELICTI,
                                           v1::REMOVAL_GROUND_CLOSED_INSUFFICIENT_EVIDENCE,
                                           v1::REMOVAL_GROUND_CLOSED_DECRIMINALISED,
                                           v1::REMOVAL_GROUND_CLOSED_SUSPECT_DIED,
                                           v1::REMOVAL_GROUND_CLOSED_RES_JUDICATA,
                                           v1::REMOVAL_GROUND_CLOSED_PRIVATE_CHARGE_WITHDRAWN,
                                           v1::REMOVAL_GROUND_CLOSED_NO_EXTRADITION_CONSENT,
                                           v1::REMOVAL_GROUND_TRANSFERRED_TO_FOREIGN_STATE,
                                           v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE,
                                           v1::REMOVAL_GROUND_TRANSFERRED_TO_OTHER_BODY));

TEST(RemovalRefusalTest, ClosureGroundsNameTheirItemOfArticle284) {
  EXPECT_EQ(GroundSection(v1::REMOVAL_GROUND_CLOSED_NO_EVENT),
            "002 §7.6.2, КПК art. 284 part 1 item 1");
  EXPECT_EQ(GroundSection(v1::REMOVAL_GROUND_CLOSED_NO_EXTRADITION_CONSENT),
            "002 §7.6.2, КПК art. 284 part 1 item 8");
  EXPECT_EQ(GroundSection(v1::REMOVAL_GROUND_UNSPECIFIED), "");
}

TEST(RemovalRefusalTest, AnyOtherGroundIsRefusedWithTheClosedList) {
  const auto& catalogue = fixtures::SampleRuleData().catalogue;
  v1::Removal r = Proven(v1::REMOVAL_GROUND_UNSPECIFIED);
  absl::Status s = ValidateRemoval(r, catalogue);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(s), ElementsAre("removal.ground"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("КПК art. 284 part 1 items 1-8"));
  r.set_ground(static_cast<v1::RemovalGround>(99));
  EXPECT_THAT(Fields(ValidateRemoval(r, catalogue)), ElementsAre("removal.ground"));
}

TEST(RemovalRefusalTest, MissingProofIsNamedFieldByField) {
  const auto& catalogue = fixtures::SampleRuleData().catalogue;
  v1::Removal r;
  r.set_ground(v1::REMOVAL_GROUND_OFFENDER_DETAINED);
  r.set_decided_on("12.03.2026");
  r.mutable_document()->set_date("2026-02-30");
  EXPECT_THAT(Fields(ValidateRemoval(r, catalogue)),
              ElementsAre("removal.decided_on", "removal.document.kind", "removal.document.number",
                          "removal.document.date", "removal.decided_by",
                          "removal.suspect_full_name", "removal.erdr_entered_on"));
  r = Proven(v1::REMOVAL_GROUND_TRANSFERRED_TO_OTHER_BODY);
  r.clear_receiving_body();
  EXPECT_THAT(Fields(ValidateRemoval(r, catalogue)), ElementsAre("removal.receiving_body"));
  r = Proven(v1::REMOVAL_GROUND_TRANSFERRED_TO_FOREIGN_STATE);
  r.set_foreign_state("  ");
  EXPECT_THAT(Fields(ValidateRemoval(r, catalogue)), ElementsAre("removal.foreign_state"));
}

TEST(RemovalRefusalTest, RequalificationWithinTheCatalogueKeepsTheCrimeOnControl) {
  const auto& catalogue = fixtures::SampleRuleData().catalogue;
  v1::Removal r = Proven(v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  r.set_new_cc_article("121");  // item 2 of the sample catalogue
  absl::Status s = ValidateRemoval(r, catalogue);
  EXPECT_THAT(Fields(s), ElementsAre("removal.new_cc_article"));
  EXPECT_THAT(std::string(s.message()), HasSubstr("is in the catalogue"));
  EXPECT_TRUE(ArticleInCatalogue(catalogue, "115"));
  EXPECT_FALSE(ArticleInCatalogue(catalogue, "125"));
}

}  // namespace
}  // namespace opsreport::control_rules
