// Render→Parse reproduces the message exactly (MessageDifferencer), and the
// rendered text has the §9.1 / §9.3 shape.

#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "fixtures.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::telegram {
namespace {

using testing::Diff;
using ::testing::HasSubstr;
using testing::Kyiv;
using testing::NotEstablished;
using testing::Text;
namespace pb = google::protobuf;

v1::SpecialReport ReportRoundTrip(const v1::SpecialReport& r) {
  const std::string text = RenderSpecialReport(r);
  auto parsed = ParseSpecialReport(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
  return parsed.ok() ? *parsed : v1::SpecialReport();
}

v1::Supplement SupplementRoundTrip(const v1::Supplement& s) {
  const std::string text = RenderSupplement(s);
  auto parsed = ParseSupplement(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
  return parsed.ok() ? *parsed : v1::Supplement();
}

std::vector<std::string> Lines(const std::string& text) { return absl::StrSplit(text, '\n'); }

TEST(RoundTripTest, FullMurderReport) {
  const v1::SpecialReport r = testing::MurderReport();
  EXPECT_EQ(Diff(ReportRoundTrip(r), r), "");
}

TEST(RoundTripTest, MurderReportHasTheFormShape) {
  const std::string text = RenderSpecialReport(testing::MurderReport());
  std::vector<std::string> lines = Lines(text);
  EXPECT_EQ(lines.front(), "СПЕЦПОВІДОМЛЕННЯ");
  // §9.1 order: source, ТЛГ, addressees, +++, coding line, statement time, ... +++, signatures.
  auto at = [&](std::string_view prefix) {
    for (size_t i = 0; i < lines.size(); ++i) {
      if (absl::StartsWith(lines[i], std::string(prefix))) return static_cast<int>(i);
    }
    ADD_FAILURE() << "no line starts with " << prefix;
    return -1;
  };
  const int first_marker = at("+++");
  EXPECT_LT(at("Джерело: "), at("ТЛГ № 143"));
  EXPECT_LT(at("ТЛГ № 143"), at("Кому: "));
  EXPECT_LT(at("Копії: "), first_marker);
  EXPECT_EQ(lines[first_marker + 1], "0512?01?0101?115?-?2?1?");
  EXPECT_EQ(lines[first_marker + 2], "23.40?14?03?2024?15?03?2024?");
  EXPECT_EQ(lines[first_marker + 3], "Дата і час надходження заяви: 14.03.2024 23:40:17");
  EXPECT_LT(at("Дані на осіб:"), at("Зміст: "));
  EXPECT_LT(at("Зміст: "), at("Вжиті заходи: "));
  EXPECT_LT(at("Порядковий номер реєстрації: 2711"), at("ЄРДР: 12024111100000321"));
  EXPECT_LT(at("ЄРДР: "), at("Доповідь до вищої чергової частини: 14.03.2024 23:55"));
  const int second_marker = at("Підготував: ") - 1;
  EXPECT_EQ(lines[second_marker], "+++");
  EXPECT_LT(at("Підготував: "), at("Підписний № 57"));
  EXPECT_LT(at("Підписний № 57"), at("Підписав: т.в.о. Гончаренко Андрій Васильович"));
  EXPECT_LT(at("Підписав: "), at("Оперативний черговий: Дмитренко Сергій Олегович"));
  EXPECT_LT(at("Оперативний черговий: "), at("Передано: 15.03.2024 01:10"));
  EXPECT_LT(at("Передано: "), at("Автовідповідь: 15.03.2024 01:11:30"));
  // §9.2: participants are moved two indents (8 spaces) from the start of the line.
  EXPECT_THAT(text, HasSubstr("\n        Загиблий: Коваленко Петро Васильович\n"));
  EXPECT_THAT(text,
              HasSubstr("\n        Стан сп'яніння: не встановлено (очікується висновок СМЕ)\n"));
  EXPECT_THAT(text, HasSubstr("\n        Невпізнаний труп:\n        Приблизний вік: 40\n"));
  // Multi-line values continue on lines indented by 4 (12 inside a block);
  // a blank line inside a value stays blank.
  EXPECT_THAT(text, HasSubstr("грудної клітки;\n            рана шиї\n"));
  EXPECT_THAT(text, HasSubstr("насильницької смерті.\n\n    Під час огляду"));
  EXPECT_THAT(text, HasSubstr("\nДата і час скоєння: 14.03.2024 22:30 (точно не встановлено)\n"));
  EXPECT_THAT(text, HasSubstr("\nЗбитки: не встановлено\n"));
  EXPECT_THAT(text,
              HasSubstr("\nДодаткові відомості:\n        group: не встановлено (з'ясовується)\n"
                        "        traces:\n        victims.count: 2\n"));
}

TEST(RoundTripTest, RenderingIsStable) {
  const std::string once = RenderSpecialReport(testing::MurderReport());
  EXPECT_EQ(RenderSpecialReport(*ParseSpecialReport(once)), once);
  const std::string supplement = RenderSupplement(testing::RequalificationSupplement());
  EXPECT_EQ(RenderSupplement(*ParseSupplement(supplement)), supplement);
}

TEST(RoundTripTest, EmptyReportIsTitleAndMarkers) {
  EXPECT_EQ(RenderSpecialReport(v1::SpecialReport()), "СПЕЦПОВІДОМЛЕННЯ\n+++\n+++\n");
  EXPECT_EQ(Diff(ReportRoundTrip(v1::SpecialReport()), v1::SpecialReport()), "");
}

TEST(RoundTripTest, MinimalReport) {
  v1::SpecialReport r;
  r.set_unit_code("0512");
  r.set_source("Чергова частина");
  r.set_telegram_number("1");
  r.add_addressees("ГУНП в Київській області");
  *r.mutable_coding_line() = testing::MurderCodingLine();
  *r.mutable_statement_received_at() = Kyiv(2024, 1, 1, 0, 0);
  *r.mutable_content()->mutable_what() = Text("Крадіжка.");
  EXPECT_EQ(RenderSpecialReport(r),
            "СПЕЦПОВІДОМЛЕННЯ\n"
            "Код ОВС: 0512\n"
            "Джерело: Чергова частина\n"
            "ТЛГ № 1\n"
            "Кому: ГУНП в Київській області\n"
            "+++\n"
            "0512?01?0101?115?-?2?1?\n"
            "23.40?14?03?2024?15?03?2024?\n"
            "Дата і час надходження заяви: 01.01.2024 00:00\n"
            "Зміст: Крадіжка.\n"
            "+++\n");
  EXPECT_EQ(Diff(ReportRoundTrip(r), r), "");
}

TEST(RoundTripTest, RequalificationSupplement) {
  const v1::Supplement s = testing::RequalificationSupplement();
  EXPECT_EQ(Diff(SupplementRoundTrip(s), s), "");
  const std::string text = RenderSupplement(s);
  EXPECT_TRUE(absl::StartsWith(text, "ДОПОВНЕННЯ\n")) << text;
  EXPECT_THAT(text, HasSubstr("\nДоповнення до вих. № 0512/143 від 15.03.2024, ЄО № 4417\n"));
  EXPECT_THAT(text, HasSubstr("\nПерекваліфікація: так\nНовий рядок кодування:\n"
                              "    0512?01?0101?115?-?1?-?\n    23.40?14?03?2024?15?03?2024?\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("+++")));
}

TEST(RoundTripTest, EmptySupplementIsTitleOnly) {
  EXPECT_EQ(RenderSupplement(v1::Supplement()), "ДОПОВНЕННЯ\n");
  EXPECT_EQ(Diff(SupplementRoundTrip(v1::Supplement()), v1::Supplement()), "");
}

TEST(RoundTripTest, OriginalReferenceWithMissingParts) {
  v1::Supplement s;
  s.set_original_outgoing_number("0512/143");
  EXPECT_EQ(Diff(SupplementRoundTrip(s), s), "");
  v1::Supplement only_eo;
  only_eo.set_eo_number("4417");
  EXPECT_EQ(Diff(SupplementRoundTrip(only_eo), only_eo), "");
  v1::Supplement date_only;
  date_only.set_original_date("2024-02-29");
  EXPECT_EQ(Diff(SupplementRoundTrip(date_only), date_only), "");
}

// Sub-messages that are present but empty keep their presence.
TEST(RoundTripTest, EmptyButPresentMessagesKeepPresence) {
  v1::SpecialReport r;
  r.mutable_content();
  r.mutable_erdr();
  r.mutable_higher_unit_report();
  r.mutable_prepared_by();
  r.mutable_signed_by()->mutable_officer();
  r.mutable_duty_officer();
  r.mutable_transmission()->mutable_auto_reply();
  r.mutable_measures();            // silent Fact
  r.mutable_control_start_note();  // silent Fact
  r.add_persons();
  r.add_detained_or_wanted()->set_role(v1::PERSON_ROLE_WANTED);
  EXPECT_EQ(Diff(ReportRoundTrip(r), r), "");

  v1::SpecialReport signature_without_officer;
  signature_without_officer.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
  signature_without_officer.mutable_transmission();
  EXPECT_EQ(Diff(ReportRoundTrip(signature_without_officer), signature_without_officer), "");

  v1::Supplement s;
  s.mutable_erdr();
  s.mutable_signed_by();
  s.mutable_transmission();
  s.mutable_content();
  EXPECT_EQ(Diff(SupplementRoundTrip(s), s), "");
}

TEST(RoundTripTest, FactForms) {
  v1::SpecialReport r;
  *r.mutable_measures() = Text("заходи");
  *r.mutable_motives() = NotEstablished();
  *r.mutable_seized_items() = NotEstablished("встановлюється (після огляду)");
  r.mutable_investigative_actions();  // silent
  const std::string text = RenderSpecialReport(r);
  EXPECT_THAT(text, HasSubstr("\nВжиті заходи: заходи\n"));
  EXPECT_THAT(text, HasSubstr("\nМотиви: не встановлено\n"));
  EXPECT_THAT(text, HasSubstr("\nВилучено: не встановлено (встановлюється (після огляду))\n"));
  EXPECT_THAT(text, HasSubstr("\nСлідчі (розшукові) дії:\n"));
  v1::SpecialReport back = ReportRoundTrip(r);
  EXPECT_EQ(Diff(back, r), "");
  EXPECT_EQ(back.investigative_actions().value_case(), v1::Fact::VALUE_NOT_SET);
  EXPECT_TRUE(back.has_investigative_actions());
}

TEST(RoundTripTest, MultiLineValuesEverywhere) {
  v1::SpecialReport r;
  *r.mutable_content()->mutable_what() =
      Text("перший рядок\n    з відступом\n\n\nпісля двох порожніх\n+++\nЗміст: не мітка");
  r.set_source("Джерело\nу два рядки");
  r.add_addressees("Адресат\n  з відступом");
  v1::Person* p = r.add_persons();
  p->set_role(v1::PERSON_ROLE_WITNESS);
  *p->mutable_relations() = Text("сусід\n\nзнайомий з потерпілим\n        Потерпілий: не мітка");
  (*r.mutable_details())["fire.area"] = Text("200 м2\nу тому числі дах");
  *r.mutable_seized_items() = NotEstablished("рядок 1\nрядок 2");
  r.mutable_erdr()->set_preliminary_qualification("рядок 1\nрядок 2");
  EXPECT_EQ(Diff(ReportRoundTrip(r), r), "");
}

TEST(RoundTripTest, OccurredAtForms) {
  v1::SpecialReport only_flag;
  only_flag.mutable_content()->set_occurred_at_not_established(true);
  EXPECT_THAT(RenderSpecialReport(only_flag), HasSubstr("\nДата і час скоєння: не встановлено\n"));
  EXPECT_EQ(Diff(ReportRoundTrip(only_flag), only_flag), "");
  v1::SpecialReport only_time;
  *only_time.mutable_content()->mutable_occurred_at() = Kyiv(2024, 10, 27, 3, 30);
  EXPECT_EQ(Diff(ReportRoundTrip(only_time), only_time), "");
}

TEST(RoundTripTest, SubSecondPartsAreDropped) {
  v1::SpecialReport r;
  *r.mutable_statement_received_at() = Kyiv(2024, 3, 14, 23, 40, 17);
  r.mutable_statement_received_at()->set_nanos(500'000'000);
  v1::SpecialReport back = ReportRoundTrip(r);
  EXPECT_EQ(back.statement_received_at().seconds(), r.statement_received_at().seconds());
  EXPECT_EQ(back.statement_received_at().nanos(), 0);
}

// What the text form cannot carry, as documented in telegram.h.
TEST(RoundTripTest, DocumentedLimits) {
  v1::SpecialReport r;
  *r.mutable_measures() = Text("");  // empty text reads back silent
  *r.mutable_motives() = Text("не встановлено");
  r.set_source("  з пробілами  \nі в кінці рядка   \n");
  v1::SpecialReport back = ReportRoundTrip(r);
  EXPECT_TRUE(back.has_measures());
  EXPECT_EQ(back.measures().value_case(), v1::Fact::VALUE_NOT_SET);
  EXPECT_TRUE(back.motives().has_not_established());
  EXPECT_EQ(back.source(), "з пробілами\nі в кінці рядка");

  v1::SpecialReport partial;
  partial.mutable_coding_line()->set_unit_code("0512");  // §9.1.5: no empty fields
  EXPECT_FALSE(ParseSpecialReport(RenderSpecialReport(partial)).ok());
}

// --- Every field of both messages, set by reflection, so a field added to
// the proto without a place in the text form fails here. ---

void Fill(pb::Message& msg, int variant);

void FillFact(v1::Fact& fact, const std::string& name, int variant) {
  if (variant == 0) {
    fact.set_text("факт " + name);
  } else {
    fact.mutable_not_established()->set_note("примітка " + name);
  }
}

void SetString(pb::Message& msg, const pb::FieldDescriptor* f, int index) {
  const pb::Reflection* r = msg.GetReflection();
  std::string value = "значення " + f->name() + " " + std::to_string(index);
  if (f->name() == "original_date") value = "2024-03-15";
  if (f->is_repeated()) {
    r->AddString(&msg, f, value);
  } else {
    r->SetString(&msg, f, value);
  }
}

void FillField(pb::Message& msg, const pb::FieldDescriptor* f, int variant) {
  const pb::Reflection* r = msg.GetReflection();
  const int count = f->is_repeated() ? 2 : 1;
  for (int i = 0; i < count; ++i) {
    switch (f->cpp_type()) {
      case pb::FieldDescriptor::CPPTYPE_STRING:
        SetString(msg, f, i);
        break;
      case pb::FieldDescriptor::CPPTYPE_INT64:
        r->SetInt64(&msg, f, 2711);
        break;
      case pb::FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(&msg, f, 42);
        break;
      case pb::FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(&msg, f, true);
        break;
      case pb::FieldDescriptor::CPPTYPE_ENUM: {
        const pb::EnumDescriptor* e = f->enum_type();
        r->SetEnumValue(&msg, f, e->value(e->value_count() - 1 - variant)->number());
        break;
      }
      case pb::FieldDescriptor::CPPTYPE_MESSAGE: {
        if (f->is_map()) {
          pb::Message* entry = r->AddMessage(&msg, f);
          const pb::Descriptor* d = entry->GetDescriptor();
          entry->GetReflection()->SetString(entry, d->FindFieldByName("key"),
                                            "key." + std::to_string(i));
          Fill(*entry->GetReflection()->MutableMessage(entry, d->FindFieldByName("value")),
               variant);
          break;
        }
        pb::Message* child = f->is_repeated() ? r->AddMessage(&msg, f) : r->MutableMessage(&msg, f);
        if (auto* ts = dynamic_cast<pb::Timestamp*>(child)) {
          *ts = Kyiv(2024, 3, 15, 10, 20, variant == 0 ? 30 : 0);
        } else if (auto* fact = dynamic_cast<v1::Fact*>(child)) {
          FillFact(*fact, f->name(), variant);
        } else {
          Fill(*child, variant);
        }
        break;
      }
      default:
        FAIL() << "field type not covered: " << f->full_name();
    }
  }
}

void Fill(pb::Message& msg, int variant) {
  if (auto* fact = dynamic_cast<v1::Fact*>(&msg)) {
    FillFact(*fact, "map", variant);
    return;
  }
  const pb::Descriptor* d = msg.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) FillField(msg, d->field(i), variant);
}

TEST(RoundTripTest, EveryReportFieldIsCarried) {
  for (int variant : {0, 1}) {
    v1::SpecialReport r;
    Fill(r, variant);
    EXPECT_EQ(Diff(ReportRoundTrip(r), r), "") << RenderSpecialReport(r);
  }
}

TEST(RoundTripTest, EverySupplementFieldIsCarried) {
  for (int variant : {0, 1}) {
    v1::Supplement s;
    Fill(s, variant);
    EXPECT_EQ(Diff(SupplementRoundTrip(s), s), "") << RenderSupplement(s);
  }
}

}  // namespace
}  // namespace opsreport::telegram
