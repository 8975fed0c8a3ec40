#include "opsreport/coding_line/coding_line.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::coding_line {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

v1::CodingLine Murder() {
  v1::CodingLine l;
  l.set_unit_code("0512");
  l.set_event_type_code("01");
  l.set_catalogue_code("0101");
  l.set_cc_article("115");
  l.set_article_sign("-");
  l.set_article_part("2");
  l.set_article_paragraph("1");
  l.set_received_time("09.40");
  l.set_received_day("01");
  l.set_received_month("02");
  l.set_received_year("2024");
  l.set_summary_day("02");
  l.set_summary_month("02");
  l.set_summary_year("2024");
  return l;
}

std::vector<std::string> Fields(const base::Violations& v) {
  std::vector<std::string> out;
  for (const auto& item : v.items()) out.push_back(item.field);
  return out;
}

std::vector<std::string> StatusFields(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& item : base::ViolationsFromStatus(s)) out.push_back(item.field);
  return out;
}

TEST(CodingLineTest, FieldNamesFollowTextOrder) {
  EXPECT_EQ(FieldNames()[0], "unit_code");
  EXPECT_EQ(FieldNames()[6], "article_paragraph");
  EXPECT_EQ(FieldNames()[7], "received_time");
  EXPECT_EQ(FieldNames()[13], "summary_year");
}

TEST(CodingLineTest, RendersTwoQuestionMarkTerminatedLines) {
  EXPECT_EQ(Render(Murder()),
            "0512?01?0101?115?-?2?1?\n"
            "09.40?01?02?2024?02?02?2024?");
}

TEST(CodingLineTest, RenderParseRoundTrips) {
  auto parsed = Parse(Render(Murder()));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->SerializeAsString(), Murder().SerializeAsString());
}

