// The special report form, in the field order of 002 §9.1. Fields the
// instruction's form does not list (unit, kind, catalogue item, outgoing
// number, the hourly/one-hour flags) head the text, before §9.1.1.

#include "forms.h"
#include "opsreport/coding_line/coding_line.h"
#include "opsreport/telegram/telegram.h"
#include "slots.h"

namespace opsreport::telegram {
namespace internal {
namespace {

using v1::SpecialReport;
using Msg = SpecialReport;

constexpr char kOccurredNotEstablishedSuffix[] = " (точно не встановлено)";

bool ContentHasOtherLines(const v1::EventContent& c) {
  return c.has_what() || c.has_place() || c.has_stolen() || c.has_consequences() ||
         c.has_damage() || c.has_object();
}

// "Дата і час скоєння:" — a time, "не встановлено", or an approximate time
// marked "(точно не встановлено)"; the anchor of `content`.
Slot<Msg> OccurredSlot() {
  Slot<Msg> s;
  s.label = "Дата і час скоєння:";
  s.render = [label = s.label](const Msg& m, std::vector<Entry>& out) {
    if (!m.has_content()) return;
    const v1::EventContent& c = m.content();
    std::string value = c.has_occurred_at() ? FormatKyiv(c.occurred_at()) : "";
    if (c.occurred_at_not_established()) {
      value = value.empty() ? std::string(kNotEstablished)
                            : absl::StrCat(value, kOccurredNotEstablishedSuffix);
    }
    if (!value.empty() || !ContentHasOtherLines(c)) out.push_back(LabelEntry(label, value));
  };
  s.parse = [label = s.label](const Entry& e, Msg& m, Problems& p) {
    v1::EventContent* c = m.mutable_content();
    std::string_view v = e.value;
    if (v == kNotEstablished) {
      c->set_occurred_at_not_established(true);
      return;
    }
    const std::string_view suffix = kOccurredNotEstablishedSuffix;
    if (v.size() > suffix.size() && v.substr(v.size() - suffix.size()) == suffix) {
      c->set_occurred_at_not_established(true);
      v.remove_suffix(suffix.size());
    }
    if (v.empty()) return;
    auto ts = ParseKyiv(v);
    if (!ts.ok()) {
      p.Add(e.line, DisplayLabel(label),
            absl::StrCat(std::string(ts.status().message()), " (or 'не встановлено')"));
      return;
    }
    *c->mutable_occurred_at() = *ts;
  };
  return s;
}

Slot<Msg> CodingLineSlot() {
  Slot<Msg> s;
  s.kind = EntryKind::kCodingLine;
  s.render = [](const Msg& m, std::vector<Entry>& out) {
    if (!m.has_coding_line()) return;
    Entry e;
    e.kind = EntryKind::kCodingLine;
    e.value = coding_line::Render(m.coding_line());
    out.push_back(std::move(e));
  };
  s.parse = [](const Entry& e, Msg& m, Problems& p) {
    ReadCodingLine(e.value, e.value_lines, e.line, "coding_line", m.mutable_coding_line(), p);
  };
  return s;
}

template <typename Get, typename Mut>
Slot<Msg> Fact(const char* label, Get get, Mut mut) {
  return FactSlot<Msg>(label, get, mut);
}

// Content lines of §9.1.8.
void AddContent(Form<Msg>& f) {
  f.push_back(Fact(
      "Зміст:", [](const Msg& m) { return m.content().has_what() ? &m.content().what() : nullptr; },
      [](Msg& m) { return m.mutable_content()->mutable_what(); }));
  f.push_back(OccurredSlot());
  f.push_back(Fact(
      "Місце:",
      [](const Msg& m) { return m.content().has_place() ? &m.content().place() : nullptr; },
      [](Msg& m) { return m.mutable_content()->mutable_place(); }));
  f.push_back(Fact(
      "Що викрадено:",
      [](const Msg& m) { return m.content().has_stolen() ? &m.content().stolen() : nullptr; },
      [](Msg& m) { return m.mutable_content()->mutable_stolen(); }));
  f.push_back(Fact(
      "Наслідки:",
      [](const Msg& m) {
        return m.content().has_consequences() ? &m.content().consequences() : nullptr;
      },
      [](Msg& m) { return m.mutable_content()->mutable_consequences(); }));
  f.push_back(Fact(
      "Збитки:",
      [](const Msg& m) { return m.content().has_damage() ? &m.content().damage() : nullptr; },
      [](Msg& m) { return m.mutable_content()->mutable_damage(); }));
  f.push_back(Fact(
      "Об'єкт посягання:",
      [](const Msg& m) { return m.content().has_object() ? &m.content().object() : nullptr; },
      [](Msg& m) { return m.mutable_content()->mutable_object(); }));
}

Form<Msg> BuildForm() {
  Form<Msg> f;
  f.push_back(TextSlot<Msg>(
      "Код ОВС:", [](const Msg& m) -> const std::string& { return m.unit_code(); },
      [](Msg& m) { return m.mutable_unit_code(); }));
  f.push_back(EnumSlot<Msg>(
      "Вид події:", EventKindNames(), [](const Msg& m) { return static_cast<int>(m.event_kind()); },
      [](Msg& m, int v) { m.set_event_kind(static_cast<v1::EventKind>(v)); }));
  f.push_back(TextSlot<Msg>(
      "Пункт Переліку:", [](const Msg& m) -> const std::string& { return m.catalogue_number(); },
      [](Msg& m) { return m.mutable_catalogue_number(); }));
  f.push_back(TextSlot<Msg>(
      "Вих. №", [](const Msg& m) -> const std::string& { return m.outgoing_number(); },
      [](Msg& m) { return m.mutable_outgoing_number(); }));
  f.push_back(FlagSlot<Msg>(
      "Триваюча подія:", [](const Msg& m) { return m.ongoing(); },
      [](Msg& m, bool v) { m.set_ongoing(v); }));
  f.push_back(EnumSlot<Msg>(
      "Підстава повідомлення протягом години:", OneHourTriggerNames(),
      [](const Msg& m) { return static_cast<int>(m.one_hour_trigger()); },
      [](Msg& m, int v) { m.set_one_hour_trigger(static_cast<v1::OneHourTrigger>(v)); }));

  AddTelegramHeader(f, "Джерело:");  // §9.1.1–9.1.3
  f.push_back(MarkerSlot<Msg>());    // §9.1.4
  f.push_back(CodingLineSlot());     // §9.1.5
  f.push_back(TimestampSlot<Msg>(    // §9.1.6
      "Дата і час надходження заяви:",
      [](const Msg& m) {
        return m.has_statement_received_at() ? &m.statement_received_at() : nullptr;
      },
      [](Msg& m) { return m.mutable_statement_received_at(); }));
  f.push_back(Fact(  // §8.1.1
      "Обставини взяття на контроль:",
      [](const Msg& m) { return m.has_control_start_note() ? &m.control_start_note() : nullptr; },
      [](Msg& m) { return m.mutable_control_start_note(); }));
  f.push_back(BlockSlot<Msg>(  // §9.1.7
      "Дані на осіб:", [](const Msg& m) { return PersonLines(m.persons()); },
      [](const std::vector<BlockLine>& b, Msg& m, Problems& p) {
        ReadPersons(b, m.mutable_persons(), p);
      }));
  AddContent(f);     // §9.1.8
  f.push_back(Fact(  // §9.1.9
      "Вжиті заходи:", [](const Msg& m) { return m.has_measures() ? &m.measures() : nullptr; },
      [](Msg& m) { return m.mutable_measures(); }));
  f.push_back(BlockSlot<Msg>(  // §9.1.10
      "Затримані (розшукувані) особи:",
      [](const Msg& m) { return PersonLines(m.detained_or_wanted()); },
      [](const std::vector<BlockLine>& b, Msg& m, Problems& p) {
        ReadPersons(b, m.mutable_detained_or_wanted(), p);
      }));
  f.push_back(Fact(
      "Мотиви:", [](const Msg& m) { return m.has_motives() ? &m.motives() : nullptr; },
      [](Msg& m) { return m.mutable_motives(); }));
  f.push_back(Fact(  // §9.1.11
      "Вилучено:", [](const Msg& m) { return m.has_seized_items() ? &m.seized_items() : nullptr; },
      [](Msg& m) { return m.mutable_seized_items(); }));
  f.push_back(Fact(  // §9.1.12
      "Слідчі (розшукові) дії:",
      [](const Msg& m) {
        return m.has_investigative_actions() ? &m.investigative_actions() : nullptr;
      },
      [](Msg& m) { return m.mutable_investigative_actions(); }));
  AddDecisionGrounds(f);       // §2.6, §3.6
  f.push_back(BlockSlot<Msg>(  // section 8
      "Додаткові відомості:", [](const Msg& m) { return DetailLines(m.details()); },
      [](const std::vector<BlockLine>& b, Msg& m, Problems& p) {
        ReadDetails(b, m.mutable_details(), p);
      }));
  f.push_back(IntegerSlot<Msg>(  // §9.1.13
      "Порядковий номер реєстрації:", [](const Msg& m) { return m.registration_number(); },
      [](Msg& m, int64_t v) { m.set_registration_number(v); }));
  AddErdr(f);  // §9.1.14
  f.push_back(FlagSlot<Msg>(
      "Відомості до ЄРДР:", [](const Msg& m) { return m.erdr_not_established(); },
      [](Msg& m, bool v) { m.set_erdr_not_established(v); }, "не внесено"));
  f.push_back(TimestampSlot<Msg>(  // §9.1.15
      "Доповідь до вищої чергової частини:",
      [](const Msg& m) {
        return m.higher_unit_report().has_reported_at() ? &m.higher_unit_report().reported_at()
                                                        : nullptr;
      },
      [](Msg& m) { return m.mutable_higher_unit_report()->mutable_reported_at(); },
      [](Msg& m) { m.mutable_higher_unit_report(); },
      [](const Msg& m) {
        return m.has_higher_unit_report() && m.higher_unit_report().receiving_officer().empty();
      }));
  f.push_back(TextSlot<Msg>(
      "Черговий, якому доповідалось:",
      [](const Msg& m) -> const std::string& { return m.higher_unit_report().receiving_officer(); },
      [](Msg& m) { return m.mutable_higher_unit_report()->mutable_receiving_officer(); }));
  f.push_back(MarkerSlot<Msg>());  // §9.1.16
  AddSignatures(f);                // §9.1.17–9.1.20
  AddTransmission(f);              // §9.1.21
  return f;
}

}  // namespace

const Form<SpecialReport>& ReportForm() {
  static const auto* form = new Form<SpecialReport>(BuildForm());
  return *form;
}

const FormInfo& ReportInfo() {
  static const FormInfo info{
      kReportTitle, "special report", "supplement", "",
      "",  // the report has both a coding line and markers
  };
  return info;
}

}  // namespace internal

std::string RenderSpecialReport(const v1::SpecialReport& report) {
  return internal::RenderForm(internal::ReportForm(), internal::ReportInfo(), report);
}

absl::StatusOr<v1::SpecialReport> ParseSpecialReport(std::string_view text) {
  return internal::ParseWithForm(text, internal::ReportForm(), internal::ReportInfo());
}

}  // namespace opsreport::telegram
