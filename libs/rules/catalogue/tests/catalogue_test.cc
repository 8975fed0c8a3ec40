#include "opsreport/catalogue/catalogue.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/catalogue/item_number.h"
#include "test_util.h"

namespace opsreport::catalogue {
namespace {

using ::opsreport::v1::CatalogueItem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_util::ErrorLines;

constexpr char kHeader[] =
    "number\ttitle\tdeadline\treach\tservice_line\tcontent_rules\tcc_articles\tevent_type_code\n";

ContentRules TestRules() {
  auto rules = ContentRules::Parse(
      "rule_id\tfield_key\ttitle\tsection\tdocument\n"
      "8.2\tfire.area\tПлоща пожежі\t8.2.5\treport\n"
      "8.3\tfire_supplement.final_cause\tПричина\t8.3.3\tsupplement\n"
      "8.12\tweapon.make\tМарка\t8.12\treport\n",
      "rules.tsv");
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *rules;
}

class CatalogueDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rules = ContentRules::LoadFile("data/content_rules.tsv");
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = *rules;
    auto catalogue = Catalogue::LoadFile("data/catalogue.tsv", rules_);
    ASSERT_TRUE(catalogue.ok()) << catalogue.status();
    catalogue_ = *catalogue;
  }
  ContentRules rules_;
  Catalogue catalogue_;
};

TEST_F(CatalogueDataTest, RequiredNumbersAndCodesExist) {
  EXPECT_GE(catalogue_.items().size(), 25u);
  for (auto [number, code] :
       {std::pair{"1", "0100"}, {"10", "1000"}, {"26.1", "2601"}, {"34.10", "3410"}}) {
    const CatalogueItem* by_number = catalogue_.FindByNumber(number);
    ASSERT_NE(by_number, nullptr) << number;
    EXPECT_EQ(by_number->code(), code);
    EXPECT_EQ(catalogue_.FindByCode(code), by_number);
  }
  EXPECT_EQ(catalogue_.FindByNumber("99.99"), nullptr);
  EXPECT_EQ(catalogue_.FindByCode("0100 "), nullptr);
}

TEST_F(CatalogueDataTest, EveryItemIsWellFormed) {
  std::set<std::string> reaches;
  for (const CatalogueItem& item : catalogue_.items()) {
    EXPECT_EQ(*ItemNumberToCode(item.number()), item.code());
    EXPECT_GT(item.deadline_minutes(), 0) << item.number();
    EXPECT_FALSE(item.title().empty());
    EXPECT_FALSE(item.event_type_code().empty());
    reaches.insert(opsreport::v1::Reach_Name(item.reach()));
  }
  EXPECT_EQ(reaches, (std::set<std::string>{"REACH_REGION", "REACH_MINISTRY"}));
}

TEST_F(CatalogueDataTest, EverySectionEightCategoryIsCovered) {
  // Every content rule (fires, road accidents, custody riots, personnel,
  // foreigners, deserting, mass riots, strikes, mass events, firearms,
  // narcotics, lost classified documents) is used by some item.
  std::set<std::string> used;
  for (const CatalogueItem& item : catalogue_.items()) {
    used.insert(item.content_rules().begin(), item.content_rules().end());
  }
  for (const std::string& id : rules_.RuleIds()) EXPECT_TRUE(used.count(id)) << id;

  // Categories without a rule of their own are found by their articles:
  // murder, robbery, armed attack / banditry, terrorism / explosions.
  auto has_article = [&](std::string_view article) {
    for (const CatalogueItem& item : catalogue_.items()) {
      if (catalogue_.ArticleConsistent(item, article)) return true;
    }
    return false;
  };
  for (const char* article : {"115", "187", "257", "258", "194", "286", "294", "392", "262", "263",
                              "305", "307", "328", "408"}) {
    EXPECT_TRUE(has_article(article)) << article;
  }
}