TEST(CodingLineTest, ParseToleratesWhitespaceCrlfAndTrailingDot) {
  auto parsed = Parse(
      "\n  0512? 01 ?0101?115 ? - ?2?1?\r\n"
      "\r\n"
      "09.40?01?02?2024?02?02?2024?. \r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->SerializeAsString(), Murder().SerializeAsString());
}

TEST(CodingLineTest, ParseNamesEachEmptyField) {
  // One empty field per position, each reported by its proto name.
  for (int i = 0; i < kFieldCount; ++i) {
    v1::CodingLine line = Murder();
    line.GetReflection()->SetString(&line, line.GetDescriptor()->FindFieldByNumber(i + 1), "");
    absl::Status s = Parse(Render(line)).status();
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(StatusFields(s), ElementsAre("coding_line." + FieldNames()[i])) << i;
    EXPECT_NE(s.message().find("coding_line." + FieldNames()[i] + ": must not be empty"),
              std::string_view::npos)
        << s.message();
  }
}

TEST(CodingLineTest, ParseReportsEveryEmptyFieldAtOnce) {
  absl::Status s = Parse("0512??0101?115?-??1?\n?01?02?2024?02?02??").status();
  EXPECT_THAT(StatusFields(s),
              ElementsAre("coding_line.event_type_code", "coding_line.article_part",
                          "coding_line.received_time", "coding_line.summary_year"));
}

TEST(CodingLineTest, ParseRejectsWrongLineCount) {
  EXPECT_THAT(StatusFields(Parse("").status()), ElementsAre("coding_line"));
  absl::Status one = Parse("0512?01?0101?115?-?2?1?").status();
  EXPECT_THAT(StatusFields(one), ElementsAre("coding_line"));
  EXPECT_NE(one.message().find("expected 2 lines, found 1"), std::string_view::npos);
  absl::Status three =
      Parse("0512?01?0101?115?-?2?1?\n09.40?01?02?2024?02?02?2024?\n1?2?").status();
  EXPECT_THAT(StatusFields(three), ElementsAre("coding_line"));
}

TEST(CodingLineTest, ParseRejectsWrongFieldCountPerLine) {
  absl::Status s = Parse("0512?01?0101?115?-?2?\n09.40?01?02?2024?02?02?2024?extra?").status();
  EXPECT_THAT(StatusFields(s), ElementsAre("coding_line.line1", "coding_line.line2"));
  EXPECT_NE(s.message().find("coding_line.line1: expected 7 fields, found 6"),
            std::string_view::npos);
  EXPECT_NE(s.message().find("coding_line.line2: expected 7 fields, found 8"),
            std::string_view::npos);
}

TEST(CodingLineTest, ParseRejectsTextAfterLastQuestionMark) {
  absl::Status s = Parse("0512?01?0101?115?-?2?1\n09.40?01?02?2024?02?02?2024?").status();
  EXPECT_THAT(StatusFields(s), ElementsAre("coding_line.line1"));
  EXPECT_NE(s.message().find("found '1' after the last '?'"), std::string_view::npos);
}

TEST(CodingLineTest, ValidAcceptsGoodLine) {
  base::Violations v;
  Validate(Murder(), "report.coding_line", v);
  EXPECT_THAT(v.items(), IsEmpty());
}

TEST(CodingLineTest, ValidateNamesEveryEmptyField) {
  base::Violations v;
  Validate(v1::CodingLine(), "report.coding_line", v);
  ASSERT_EQ(v.size(), static_cast<size_t>(kFieldCount));
  for (int i = 0; i < kFieldCount; ++i) {
    EXPECT_EQ(v.items()[i].field, "report.coding_line." + FieldNames()[i]);
    EXPECT_EQ(v.items()[i].message, "must not be empty");
  }
}

TEST(CodingLineTest, ValidateRejectsSeparatorsAndWhitespaceInsideFields) {
  v1::CodingLine l = Murder();
  l.set_cc_article("115?");
  l.set_article_sign("-\n");
  l.set_unit_code(" 0512");
  base::Violations v;
  Validate(l, "x", v);
  EXPECT_THAT(Fields(v), UnorderedElementsAre("x.cc_article", "x.article_sign", "x.unit_code"));
}

TEST(CodingLineTest, ValidateCatalogueCode) {
  struct Case {
    const char* code;
    bool ok;
  } cases[] = {{"0100", true},  {"1000", true}, {"2601", true},  {"3410", true},   {"0000", false},
               {"0012", false}, {"261", false}, {"26.1", false}, {"26010", false}, {"2б01", false}};
  for (const auto& c : cases) {
    v1::CodingLine l = Murder();
    l.set_catalogue_code(c.code);
    base::Violations v;
    Validate(l, "cl", v);
    if (c.ok) {
      EXPECT_THAT(v.items(), IsEmpty()) << c.code;
    } else {
      EXPECT_THAT(Fields(v), ElementsAre("cl.catalogue_code")) << c.code;
    }
  }
  v1::CodingLine zero = Murder();
  zero.set_catalogue_code("0000");
  base::Violations v;
  Validate(zero, "cl", v);
  EXPECT_THAT(v.items(), ElementsAre(Field(&base::Violation::message, "must not be 0000")));
}

TEST(CodingLineTest, ValidateReceivedTime) {
  for (const char* good : {"00.00", "23.59", "09.05"}) {
    v1::CodingLine l = Murder();
    l.set_received_time(good);
    base::Violations v;
    Validate(l, "cl", v);
    EXPECT_THAT(v.items(), IsEmpty()) << good;
  }
  for (const char* bad : {"24.00", "12.60", "9.40", "09:40", "0940", "ab.cd", "09.400"}) {
    v1::CodingLine l = Murder();
    l.set_received_time(bad);
    base::Violations v;
    Validate(l, "cl", v);
    EXPECT_THAT(Fields(v), ElementsAre("cl.received_time")) << bad;
  }
}

TEST(CodingLineTest, ValidateDates) {
  v1::CodingLine leap = Murder();
  leap.set_received_day("29");
  leap.set_received_month("02");
  leap.set_received_year("2024");
  leap.set_summary_day("1");  // one digit is accepted
  leap.set_summary_month("3");
  base::Violations ok;
  Validate(leap, "cl", ok);
  EXPECT_THAT(ok.items(), IsEmpty());

  v1::CodingLine bad = Murder();
  bad.set_received_day("29");
  bad.set_received_month("02");
  bad.set_received_year("2023");  // not a leap year
  bad.set_summary_day("00");
  bad.set_summary_month("13");
  bad.set_summary_year("24");
  base::Violations v;
  Validate(bad, "cl", v);
  EXPECT_THAT(Fields(v), ElementsAre("cl.received_day", "cl.summary_year", "cl.summary_month",
                                     "cl.summary_day"));
  EXPECT_EQ(v.items()[0].message, "29.02.2023 is not a calendar date");

  v1::CodingLine letters = Murder();
  letters.set_received_month("лют");
  letters.set_summary_day("31");
  letters.set_summary_month("04");
  base::Violations v2;
  Validate(letters, "cl", v2);
  EXPECT_THAT(Fields(v2), ElementsAre("cl.received_month", "cl.summary_day"));
}

}  // namespace
}  // namespace opsreport::coding_line
