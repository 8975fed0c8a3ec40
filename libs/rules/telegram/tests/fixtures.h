#pragma once
// Sample documents for the telegram tests.

#include <string>

#include "absl/time/civil_time.h"
#include "google/protobuf/util/message_differencer.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/telegram/kyiv_time.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::telegram::testing {

inline google::protobuf::Timestamp Kyiv(int y, int mo, int d, int h, int mi, int s = 0) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), calendar::KyivZone())));
  return ts;
}

inline v1::Fact Text(const std::string& text) {
  v1::Fact f;
  f.set_text(text);
  return f;
}

inline v1::Fact NotEstablished(const std::string& note = "") {
  v1::Fact f;
  f.mutable_not_established()->set_note(note);
  return f;
}

inline v1::CodingLine MurderCodingLine() {
  v1::CodingLine l;
  l.set_unit_code("0512");
  l.set_event_type_code("01");
  l.set_catalogue_code("0101");
  l.set_cc_article("115");
  l.set_article_sign("-");
  l.set_article_part("2");
  l.set_article_paragraph("1");
  l.set_received_time("23.40");
  l.set_received_day("14");
  l.set_received_month("03");
  l.set_received_year("2024");
  l.set_summary_day("15");
  l.set_summary_month("03");
  l.set_summary_year("2024");
  return l;
}

// A murder of two with a detained suspect: persons, ЄРДР, details, multi-line
// content and facts not established.
inline v1::SpecialReport MurderReport() {
  v1::SpecialReport r;
  r.set_unit_code("0512");
  r.set_event_kind(v1::EVENT_KIND_CRIME);
  r.set_catalogue_number("1.1");
  r.set_outgoing_number("0512/143");
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  r.set_source("Чергова частина Бориспільського РУП ГУНП в Київській області");
  r.set_telegram_number("143");
  *r.mutable_received_for_transmission_at() = Kyiv(2024, 3, 15, 1, 5);
  r.add_addressees("ГУНП в Київській області, черговій частині");
  r.add_addressees("МВС України, Головний штаб");
  r.add_copy_addressees("Бориспільська окружна прокуратура");
  *r.mutable_coding_line() = MurderCodingLine();
  *r.mutable_statement_received_at() = Kyiv(2024, 3, 14, 23, 40, 17);
  *r.mutable_control_start_note() = Text("Подію взято на контроль з моменту надходження заяви.");

  v1::Person* applicant = r.add_persons();
  applicant->set_role(v1::PERSON_ROLE_APPLICANT);
  applicant->set_full_name("Коваленко Марія Іванівна");
  applicant->set_birth_date("1975-03-02");
  *applicant->mutable_residence() = Text("м. Бориспіль, вул. Київський Шлях, 12, кв. 5");
  *applicant->mutable_workplace() = Text("не працює");
  *applicant->mutable_relations() = Text("дружина загиблого");
  v1::Person* deceased = r.add_persons();
  deceased->set_role(v1::PERSON_ROLE_DECEASED);
  deceased->set_full_name("Коваленко Петро Васильович");
  deceased->set_birth_date("1972-11-20");
  *deceased->mutable_residence() = Text("м. Бориспіль, вул. Київський Шлях, 12, кв. 5");
  *deceased->mutable_workplace() = Text("ТОВ \"Агросвіт\", водій");
  *deceased->mutable_injuries() = Text("численні колото-різані рани грудної клітки;\nрана шиї");
  *deceased->mutable_criminal_record() = Text("не судимий");
  *deceased->mutable_intoxication() = NotEstablished("очікується висновок СМЕ");
  v1::Person* body = r.add_persons();
  body->set_role(v1::PERSON_ROLE_UNIDENTIFIED_BODY);
  body->set_approximate_age(40);
  *body->mutable_residence() = NotEstablished();
  *body->mutable_injuries() = Text("вогнепальне поранення голови");

  v1::EventContent* c = r.mutable_content();
  *c->mutable_what() = Text(
      "14.03.2024 о 23:40 до чергової частини надійшло повідомлення Коваленко М.І.\n"
      "про те, що за місцем проживання виявлено труп її чоловіка з ознаками\n"
      "насильницької смерті.\n"
      "\n"
      "Під час огляду прилеглої території виявлено труп невідомого чоловіка.");
  *c->mutable_occurred_at() = Kyiv(2024, 3, 14, 22, 30);
  c->set_occurred_at_not_established(true);
  *c->mutable_place() = Text("м. Бориспіль, вул. Київський Шлях, 12, кв. 5");
  *c->mutable_stolen() = NotEstablished("встановлюється");
  *c->mutable_consequences() = Text("смерть двох осіб");
  *c->mutable_damage() = NotEstablished();
  *c->mutable_object() = Text("життя особи");
  *r.mutable_measures() = Text(
      "На місце події виїзджала СОГ. Введено план \"Перехоплення\".\n"
      "Затримано підозрюваного.");
  v1::Person* suspect = r.add_detained_or_wanted();
  suspect->set_role(v1::PERSON_ROLE_DETAINED);
  suspect->set_full_name("Мельник Олег Миколайович");
  suspect->set_birth_date("1990");
  suspect->set_citizenship("Україна");
  *suspect->mutable_residence() = Text("с. Гора Бориспільського району");
  *suspect->mutable_criminal_record() = Text("раніше судимий за ст. 185 КК України");
  *suspect->mutable_intoxication() = Text("алкогольного сп'яніння");
  *r.mutable_motives() = Text("особисті неприязні стосунки");
  *r.mutable_seized_items() = Text("ніж кухонний зі слідами речовини бурого кольору");
  *r.mutable_investigative_actions() = Text("огляд місця події; допит свідків; призначено СМЕ");
  r.add_decision_grounds("ст. 208 КПК України (затримання без ухвали слідчого судді)");
  (*r.mutable_details())["weapon.kind"] = Text("ніж");
  (*r.mutable_details())["victims.count"] = Text("2");
  (*r.mutable_details())["group"] = NotEstablished("з'ясовується");
  (*r.mutable_details())["traces"] = v1::Fact();  // silent
  r.set_registration_number(2711);
  v1::ErdrData* e = r.mutable_erdr();
  e->set_proceedings_number("12024111100000321");
  *e->mutable_entered_at() = Kyiv(2024, 3, 15, 0, 20);
  e->set_cc_article("115");
  e->set_article_part("2");
  e->set_article_paragraph("1");
  e->set_preliminary_qualification("умисне вбивство двох осіб (п. 1 ч. 2 ст. 115 КК України)");
  *r.mutable_higher_unit_report()->mutable_reported_at() = Kyiv(2024, 3, 14, 23, 55);
  r.mutable_higher_unit_report()->set_receiving_officer("майор поліції Сидоренко О.П.");

  r.mutable_prepared_by()->set_full_name("Петренко Іван Іванович");
  r.mutable_prepared_by()->set_position("слідчий СВ Бориспільського РУП");
  r.mutable_prepared_by()->set_rank("капітан поліції");
  r.set_signature_number("57");
  v1::Signature* sig = r.mutable_signed_by();
  sig->set_capacity(v1::SIGNER_CAPACITY_ACTING);
  sig->mutable_officer()->set_full_name("Гончаренко Андрій Васильович");
  sig->mutable_officer()->set_position("заступник начальника Бориспільського РУП");
  sig->mutable_officer()->set_rank("підполковник поліції");
  *sig->mutable_signed_at() = Kyiv(2024, 3, 15, 0, 58);
  r.mutable_duty_officer()->set_full_name("Дмитренко Сергій Олегович");
  r.mutable_duty_officer()->set_rank("майор поліції");
  v1::Transmission* t = r.mutable_transmission();
  *t->mutable_transmitted_at() = Kyiv(2024, 3, 15, 1, 10);
  t->set_transmitted_by("Дмитренко С.О.");
  *t->mutable_auto_reply()->mutable_received_at() = Kyiv(2024, 3, 15, 1, 11, 30);
  t->mutable_auto_reply()->set_receiving_officer("Литвиненко К.М.");
  return r;
}