TEST_F(CatalogueDataTest, ItemsCarryTheirFields) {
  const CatalogueItem* fire = catalogue_.FindByNumber("10");
  ASSERT_NE(fire, nullptr);
  EXPECT_THAT(fire->content_rules(), ElementsAre("8.2", "8.3"));
  EXPECT_EQ(fire->reach(), opsreport::v1::REACH_MINISTRY);
  EXPECT_EQ(fire->deadline_minutes(), 120);
  EXPECT_TRUE(catalogue_.ArticleConsistent(*fire, "194"));
  EXPECT_FALSE(catalogue_.ArticleConsistent(*fire, "115"));

  const CatalogueItem* murder = catalogue_.FindByCode("0100");
  ASSERT_NE(murder, nullptr);
  EXPECT_TRUE(catalogue_.ArticleConsistent(*murder, "115"));
  EXPECT_TRUE(catalogue_.ArticleConsistent(*murder, " 115 "));
  EXPECT_FALSE(catalogue_.ArticleConsistent(*murder, "1150"));
  EXPECT_FALSE(catalogue_.ArticleConsistent(*murder, ""));

  const CatalogueItem* utilities = catalogue_.FindByNumber("34.10");
  ASSERT_NE(utilities, nullptr);
  EXPECT_TRUE(utilities->cc_articles().empty());
  EXPECT_FALSE(catalogue_.ArticleConsistent(*utilities, "115"));
  EXPECT_EQ(utilities->reach(), opsreport::v1::REACH_REGION);
  EXPECT_EQ(utilities->deadline_minutes(), 24 * 60);
}

TEST(CatalogueParseTest, FillsCodeAndDeadlineMinutes) {
  ContentRules rules = TestRules();
  std::string text = std::string("# sample\n") + kHeader +
                     "26.1\tБлокування\t30m\tregion\tpublic_order\t-\t279\t822\n"
                     "34.10\tАварії\t1d\tministry\tcivil_protection\t8.2, 8.3\t194,258-3\t934\n";
  auto catalogue = Catalogue::Parse(text, "c.tsv", rules);
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  ASSERT_EQ(catalogue->items().size(), 2u);
  const CatalogueItem& a = catalogue->items()[0];
  EXPECT_EQ(a.code(), "2601");
  EXPECT_EQ(a.deadline_minutes(), 30);
  EXPECT_EQ(a.reach(), opsreport::v1::REACH_REGION);
  EXPECT_TRUE(a.content_rules().empty());
  const CatalogueItem& b = catalogue->items()[1];
  EXPECT_EQ(b.code(), "3410");
  EXPECT_EQ(b.deadline_minutes(), 1440);
  EXPECT_THAT(b.content_rules(), ElementsAre("8.2", "8.3"));
  EXPECT_THAT(b.cc_articles(), ElementsAre("194", "258-3"));
  EXPECT_TRUE(catalogue->ArticleConsistent(b, "258-3"));
  EXPECT_FALSE(catalogue->ArticleConsistent(b, "258"));
}

TEST(CatalogueParseTest, CollectsEveryErrorWithFileLineAndColumn) {
  ContentRules rules = TestRules();
  std::string text =
      std::string(kHeader) +
      "1\tВбивства\t2h\tministry\tcriminal_police\t-\t115\t101\n"    // 2 ok
      "1\tДубль\t2h\tministry\tcriminal_police\t-\t115\t101\n"       // 3 duplicate
      "100\tЗавеликий\t2h\tregion\tcriminal_police\t-\t-\t1\n"       // 4 bad number
      "2\tБез строку\t2x\tregion\tcriminal_police\t-\t-\t1\n"        // 5 bad deadline
      "3\tКуди\t2h\tdistrict\tcriminal_police\t-\t-\t1\n"            // 6 unknown reach
      "4\tПравила\t2h\tregion\tcriminal_police\t8.2,8.99\t-\t1\n"    // 7 unknown rule
      "5\t-\t2h\tregion\tcriminal_police\t-\t-\t1\n"                 // 8 empty title
      "6\tКолонки\t2h\tregion\n"                                     // 9 column count
      "7\tСтатті\t2h\tregion\tCriminal Police\t-\t115,abc,115\tx\n"  // 10 several
      "8\tПорожнє\t\tregion\tcriminal_police\t-\t-\t1\n"             // 11 empty cell
      "9\tНуль\t0h\tregion\tcriminal_police\t8.2,,8.2\t-\t1\n";      // 12 zero, list faults
  auto catalogue = Catalogue::Parse(text, "c.tsv", rules);
  ASSERT_FALSE(catalogue.ok());
  EXPECT_EQ(catalogue.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      ErrorLines(catalogue.status()),
      ElementsAre(
          "c.tsv:3: column number: duplicate number 1 (first on line 2)",
          "c.tsv:4: column number: catalogue item number \"100\": item must be 1-99",
          "c.tsv:5: column deadline: bad deadline \"2x\": expected a number and m, h or d, "
          "e.g. 30m, 2h, 1d",
          "c.tsv:6: column reach: unknown reach \"district\": expected region or ministry",
          "c.tsv:7: column content_rules: unknown content rule id 8.99",
          "c.tsv:8: column title: must not be empty",
          "c.tsv:9: expected 8 tab-separated columns, got 4",
          "c.tsv:10: column service_line: bad service line \"Criminal Police\": expected "
          "lowercase_with_underscores",
          "c.tsv:10: column cc_articles: article 115 listed twice",
          "c.tsv:10: column cc_articles: bad КК article \"abc\": expected e.g. 115 or 258-3",
          "c.tsv:10: column event_type_code: bad event type code \"x\": expected 1-6 digits",
          "c.tsv:11: column deadline: empty value; write - for none",
          "c.tsv:12: column deadline: bad deadline \"0h\": must be positive",
          "c.tsv:12: column content_rules: empty element in \"8.2,,8.2\"; write - for none",
          "c.tsv:12: column content_rules: content rule 8.2 listed twice"));
  EXPECT_THAT(std::string(catalogue.status().message()),
              HasSubstr("catalogue c.tsv rejected, 15 violation(s)"));
}

