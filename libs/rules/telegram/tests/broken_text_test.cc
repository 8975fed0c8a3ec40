// Broken telegrams: every problem is reported at once, by line and label.

#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "fixtures.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::telegram {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A valid report; tests replace whole lines (1-based) so numbers stay put.
const std::vector<std::string>& BaseLines() {
  static const auto* lines = new std::vector<std::string>{
      "СПЕЦПОВІДОМЛЕННЯ",                                             // 1
      "Код ОВС: 0512",                                                // 2
      "Джерело: Чергова частина Бориспільського РУП",                 // 3
      "ТЛГ № 143",                                                    // 4
      "Дата і час надходження ТЛГ до передавання: 15.03.2024 01:05",  // 5
      "Кому: ГУНП в Київській області",                               // 6
      "+++",                                                          // 7
      "0512?01?0101?115?-?2?1?",                                      // 8
      "23.40?14?03?2024?15?03?2024?",                                 // 9
      "Дата і час надходження заяви: 14.03.2024 23:40",               // 10
      "Дані на осіб:",                                                // 11
      "        Потерпілий: Коваленко Петро Васильович",               // 12
      "        Дата народження: 1972-11-20",                          // 13
      "Зміст: Виявлено труп.",                                        // 14
      "Порядковий номер реєстрації: 2711",                            // 15
      "ЄРДР: 12024111100000321",                                      // 16
      "+++",                                                          // 17
      "Підготував: Петренко І.І.",                                    // 18
      "Підписний № 57",                                               // 19
      "Підписав: начальник Ткаченко О.М.",                            // 20
      "Оперативний черговий: Дмитренко С.О.",                         // 21
      "Передано: 15.03.2024 01:10",                                   // 22
  };
  return *lines;
}

std::string Edit(const std::map<int, std::string>& replace) {
  std::vector<std::string> lines = BaseLines();
  for (const auto& [n, text] : replace) lines[n - 1] = text;
  return absl::StrJoin(lines, "\n") + "\n";
}

std::vector<std::string> Problems(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(status))
    out.push_back(v.field + ": " + v.message);
  return out;
}

std::vector<std::string> ReportProblems(const std::string& text) {
  auto parsed = ParseSpecialReport(text);
  EXPECT_FALSE(parsed.ok()) << text;
  if (!parsed.ok()) {
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  }
  return parsed.ok() ? std::vector<std::string>{} : Problems(parsed.status());
}

std::vector<std::string> SupplementProblems(const std::string& text) {
  auto parsed = ParseSupplement(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? std::vector<std::string>{} : Problems(parsed.status());
}

constexpr char kRoles[] =
    "Особа, Заявник, Підозрюваний, Потерпілий, Загиблий, Невпізнаний труп, Свідок, Затриманий, "
    "Розшукуваний, Інша особа";

TEST(BrokenTextTest, BaseTextParses) {
  auto parsed = ParseSpecialReport(Edit({}));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->coding_line().catalogue_code(), "0101");
  EXPECT_EQ(parsed->persons(0).full_name(), "Коваленко Петро Васильович");
  EXPECT_EQ(parsed->signed_by().capacity(), v1::SIGNER_CAPACITY_HEAD);
}

TEST(BrokenTextTest, StatusMessageListsEveryViolation) {
  auto parsed = ParseSpecialReport(Edit({{7, ""}, {14, "Примітка: щось"}}));
  ASSERT_FALSE(parsed.ok());
  EXPECT_THAT(std::string(parsed.status().message()),
              StartsWith("special report text rejected, 2 violation(s): line 14: Примітка: "
                         "unknown label; line 8: +++: the first '+++' marker is missing"));
}

TEST(BrokenTextTest, MissingMarkers) {
  EXPECT_THAT(ReportProblems(Edit({{7, ""}})),
              ElementsAre("line 8: +++: the first '+++' marker is missing before this line"));
  EXPECT_THAT(ReportProblems(Edit({{17, ""}})),
              ElementsAre("line 18: +++: the second '+++' marker is missing before this line"));
  EXPECT_THAT(ReportProblems(Edit({{7, ""}, {17, ""}})),
              ElementsAre("line 8: +++: the first '+++' marker is missing before this line",
                          "line 18: +++: the second '+++' marker is missing before this line"));
  EXPECT_THAT(ReportProblems(Edit({{17, ""}, {18, ""}, {19, ""}, {20, ""}, {21, ""}, {22, ""}})),
              ElementsAre("line 16: +++: the second '+++' marker is missing at the end"));
  EXPECT_THAT(ReportProblems(Edit({{22, "+++"}})),
              ElementsAre("line 22: +++: a special report has only 2 '+++' markers"));
}

