// Hand-written telegrams as a duty officer types them: no title, CRLF, tabs,
// stray spaces, typographic apostrophes, capitalised "Не встановлено", the
// instruction's "рік?." ending of the coding line.

#include "fixtures.h"
#include "gtest/gtest.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::telegram {
namespace {

using testing::Diff;
using testing::Kyiv;
using testing::NotEstablished;
using testing::Text;

constexpr char kLegacyReport[] =
    "Джерело:   Чергова частина Броварського РУП\r\n"
    "ТЛГ №77\r\n"
    "Дата і час надходження ТЛГ до передавання: 2.04.2024 8:15\r\n"
    "Кому: ГУНП в Київській області\r\n"
    "Кому: МВС України\r\n"
    "Копії: Броварська окружна прокуратура   \r\n"
    "\r\n"
    "+++\r\n"
    "0601? 02? 2601? 185? -? 4? -?\r\n"
    "07.50? 02? 04? 2024? 02? 04? 2024?.\r\n"
    "\r\n"
    "Дата і час надходження заяви: 02.04.2024 07:50\r\n"
    "Дані на осіб:\r\n"
    "\t\tЗаявник: Шевченко Ольга Петрівна\r\n"
    "\t\tДата народження: 1961-08-14\r\n"
    "\t\tМісце проживання: м. Бровари, вул. Гагаріна, 3\r\n"
    "\t\tМісце роботи, посада: пенсіонерка\r\n"
    "\r\n"
    "\t\tПідозрюваний:\r\n"
    "\t\tМісце проживання: Не встановлено\r\n"
    "\t\tСудимість: не встановлено (перевіряється\r\n"
    "\t\t\tза обліками)\r\n"
    "Зміст: У період з 01.04.2024 по 02.04.2024 невстановлена особа\r\n"
    "\tшляхом вільного доступу проникла до гаража\r\n"
    "\tта викрала майно.\r\n"
    "Дата і час скоєння: не встановлено\r\n"
    "Місце: м. Бровари, вул. Гагаріна, 3, гараж № 12\r\n"
    "Що викрадено: мотоцикл \"Мінськ\", 1998 р.в.\r\n"
    "Збитки: 25 000 грн\r\n"
    "Об\xE2\x80\x99\xD1\x94кт посягання: власність\r\n"
    "Вжиті заходи: Не встановлено (працює СОГ)\r\n"
    "Порядковий номер реєстрації: 512\r\n"
    "Відомості до ЄРДР: не внесено\r\n"
    "Доповідь до вищої чергової частини: 02.04.2024 08:05\r\n"
    "Черговий, якому доповідалось: капітан поліції Бойко\r\n"
    "+++\r\n"
    "Підготував: Гуменюк В.В.\r\n"
    "\t\tПосада: дільничний офіцер поліції\r\n"
    "Підписний № 12\r\n"
    "Підписав: начальник Лисенко П.П.\r\n"
    "Оперативний черговий: Гнатюк Р.Р.\r\n"
    "Передано: 02.04.2024 08:20\r\n"
    "Передав: Гнатюк Р.Р.\r\n"
    "Автовідповідь: 02.04.2024 08:21\r\n"
    "Автовідповідь прийняв: Литвиненко\r\n";

v1::SpecialReport ExpectedLegacyReport() {
  v1::SpecialReport r;
  r.set_source("Чергова частина Броварського РУП");
  r.set_telegram_number("77");
  *r.mutable_received_for_transmission_at() = Kyiv(2024, 4, 2, 8, 15);
  r.add_addressees("ГУНП в Київській області");
  r.add_addressees("МВС України");
  r.add_copy_addressees("Броварська окружна прокуратура");
  v1::CodingLine* l = r.mutable_coding_line();
  l->set_unit_code("0601");
  l->set_event_type_code("02");
  l->set_catalogue_code("2601");
  l->set_cc_article("185");
  l->set_article_sign("-");
  l->set_article_part("4");
  l->set_article_paragraph("-");
  l->set_received_time("07.50");
  l->set_received_day("02");
  l->set_received_month("04");
  l->set_received_year("2024");
  l->set_summary_day("02");
  l->set_summary_month("04");
  l->set_summary_year("2024");
  *r.mutable_statement_received_at() = Kyiv(2024, 4, 2, 7, 50);
  v1::Person* applicant = r.add_persons();
  applicant->set_role(v1::PERSON_ROLE_APPLICANT);
  applicant->set_full_name("Шевченко Ольга Петрівна");
  applicant->set_birth_date("1961-08-14");
  *applicant->mutable_residence() = Text("м. Бровари, вул. Гагаріна, 3");
  *applicant->mutable_workplace() = Text("пенсіонерка");
  v1::Person* suspect = r.add_persons();
  suspect->set_role(v1::PERSON_ROLE_SUSPECT);
  *suspect->mutable_residence() = NotEstablished();
  *suspect->mutable_criminal_record() = NotEstablished("перевіряється\nза обліками");
  v1::EventContent* c = r.mutable_content();
  *c->mutable_what() = Text(
      "У період з 01.04.2024 по 02.04.2024 невстановлена особа\n"
      "шляхом вільного доступу проникла до гаража\n"
      "та викрала майно.");
  c->set_occurred_at_not_established(true);
  *c->mutable_place() = Text("м. Бровари, вул. Гагаріна, 3, гараж № 12");
  *c->mutable_stolen() = Text("мотоцикл \"Мінськ\", 1998 р.в.");
  *c->mutable_damage() = Text("25 000 грн");
  *c->mutable_object() = Text("власність");
  *r.mutable_measures() = NotEstablished("працює СОГ");
  r.set_registration_number(512);
  r.set_erdr_not_established(true);
  *r.mutable_higher_unit_report()->mutable_reported_at() = Kyiv(2024, 4, 2, 8, 5);
  r.mutable_higher_unit_report()->set_receiving_officer("капітан поліції Бойко");
  r.mutable_prepared_by()->set_full_name("Гуменюк В.В.");
  r.mutable_prepared_by()->set_position("дільничний офіцер поліції");
  r.set_signature_number("12");
  r.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
  r.mutable_signed_by()->mutable_officer()->set_full_name("Лисенко П.П.");
  r.mutable_duty_officer()->set_full_name("Гнатюк Р.Р.");
  *r.mutable_transmission()->mutable_transmitted_at() = Kyiv(2024, 4, 2, 8, 20);
  r.mutable_transmission()->set_transmitted_by("Гнатюк Р.Р.");
  *r.mutable_transmission()->mutable_auto_reply()->mutable_received_at() = Kyiv(2024, 4, 2, 8, 21);
  r.mutable_transmission()->mutable_auto_reply()->set_receiving_officer("Литвиненко");
  return r;
}

TEST(LegacyTextTest, HandWrittenReportIsRecognisedAndParsed) {
  EXPECT_EQ(*DetectKind(kLegacyReport), DocumentKind::kSpecialReport);
  auto parsed = ParseSpecialReport(kLegacyReport);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(Diff(*parsed, ExpectedLegacyReport()), "");
}

TEST(LegacyTextTest, ParsedLegacyReportRendersInCanonicalForm) {
  auto parsed = ParseSpecialReport(kLegacyReport);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  const std::string canonical = RenderSpecialReport(*parsed);
  EXPECT_NE(canonical.find("\nОб'єкт посягання: власність\n"), std::string::npos) << canonical;
  EXPECT_NE(canonical.find("\n0601?02?2601?185?-?4?-?\n07.50?02?04?2024?02?04?2024?\n"),
            std::string::npos)
      << canonical;
  EXPECT_NE(canonical.find("\n        Судимість: не встановлено (перевіряється\n"
                           "            за обліками)\n"),
            std::string::npos)
      << canonical;
  EXPECT_EQ(Diff(*ParseSpecialReport(canonical), *parsed), "");
}

TEST(LegacyTextTest, HandWrittenSupplement) {
  constexpr char kText[] =
      "Звідки: Чергова частина Броварського РУП\n"
      "ТЛГ № 80\n"
      "Кому: ГУНП в Київській області\n"
      "Доповнення до вих. №0601/77 від 02.04.2024,ЄО №  915\n"
      "Зміст доповнення: мотоцикл виявлено та повернуто власниці.\n"
      "ЄРДР: 12024111200000777\n"
      "Дата внесення до ЄРДР: 02.04.2024 10:40\n"
      "Підписав: т.в.о. Ковальчук М.М.\n"
      "    \n"
      "Передано: 02.04.2024 11:00\n";
  EXPECT_EQ(*DetectKind(kText), DocumentKind::kSupplement);
  auto parsed = ParseSupplement(kText);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  v1::Supplement want;
  want.set_source("Чергова частина Броварського РУП");
  want.set_telegram_number("80");
  want.add_addressees("ГУНП в Київській області");
  want.set_original_outgoing_number("0601/77");
  want.set_original_date("2024-04-02");
  want.set_eo_number("915");
  *want.mutable_content() = Text("мотоцикл виявлено та повернуто власниці.");
  want.mutable_erdr()->set_proceedings_number("12024111200000777");
  *want.mutable_erdr()->mutable_entered_at() = Kyiv(2024, 4, 2, 10, 40);
  want.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_ACTING);
  want.mutable_signed_by()->mutable_officer()->set_full_name("Ковальчук М.М.");
  *want.mutable_transmission()->mutable_transmitted_at() = Kyiv(2024, 4, 2, 11, 0);
  EXPECT_EQ(Diff(*parsed, want), "");
}

