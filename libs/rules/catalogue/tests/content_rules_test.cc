#include "opsreport/catalogue/content_rules.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace opsreport::catalogue {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_util::ErrorLines;

constexpr char kPath[] = "data/content_rules.tsv";

TEST(ContentRulesDataTest, LoadsEverySectionEightRule) {
  auto rules = ContentRules::LoadFile(kPath);
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_THAT(rules->RuleIds(), ElementsAre("8.1.10", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7",
                                            "8.8", "8.9", "8.10", "8.11", "8.12", "8.13"));
  for (const std::string& id : rules->RuleIds()) {
    const auto* fields = rules->Fields(id);
    ASSERT_NE(fields, nullptr) << id;
    EXPECT_FALSE(fields->empty()) << id;
    for (const ContentField& f : *fields) {
      EXPECT_EQ(f.rule_id, id);
      EXPECT_FALSE(f.title.empty()) << f.key;
      EXPECT_EQ(rules->FindField(f.key), &f) << f.key;
    }
  }
}

TEST(ContentRulesDataTest, FireRuleHasOneFieldPerClauseInOrder) {
  auto rules = ContentRules::LoadFile(kPath);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const auto* fire = rules->Fields("8.2");
  ASSERT_NE(fire, nullptr);
  std::vector<std::string> keys, sections;
  for (const auto& f : *fire) {
    keys.push_back(f.key);
    sections.push_back(f.section);
  }
  EXPECT_THAT(keys, ElementsAre("fire.detected_at", "fire.address", "fire.object",
                                "fire.works_in_progress", "fire.area", "fire.destroyed",
                                "fire.damage", "fire.cause", "fire.casualties", "fire.localized_at",
                                "fire.task_force", "fire.inquiry_by"));
  for (size_t i = 0; i < sections.size(); ++i) {
    EXPECT_EQ(sections[i], "8.2." + std::to_string(i + 1));
  }
  const auto* supplement = rules->Fields("8.3");
  ASSERT_NE(supplement, nullptr);
  EXPECT_EQ(supplement->size(), 4u);
  EXPECT_EQ(supplement->back().section, "8.3.4");
}

TEST(ContentRulesDataTest, LostDocumentsAndNarcotics) {
  auto rules = ContentRules::LoadFile(kPath);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const ContentField* copy = rules->FindField("lost_document.copy_number");
  ASSERT_NE(copy, nullptr);
  EXPECT_EQ(copy->rule_id, "8.1.10");
  EXPECT_EQ(copy->section, "8.1.10");
  const ContentField* narcotic = rules->FindField("narcotic.official_name");
  ASSERT_NE(narcotic, nullptr);
  EXPECT_THAT(narcotic->title, HasSubstr("770"));
  EXPECT_EQ(rules->Fields("8.1"), nullptr);
  EXPECT_EQ(rules->Fields("8.99"), nullptr);
  EXPECT_EQ(rules->FindField("fire.nonexistent"), nullptr);
}

TEST(ContentRulesDataTest, CopiesStayUsable) {
  auto rules = ContentRules::LoadFile(kPath);
  ASSERT_TRUE(rules.ok());
  ContentRules copy = *rules;
  rules = absl::InternalError("gone");
  const ContentField* f = copy.FindField("fire.area");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->section, "8.2.5");
}