TEST(BrokenTextTest, BadCodingLineUsesCodingLineErrorsAtTheirLines) {
  EXPECT_THAT(ReportProblems(Edit({{8, "0512?01??115?-?2?1?"}, {9, "23.40?14?03?2024?15?03?"}})),
              ElementsAre("line 8: coding_line.catalogue_code: must not be empty",
                          "line 9: coding_line.line2: expected 7 fields, found 6"));
  EXPECT_THAT(ReportProblems(Edit({{9, "23.40?14?03?2024?15?03??"}})),
              ElementsAre("line 9: coding_line.summary_year: must not be empty"));
  EXPECT_THAT(ReportProblems(Edit({{9, ""}})),
              ElementsAre("line 8: coding_line: expected 2 lines, found 1"));
}

TEST(BrokenTextTest, BadTimestamps) {
  EXPECT_THAT(
      ReportProblems(Edit({{5, "Дата і час надходження ТЛГ до передавання: 15.03.2024"},
                           {10, "Дата і час надходження заяви: 31.03.2024 03:30"},
                           {22, "Передано: 30.02.2024 01:10"}})),
      ElementsAre("line 5: Дата і час надходження ТЛГ до передавання: expected DD.MM.YYYY "
                  "HH:MM[:SS], got '15.03.2024'",
                  "line 10: Дата і час надходження заяви: this local time does not exist in Kyiv "
                  "(skipped by the change to summer time), got '31.03.2024 03:30'",
                  "line 22: Передано: no such date or time, got '30.02.2024 01:10'"));
}

TEST(BrokenTextTest, UnknownPersonRoleAndOrphanPersonLine) {
  EXPECT_THAT(
      ReportProblems(Edit({{12, "        Кум: Коваленко Петро Васильович"}})),
      ElementsAre(
          std::string("line 12: Кум: unknown person role or line; a person starts with a role (") +
              kRoles +
              ") followed by: Дата народження, Приблизний вік, Громадянство, Місце проживання, "
              "Місце роботи, посада, Посада, Звання, Стосунки з іншими учасниками, Тілесні "
              "ушкодження, Судимість, Стан сп'яніння",
          std::string("line 13: Дата народження: comes before any person; start each person "
                      "with a role line (") +
              kRoles + ")"));
}

TEST(BrokenTextTest, PersonValues) {
  EXPECT_THAT(
      ReportProblems(Edit({{13, "        Приблизний вік: сорок"}})),
      ElementsAre("line 13: Приблизний вік: expected a whole number of years, got 'сорок'"));
  EXPECT_THAT(ReportProblems(Edit({{13, "        Потерпілий Коваленко"}})),
              ElementsAre("line 13: Дані на осіб: expected 'Label: value' indented by 8 spaces, "
                          "got 'Потерпілий Коваленко'"));
  // One indent instead of two: the line is read as the section's own value.
  EXPECT_THAT(ReportProblems(Edit({{12, "    Потерпілий: Коваленко"}})),
              ElementsAre("line 12: Дані на осіб: takes no value on its own line; list the "
                          "entries below it, indented by 8 spaces (or two tabs)",
                          std::string("line 13: Дата народження: comes before any person; start "
                                      "each person with a role line (") +
                              kRoles + ")"));
}

TEST(BrokenTextTest, UnknownLabels) {
  EXPECT_THAT(ReportProblems(Edit({{14, "Примітка: щось"}, {16, "Якийсь текст без двокрапки"}})),
              ElementsAre("line 14: Примітка: unknown label",
                          "line 16: Якийсь текст без двокрапки: unknown label"));
}

TEST(BrokenTextTest, OutOfOrderAndRepeatedSections) {
  EXPECT_THAT(ReportProblems(Edit(
                  {{15, "ЄРДР: 12024111100000321"}, {16, "Порядковий номер реєстрації: 2711"}})),
              ElementsAre("line 16: Порядковий номер реєстрації: out of order: must come before "
                          "'ЄРДР'"));
  EXPECT_THAT(ReportProblems(Edit({{10, "Копії: прокуратура"}})),
              ElementsAre("line 10: Копії: out of order: must come before 'the coding line'"));
  EXPECT_THAT(ReportProblems(Edit({{14, "Джерело: інше"}})),
              ElementsAre("line 14: Джерело: given twice (first on line 3)"));
  EXPECT_THAT(ReportProblems(Edit({{10, "Кому: МВС"}})),
              ElementsAre("line 10: Кому: out of order: all 'Кому' lines must follow one another "
                          "(first on line 6)"));
  EXPECT_THAT(ReportProblems(Edit({{2, "СПЕЦПОВІДОМЛЕННЯ"}})),
              ElementsAre("line 2: СПЕЦПОВІДОМЛЕННЯ: the title must be the first line"));
}