TEST(CatalogueParseTest, HeaderProblems) {
  ContentRules rules = TestRules();
  auto missing = Catalogue::Parse("# nothing but comments\n", "c.tsv", rules);
  EXPECT_THAT(ErrorLines(missing.status()),
              ElementsAre("c.tsv:1: missing header line (the first line that is not blank or a "
                          "# comment)"));
  auto unknown = Catalogue::Parse(
      "number\ttitle\tdeadline\treach\tservice\tcontent_rules\tcc_articles\tevent_type_code\n"
      "1\tX\t2h\tregion\tx\t-\t-\t1\n",
      "c.tsv", rules);
  EXPECT_THAT(ErrorLines(unknown.status()),
              ElementsAre("c.tsv:1: column service: unknown header column (expected: number, "
                          "title, deadline, reach, service_line, content_rules, cc_articles, "
                          "event_type_code)",
                          "c.tsv:1: column service_line: missing header column"));
}

TEST(CatalogueParseTest, HeaderColumnsMayComeInAnyOrder) {
  ContentRules rules = TestRules();
  auto catalogue = Catalogue::Parse(
      "title\tnumber\tdeadline\treach\tservice_line\tcontent_rules\tcc_articles\tevent_type_code\n"
      "Вбивства\t1\t2h\tministry\tcriminal_police\t-\t115\t101\n",
      "c.tsv", rules);
  ASSERT_TRUE(catalogue.ok()) << catalogue.status();
  ASSERT_NE(catalogue->FindByCode("0100"), nullptr);
  EXPECT_EQ(catalogue->FindByCode("0100")->title(), "Вбивства");
}

TEST(CatalogueParseTest, DeadlineForms) {
  EXPECT_EQ(*ParseDeadlineMinutes("30m"), 30);
  EXPECT_EQ(*ParseDeadlineMinutes("2h"), 120);
  EXPECT_EQ(*ParseDeadlineMinutes("24h"), 1440);
  EXPECT_EQ(*ParseDeadlineMinutes("1d"), 1440);
  EXPECT_EQ(*ParseDeadlineMinutes("31d"), 31 * 1440);
  for (const char* bad : {"", "h", "2", "-2h", "2H", "2 h", "1.5h", "32d", "9999999m", "0m"}) {
    EXPECT_FALSE(ParseDeadlineMinutes(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseDeadlineMinutes("32d").status().message(),
            "bad deadline \"32d\": must be at most 31d");
}

TEST(CatalogueParseTest, MissingFileIsNotFound) {
  ContentRules rules = TestRules();
  EXPECT_EQ(Catalogue::LoadFile("data/no_such_catalogue.tsv", rules).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace opsreport::catalogue