TEST(ContentRulesParseTest, CollectsEveryError) {
  constexpr char kText[] =
      "rule_id\tfield_key\ttitle\tsection\tdocument\n"
      "8.2\tfire.area\tПлоща\t8.2.5\treport\n"
      "9.1\tfire.x\tX\t9.1\treport\n"           // 3: not a section-8 rule
      "8.2\tFire.Area\tX\t8.2.1\treport\n"      // 4: bad key
      "8.2\tfire.area\tДубль\t8.2.6\treport\n"  // 5: duplicate key
      "8.2\tfire.y\t-\t8.2.7\treport\n"         // 6: empty title
      "8.2\tfire.z\tZ\t8.3.1\treport\n"         // 7: section outside the rule
      "8.2\tfire.w\tW\tx\treport\n"             // 8: bad section
      "8.2\tfire.v\tV\n";                       // 9: column count
  auto rules = ContentRules::Parse(kText, "rules.tsv");
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      ErrorLines(rules.status()),
      ElementsAre(
          "rules.tsv:3: column rule_id: bad rule id \"9.1\": expected a section-8 clause such as "
          "8.2 or 8.1.10",
          "rules.tsv:4: column field_key: bad field key \"Fire.Area\": expected lowercase.dotted, "
          "e.g. fire.area",
          "rules.tsv:5: column field_key: duplicate field key fire.area (first on line 2)",
          "rules.tsv:6: column title: must not be empty",
          "rules.tsv:7: column section: section 8.3.1 is not within rule 8.2",
          "rules.tsv:8: column section: bad section \"x\": expected e.g. 8.2.5",
          "rules.tsv:9: expected 5 tab-separated columns, got 3"));
  EXPECT_THAT(std::string(rules.status().message()),
              HasSubstr("content rules rules.tsv rejected, 7 violation(s)"));
}

TEST(ContentRulesParseTest, SectionPrefixMustEndAtDot) {
  // 8.10.1 lies within 8.10 but not within 8.1.
  auto ok = ContentRules::Parse(
      "rule_id\tfield_key\ttitle\tsection\tdocument\n8.10\ta.b\tT\t8.10.1\treport\n", "r");
  EXPECT_TRUE(ok.ok()) << ok.status();
  auto bad = ContentRules::Parse(
      "rule_id\tfield_key\ttitle\tsection\tdocument\n8.1\ta.b\tT\t8.10\treport\n", "r");
  EXPECT_THAT(ErrorLines(bad.status()),
              ElementsAre("r:2: column section: section 8.10 is not within rule 8.1"));
}

TEST(ContentRulesParseTest, DocumentColumnIsReportOrSupplementPerRule) {
  auto rules = ContentRules::Parse(
      "rule_id\tfield_key\ttitle\tsection\tdocument\n"
      "8.2\tfire.area\tA\t8.2.5\treport\n"
      "8.3\tfire_supplement.cause\tC\t8.3.3\tsupplement\n"
      "8.3\tfire_supplement.by\tB\t8.3.2\treport\n"  // 4: disagrees with line 3
      "8.4\troad_accident.car\tX\t8.4\tletter\n",    // 5: unknown document
      "r.tsv");
  EXPECT_THAT(ErrorLines(rules.status()),
              ElementsAre("r.tsv:4: column document: rule 8.3 is for the supplement (line 3)",
                          "r.tsv:5: column document: bad document \"letter\": expected report "
                          "or supplement"));
}

TEST(ContentRulesDataTest, FireFollowUpBelongsToTheSupplement) {
  auto rules = ContentRules::LoadFile("data/content_rules.tsv");
  ASSERT_TRUE(rules.ok()) << rules.status();
  EXPECT_TRUE(rules->ForSupplement("8.3"));
  EXPECT_FALSE(rules->ForSupplement("8.2"));
  EXPECT_FALSE(rules->ForSupplement("9.9"));
  EXPECT_TRUE(rules->FindField("fire_supplement.final_cause")->for_supplement);
}

TEST(ContentRulesParseTest, MissingFileIsNotFound) {
  auto rules = ContentRules::LoadFile("data/no_such_rules.tsv");
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kNotFound);
}

TEST(ContentRulesParseTest, UnknownHeaderColumn) {
  auto rules = ContentRules::Parse(
      "rule_id\tkey\ttitle\tsection\tdocument\n8.2\ta.b\tT\t8.2\treport\n", "r.tsv");
  EXPECT_THAT(ErrorLines(rules.status()),
              ElementsAre("r.tsv:1: column key: unknown header column (expected: rule_id, "
                          "field_key, title, section, document)",
                          "r.tsv:1: column field_key: missing header column"));
}

}  // namespace
}  // namespace opsreport::catalogue