TEST(BrokenTextTest, SignatureBlock) {
  EXPECT_THAT(ReportProblems(
                  Edit({{21, "        Звання: майор поліції"}, {22, "        Посада: начальник"}})),
              ElementsAre("line 22: Посада: out of order: must come before 'Звання'"));
  EXPECT_THAT(ReportProblems(Edit({{21, "        Телефон: 123"}})),
              ElementsAre("line 21: Телефон: unknown line; expected Посада, Звання, Дата і час "
                          "підпису"));
  EXPECT_THAT(ReportProblems(Edit({{21, "        Дата і час підпису: вчора"}})),
              ElementsAre("line 21: Дата і час підпису: expected DD.MM.YYYY HH:MM[:SS], got "
                          "'вчора'"));
}

TEST(BrokenTextTest, BadScalarValues) {
  EXPECT_THAT(
      ReportProblems(Edit({{2, "Вид події: крадіжка"},
                           {15, "Порядковий номер реєстрації: 27a"},
                           {16, "Відомості до ЄРДР: так"}})),
      ElementsAre("line 2: Вид події: unknown value 'крадіжка'; expected one of: кримінальне "
                  "правопорушення; надзвичайна подія; інше правопорушення",
                  "line 15: Порядковий номер реєстрації: expected a whole number, got '27a'",
                  "line 16: Відомості до ЄРДР: expected 'не внесено', got 'так'"));
  EXPECT_THAT(ReportProblems(Edit({{2, "Триваюча подія: можливо"}})),
              ElementsAre("line 2: Триваюча подія: expected 'так' or 'ні', got 'можливо'"));
}

TEST(BrokenTextTest, Indentation) {
  EXPECT_THAT(ReportProblems(Edit({{15, "  продовження"}})),
              ElementsAre("line 15: Зміст: continuation lines must be indented by 4 spaces"));
  EXPECT_THAT(ReportProblems(Edit({{8, "    0512?01?0101?115?-?2?1?"}})),
              ElementsAre("line 8: unexpected indented line: continuation lines belong to a label",
                          "line 9: coding_line: expected 2 lines, found 1"));
  EXPECT_THAT(ReportProblems("    текст\n" + Edit({})),
              ElementsAre("line 1: indented line before the first label"));
}

TEST(BrokenTextTest, LinesOfTheOtherForm) {
  EXPECT_THAT(ReportProblems(Edit({{14, "Доповнення до вих. № 1 від 01.01.2024, ЄО № 2"},
                                   {3, "Звідки: Чергова частина"}})),
              ElementsAre("line 3: Звідки: belongs to the supplement form, not to a special report",
                          "line 14: Доповнення до вих. №: belongs to the supplement form, not to a "
                          "special report"));
}

TEST(BrokenTextTest, WrongKindOfDocument) {
  EXPECT_THAT(ReportProblems(RenderSupplement(testing::RequalificationSupplement())),
              ElementsAre("line 1: ДОПОВНЕННЯ: this text is a supplement, not a special report"));
  EXPECT_THAT(SupplementProblems(RenderSpecialReport(testing::MurderReport())),
              ElementsAre("line 1: СПЕЦПОВІДОМЛЕННЯ: this text is a special report, not a "
                          "supplement"));
}

TEST(BrokenTextTest, NeitherReportNorSupplement) {
  const std::string text = "Привіт!\nЯк справи?\n";
  auto kind = DetectKind(text);
  ASSERT_FALSE(kind.ok());
  EXPECT_THAT(Problems(kind.status()),
              ElementsAre("line 1: the text is neither a special report nor a supplement: no "
                          "'СПЕЦПОВІДОМЛЕННЯ' or 'ДОПОВНЕННЯ' title, no '+++' marker, no "
                          "'Доповнення до вих. №' line"));
  EXPECT_THAT(ReportProblems(text),
              ElementsAre("line 1: Привіт!: unknown label", "line 2: Як справи?: unknown label",
                          "line 2: +++: the first '+++' marker is missing at the end",
                          "line 2: +++: the second '+++' marker is missing at the end"));
  EXPECT_THAT(Problems(DetectKind(" \n\n").status()), ElementsAre("line 1: the text is empty"));
  EXPECT_THAT(ReportProblems(""), ElementsAre("line 1: the text is empty"));
  EXPECT_THAT(SupplementProblems("\r\n  \r\n"), ElementsAre("line 1: the text is empty"));
}