// §2.6: a hand-written 1-hour supplement names its trigger the way a special
// report does; §2.2: "Триваюча подія: ні" closes an ongoing event.
TEST(LegacyTextTest, HandWrittenSupplementWithOneHourTrigger) {
  constexpr char kText[] =
      "Підстава повідомлення протягом години:  закриття кримінального провадження\r\n"
      "Звідки: Чергова частина Броварського РУП\r\n"
      "Доповнення до вих. № 0601/77 від 02.04.2024, ЄО № 915\r\n"
      "Підстава рішення: п. 2 ч. 1 ст. 284 КПК України\r\n";
  EXPECT_EQ(*DetectKind(kText), DocumentKind::kSupplement);
  auto parsed = ParseSupplement(kText);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  v1::Supplement want;
  want.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_CLOSED);
  want.set_source("Чергова частина Броварського РУП");
  want.set_original_outgoing_number("0601/77");
  want.set_original_date("2024-04-02");
  want.set_eo_number("915");
  want.add_decision_grounds("п. 2 ч. 1 ст. 284 КПК України");
  EXPECT_EQ(Diff(*parsed, want), "");

  auto detained = ParseSupplement(
      "ДОПОВНЕННЯ\n"
      "Триваюча подія: ні\n"
      "Підстава повідомлення протягом години: встановлення та затримання особи, якій "
      "вручено повідомлення про підозру\n");
  ASSERT_TRUE(detained.ok()) << detained.status();
  EXPECT_EQ(detained->one_hour_trigger(), v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  EXPECT_FALSE(detained->ongoing());

  auto ongoing = ParseSupplement("ДОПОВНЕННЯ\nТриваюча подія: так\n");
  ASSERT_TRUE(ongoing.ok()) << ongoing.status();
  EXPECT_TRUE(ongoing->ongoing());
  EXPECT_EQ(RenderSupplement(*ongoing), "ДОПОВНЕННЯ\nТриваюча подія: так\n");

  // An unknown trigger is named by line and label; a trigger after "Звідки:"
  // is out of order, as in the special report.
  auto unknown = ParseSupplement("ДОПОВНЕННЯ\nПідстава повідомлення протягом години: бо так\n");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("line 2: Підстава повідомлення протягом години"),
            absl::string_view::npos)
      << unknown.status();
  auto late = ParseSupplement(
      "ДОПОВНЕННЯ\nЗвідки: x\n"
      "Підстава повідомлення протягом години: закриття кримінального провадження\n");
  ASSERT_FALSE(late.ok());
  EXPECT_NE(late.status().message().find("line 3: Підстава повідомлення протягом години"),
            absl::string_view::npos)
      << late.status();
}

TEST(LegacyTextTest, DetectKindByTitle) {
  EXPECT_EQ(*DetectKind("\xEF\xBB\xBF\n СПЕЦПОВІДОМЛЕННЯ\nДжерело: x\n"),
            DocumentKind::kSpecialReport);
  EXPECT_EQ(*DetectKind("\xEF\xBB\xBFСПЕЦПОВІДОМЛЕННЯ\n"), DocumentKind::kSpecialReport);
  auto with_bom = ParseSpecialReport("\xEF\xBB\xBFСПЕЦПОВІДОМЛЕННЯ\nКод ОВС: 1\n+++\n+++\n");
  ASSERT_TRUE(with_bom.ok()) << with_bom.status();
  EXPECT_EQ(with_bom->unit_code(), "1");
  EXPECT_EQ(*DetectKind("ДОПОВНЕННЯ\r\nЗвідки: x\r\n"), DocumentKind::kSupplement);
  // A supplement reference wins over a stray marker.
  EXPECT_EQ(*DetectKind("Звідки: x\n+++\nДоповнення до вих. № 1 від 01.01.2024, ЄО № 2\n"),
            DocumentKind::kSupplement);
}

}  // namespace
}  // namespace opsreport::telegram
