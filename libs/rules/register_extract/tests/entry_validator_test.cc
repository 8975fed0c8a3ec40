#include "opsreport/register_extract/entry_validator.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::register_extract {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Check(const v1::RegisterEntry& e, ExtractKind kind) {
  base::Violations out;
  ValidateEntry(e, kind, fixtures::SampleRuleData().catalogue, out);
  std::vector<std::string> lines;
  for (const auto& v : out.items()) lines.push_back(v.field + ": " + v.message);
  return lines;
}

v1::RegisterEntry GoodEntry() {
  v1::RegisterEntry e;
  e.set_proceedings_number("12026100010000101");
  e.mutable_registered_at()->set_seconds(1773044100);
  e.set_unit_code("1001");
  e.mutable_qualification()->set_cc_article("115");
  e.mutable_qualification()->set_article_part("1");
  e.set_catalogue_number("1");
  return e;
}

TEST(EntryValidatorTest, AGoodEntryPasses) {
  EXPECT_THAT(Check(GoodEntry(), ExtractKind::kEntries), IsEmpty());
}

TEST(EntryValidatorTest, AnEmptyEntryNamesEveryRequiredField) {
  EXPECT_THAT(Check(v1::RegisterEntry(), ExtractKind::kEntries),
              ElementsAre("proceedings_number: must be set (the 17-digit ЄРДР number)",
                          "unit_code: must be set (код ОВС)", "registered_at: must be set",
                          "qualification.cc_article: must be set (e.g. 115 or 258-3)"));
}

TEST(EntryValidatorTest, NamesEveryMalformedField) {
  v1::RegisterEntry e = GoodEntry();
  e.set_proceedings_number("1202610001000010");  // 16 digits
  e.set_unit_code("10A1");
  e.mutable_reported_at()->set_seconds(e.registered_at().seconds() + 1);
  e.mutable_qualification()->set_cc_article("ст. 115");
  e.mutable_qualification()->set_article_part("123");
  e.mutable_qualification()->set_article_paragraph("x");
  e.set_catalogue_number("99");
  EXPECT_THAT(
      Check(e, ExtractKind::kEntries),
      ElementsAre(
          "proceedings_number: '1202610001000010' is not a 17-digit ЄРДР proceedings number",
          "unit_code: '10A1' is not a unit code (1-10 digits)",
          "reported_at: is after registered_at",
          "qualification.cc_article: 'ст. 115' is not a КК article (e.g. 115 or 258-3)",
          "qualification.article_part: '123' is not 1-2 digits",
          "qualification.article_paragraph: 'x' is not 1-2 digits",
          "catalogue_number: '99' is not an item of the catalogue"));
}

TEST(EntryValidatorTest, CatalogueCodesAreNormalisedToNumbers) {
  const catalogue::Catalogue& c = fixtures::SampleRuleData().catalogue;
  v1::RegisterEntry e = GoodEntry();
  e.set_catalogue_number("2601");
  NormalizeEntry(c, e);
  EXPECT_EQ(e.catalogue_number(), "26.1");
  e.set_catalogue_number("9900");  // no such code: left for the validator
  NormalizeEntry(c, e);
  EXPECT_EQ(e.catalogue_number(), "9900");
  EXPECT_THAT(Check(e, ExtractKind::kEntries),
              ElementsAre("catalogue_number: '9900' is not an item of the catalogue"));
}

TEST(EntryValidatorTest, ResultsNeedKindDateAndGroundsForClosures) {
  v1::RegisterEntry e = GoodEntry();
  e.clear_registered_at();  // optional in a results extract
  e.clear_qualification();  // likewise
  EXPECT_THAT(Check(e, ExtractKind::kResults),
              ElementsAre("results: must list at least one result"));
  v1::RegisterResult* closed = e.add_results();
  closed->set_kind(v1::RESULT_KIND_CLOSED);
  closed->set_decided_on("2026-02-30");
  e.add_results();  // nothing set
  v1::RegisterResult* indictment = e.add_results();
  indictment->set_kind(v1::RESULT_KIND_INDICTMENT);
  indictment->set_decided_on("2026-05-04");  // no grounds needed
  EXPECT_THAT(Check(e, ExtractKind::kResults),
              ElementsAre("results[0].decided_on: '2026-02-30' is not a date (YYYY-MM-DD)",
                          "results[0].grounds: must state the legal grounds (КПК/КК articles) of "
                          "this decision",
                          "results[1].kind: must be set (closed, indictment, "
                          "medical_measures_motion, educational_measures_motion, release_motion, "
                          "transferred_to_other_body, transferred_to_foreign_state)",
                          "results[1].decided_on: must be set (YYYY-MM-DD)"));
}

TEST(EntryValidatorTest, SuspectsNeedNameBirthDateAndNoticeDate) {
  v1::RegisterEntry e;
  e.set_proceedings_number("12026100010000101");
  EXPECT_THAT(Check(e, ExtractKind::kSuspects),
              ElementsAre("suspects: must list at least one suspect"));
  v1::RegisterSuspect* year_only = e.add_suspects();
  year_only->set_full_name("Мельник Олег Іванович");
  year_only->set_birth_date("1990");
  year_only->set_suspicion_notice_on("2026-03-12");
  EXPECT_THAT(Check(e, ExtractKind::kSuspects), IsEmpty());
  v1::RegisterSuspect* bad = e.add_suspects();
  bad->set_full_name("  ");
  bad->set_birth_date("14.05.1979");
  bad->set_detained_on("2026-3-10");
  bad->mutable_suspicion_qualification()->set_cc_article("115a");
  EXPECT_THAT(
      Check(e, ExtractKind::kSuspects),
      ElementsAre(
          "suspects[1].full_name: must be set (surname, name, patronymic)",
          "suspects[1].birth_date: '14.05.1979' is not a date (YYYY-MM-DD) or a year (YYYY)",
          "suspects[1].suspicion_notice_on: must be set (YYYY-MM-DD)",
          "suspects[1].detained_on: '2026-3-10' is not a date (YYYY-MM-DD)",
          "suspects[1].suspicion_qualification.cc_article: '115a' is not a КК article (e.g. "
          "115 or 258-3)"));
}

TEST(EntryValidatorTest, ArticleIsRequiredOnlyForEntries) {
  v1::RegisterEntry e = GoodEntry();
  e.mutable_qualification()->clear_cc_article();
  e.add_results()->set_kind(v1::RESULT_KIND_INDICTMENT);
  e.mutable_results(0)->set_decided_on("2026-05-04");
  EXPECT_THAT(Check(e, ExtractKind::kResults), IsEmpty());
  EXPECT_THAT(Check(e, ExtractKind::kEntries),
              ElementsAre("qualification.cc_article: must be set (e.g. 115 or 258-3)"));
}

}  // namespace
}  // namespace opsreport::register_extract