std::string SupplementText(const std::map<std::string, std::string>& replace) {
  std::string text = RenderSupplement(testing::RequalificationSupplement());
  for (const auto& [from, to] : replace) {
    size_t pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
  }
  return text;
}

TEST(BrokenTextTest, BrokenSupplement) {
  // Line numbers of the rendered RequalificationSupplement: 11 is the original
  // reference, 21 "Перекваліфікація", 22–24 the new coding line, 26 the first
  // "Підстава рішення", 30 "Підписав".
  EXPECT_THAT(
      SupplementProblems(SupplementText({
          {"Доповнення до вих. № 0512/143 від 15.03.2024, ЄО № 4417",
           "Доповнення до вих. № 0512/143 15.03.2024"},
          {"Перекваліфікація: так", "Перекваліфікація: мабуть"},
          {"    0512?01?0101?115?-?1?-?", "    0512?01?0101?115?-?\?-?"},
          {"Підстава рішення: ст. 214 КПК України", "+++\n0512?01?0101?115?-?1?-?"},
      })),
      ElementsAre("line 11: Доповнення до вих. №: expected 'Доповнення до вих. № <номер> від "
                  "DD.MM.YYYY, ЄО № <номер>', got '0512/143 15.03.2024'",
                  "line 21: Перекваліфікація: expected 'так' or 'ні', got 'мабуть'",
                  "line 23: new_coding_line.article_part: must not be empty",
                  "line 26: +++: '+++' markers are not part of the supplement form (002 §9.3)",
                  "line 27: coding_line: a bare coding line belongs after the first '+++' of a "
                  "special report; a supplement gives a new one under 'Новий рядок кодування:'"));
  EXPECT_THAT(
      SupplementProblems(SupplementText(
          {{"від 15.03.2024, ЄО", "від 31.02.2024, ЄО"},
           {"    23.40?14?03?2024?15?03?2024?\n", "    23.40?14?03?2024?15?03?2024?\n    1?\n"},
           {"Підписав: начальник", "Підписав: начальник\n        Телефон: 1"}})),
      ElementsAre("line 11: Доповнення до вих. №: original date: expected a date "
                  "DD.MM.YYYY, got '31.02.2024'",
                  "line 23: new_coding_line: expected 2 lines, found 3",
                  "line 32: Телефон: unknown line; expected Посада, Звання, Дата і час "
                  "підпису"));
}

TEST(BrokenTextTest, ManyProblemsAtOnce) {
  std::vector<std::string> problems = ReportProblems(Edit({
      {4, "ТЛГ № 143"},
      {5, "Дата і час надходження ТЛГ до передавання: завтра"},
      {7, ""},
      {9, "23.40?14?03?2024?15?03?"},
      {12, "        Кум: Коваленко"},
      {14, "Примітка: щось"},
      {16, "Порядковий номер реєстрації: 2"},
      {17, ""},
      {22, "Передано: 15.03.2024 1:1"},
  }));
  ASSERT_EQ(problems.size(), 9u) << absl::StrJoin(problems, "\n");
  EXPECT_THAT(problems[0], StartsWith("line 5: Дата і час надходження ТЛГ до передавання: "));
  EXPECT_THAT(problems[1], StartsWith("line 9: coding_line.line2: "));
  EXPECT_THAT(problems[2], StartsWith("line 12: Кум: unknown person role"));
  EXPECT_THAT(problems[3], StartsWith("line 13: Дата народження: comes before any person"));
  EXPECT_THAT(problems[4], StartsWith("line 14: Примітка: unknown label"));
  EXPECT_THAT(problems[5], StartsWith("line 16: Порядковий номер реєстрації: given twice"));
  EXPECT_THAT(problems[6], StartsWith("line 22: Передано: expected DD.MM.YYYY"));
  EXPECT_THAT(problems[7], StartsWith("line 8: +++: the first '+++' marker is missing"));
  EXPECT_THAT(problems[8], StartsWith("line 18: +++: the second '+++' marker is missing"));
}

}  // namespace
}  // namespace opsreport::telegram