// A requalification supplement to MurderReport.
inline v1::Supplement RequalificationSupplement() {
  v1::Supplement s;
  s.set_unit_code("0512");
  s.set_outgoing_number("0512/150");
  s.set_registration_number(2730);
  s.set_original_report_id("rep-0512-2024-2711");
  s.set_source("Чергова частина Бориспільського РУП ГУНП в Київській області");
  s.set_telegram_number("150");
  *s.mutable_received_for_transmission_at() = Kyiv(2024, 3, 16, 9, 0);
  s.add_addressees("ГУНП в Київській області, черговій частині");
  s.add_addressees("МВС України, Головний штаб");
  s.set_original_outgoing_number("0512/143");
  s.set_original_date("2024-03-15");
  s.set_eo_number("4417");
  *s.mutable_content() = Text(
      "Встановлено, що смерть невідомого чоловіка настала внаслідок самогубства.\n"
      "Кваліфікацію змінено на ч. 1 ст. 115 КК України.");
  *s.mutable_newly_established() =
      Text("невідомого встановлено: Бондар Віктор Петрович, 1983 р.н.");
  *s.mutable_instruments_seized() = Text("ніж вилучено; вогнепальну зброю не виявлено");
  v1::ErdrData* e = s.mutable_erdr();
  e->set_proceedings_number("12024111100000321");
  *e->mutable_entered_at() = Kyiv(2024, 3, 15, 0, 20);
  e->set_cc_article("115");
  e->set_article_part("1");
  e->set_preliminary_qualification("умисне вбивство");
  s.set_requalification(true);
  v1::CodingLine* l = s.mutable_new_coding_line();
  *l = MurderCodingLine();
  l->set_article_part("1");
  l->set_article_paragraph("-");
  *s.mutable_requalification_explanation() =
      Text("Пояснення начальника СВ Бориспільського РУП Кравченка В.В. додається.");
  s.add_decision_grounds("ст. 214 КПК України");
  s.add_decision_grounds("ч. 1 ст. 115 КК України");
  s.mutable_prepared_by()->set_full_name("Петренко Іван Іванович");
  s.set_signature_number("61");
  s.mutable_signed_by()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
  s.mutable_signed_by()->mutable_officer()->set_full_name("Ткаченко Олександр Миколайович");
  *s.mutable_signed_by()->mutable_signed_at() = Kyiv(2024, 3, 16, 8, 45);
  s.mutable_duty_officer()->set_full_name("Дмитренко Сергій Олегович");
  *s.mutable_transmission()->mutable_transmitted_at() = Kyiv(2024, 3, 16, 9, 5);
  s.mutable_transmission()->set_transmitted_by("Дмитренко С.О.");
  return s;
}

// Empty string when equal, else the differences.
inline std::string Diff(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  std::string report;
  google::protobuf::util::MessageDifferencer d;
  d.ReportDifferencesToString(&report);
  return d.Compare(a, b) ? "" : report;
}

}  // namespace opsreport::telegram::testing
