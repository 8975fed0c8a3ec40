// The supplement form of 002 §9.3–9.4. It has no "+++" markers and no bare
// coding line; a requalification carries its new coding line under
// "Новий рядок кодування:".

#include "absl/strings/str_cat.h"
#include "forms.h"
#include "opsreport/base/strings.h"
#include "opsreport/coding_line/coding_line.h"
#include "opsreport/telegram/telegram.h"
#include "slots.h"

namespace opsreport::telegram {
namespace internal {
namespace {

using v1::Supplement;
using Msg = Supplement;

constexpr char kOriginalLabel[] = "Доповнення до вих. №";
constexpr char kFromText[] = "від";
constexpr std::string_view kFrom = kFromText;
constexpr char kEoText[] = "ЄО №";
constexpr std::string_view kEo = kEoText;

// §9.3.4: "Доповнення до вих. № <номер> від DD.MM.YYYY, ЄО № <номер>".
Slot<Msg> OriginalSlot() {
  Slot<Msg> s;
  s.label = kOriginalLabel;
  s.render = [](const Msg& m, std::vector<Entry>& out) {
    if (m.original_outgoing_number().empty() && m.original_date().empty() &&
        m.eo_number().empty()) {
      return;
    }
    std::string value =
        absl::StrCat(m.original_outgoing_number(), " ", kFromText, " ",
                     IsoDateToText(m.original_date()), ", ", kEoText, " ", m.eo_number());
    out.push_back(LabelEntry(kOriginalLabel, std::string(base::Trim(value))));
  };
  s.parse = [](const Entry& e, Msg& m, Problems& p) {
    const std::string shown = DisplayLabel(kOriginalLabel);
    std::string_view v = e.value;
    size_t eo = v.rfind(kEo);
    // "від" as a word of its own (at the start or after a space), before "ЄО №".
    std::string_view head = v.substr(0, eo);
    size_t from = std::string_view::npos;
    for (size_t pos = head.rfind(kFrom); pos != std::string_view::npos;
         pos = pos == 0 ? std::string_view::npos : head.rfind(kFrom, pos - 1)) {
      if (pos == 0 || head[pos - 1] == ' ') {
        from = pos;
        break;
      }
    }
    if (eo == std::string_view::npos || from == std::string_view::npos) {
      p.Add(e.line, shown,
            absl::StrCat("expected '", kOriginalLabel,
                         " <номер> від DD.MM.YYYY, ЄО № <номер>', got '", e.value, "'"));
      return;
    }
    std::string_view date = base::Trim(v.substr(from + kFrom.size(), eo - from - kFrom.size()));
    if (!date.empty() && date.back() == ',') date = base::Trim(date.substr(0, date.size() - 1));
    m.set_original_outgoing_number(std::string(base::Trim(v.substr(0, from))));
    m.set_eo_number(std::string(base::Trim(v.substr(eo + kEo.size()))));
    if (date.empty()) return;
    auto iso = TextDateToIso(date);
    if (!iso.ok()) {
      p.Add(e.line, shown, absl::StrCat("original date: ", std::string(iso.status().message())));
      return;
    }
    m.set_original_date(*iso);
  };
  return s;
}

Slot<Msg> NewCodingLineSlot() {
  Slot<Msg> s;
  s.label = "Новий рядок кодування:";
  s.render = [label = s.label](const Msg& m, std::vector<Entry>& out) {
    if (!m.has_new_coding_line()) return;
    out.push_back(LabelEntry(label, absl::StrCat("\n", coding_line::Render(m.new_coding_line()))));
  };
  s.parse = [](const Entry& e, Msg& m, Problems& p) {
    ReadCodingLine(e.value, e.value_lines, e.line, "new_coding_line", m.mutable_new_coding_line(),
                   p);
  };
  return s;
}

template <typename Get, typename Mut>
Slot<Msg> Fact(const char* label, Get get, Mut mut) {
  return FactSlot<Msg>(label, get, mut);
}

Form<Msg> BuildForm() {
  Form<Msg> f;
  f.push_back(TextSlot<Msg>(
      "Код ОВС:", [](const Msg& m) -> const std::string& { return m.unit_code(); },
      [](Msg& m) { return m.mutable_unit_code(); }));
  f.push_back(TextSlot<Msg>(
      "Вих. №", [](const Msg& m) -> const std::string& { return m.outgoing_number(); },
      [](Msg& m) { return m.mutable_outgoing_number(); }));
  f.push_back(IntegerSlot<Msg>(
      "Порядковий номер реєстрації:", [](const Msg& m) { return m.registration_number(); },
      [](Msg& m, int64_t v) { m.set_registration_number(v); }));
  f.push_back(TextSlot<Msg>(
      "Ідентифікатор первинного повідомлення:",
      [](const Msg& m) -> const std::string& { return m.original_report_id(); },
      [](Msg& m) { return m.mutable_original_report_id(); }));
  // Same lines as the special report's (§2.2, §2.6).
  f.push_back(FlagSlot<Msg>(
      "Триваюча подія:", [](const Msg& m) { return m.ongoing(); },
      [](Msg& m, bool v) { m.set_ongoing(v); }));
  f.push_back(EnumSlot<Msg>(
      "Підстава повідомлення протягом години:", OneHourTriggerNames(),
      [](const Msg& m) { return static_cast<int>(m.one_hour_trigger()); },
      [](Msg& m, int v) { m.set_one_hour_trigger(static_cast<v1::OneHourTrigger>(v)); }));

  AddTelegramHeader(f, "Звідки:");  // §9.3.1–9.3.3
  f.push_back(OriginalSlot());      // §9.3.4
  f.push_back(Fact(                 // §9.3.5
      "Зміст доповнення:", [](const Msg& m) { return m.has_content() ? &m.content() : nullptr; },
      [](Msg& m) { return m.mutable_content(); }));
  f.push_back(Fact(  // §9.4
      "Нововстановлені обставини:",
      [](const Msg& m) { return m.has_newly_established() ? &m.newly_established() : nullptr; },
      [](Msg& m) { return m.mutable_newly_established(); }));
  f.push_back(Fact(
      "Вилучення знарядь, зброї, викраденого:",
      [](const Msg& m) { return m.has_instruments_seized() ? &m.instruments_seized() : nullptr; },
      [](Msg& m) { return m.mutable_instruments_seized(); }));
  AddErdr(f);
  f.push_back(FlagSlot<Msg>(
      "Перекваліфікація:", [](const Msg& m) { return m.requalification(); },
      [](Msg& m, bool v) { m.set_requalification(v); }));
  f.push_back(NewCodingLineSlot());
  f.push_back(Fact(
      "Пояснення щодо первинної кваліфікації:",
      [](const Msg& m) {
        return m.has_requalification_explanation() ? &m.requalification_explanation() : nullptr;
      },
      [](Msg& m) { return m.mutable_requalification_explanation(); }));
  AddDecisionGrounds(f);
  AddSignatures(f);    // §9.3.6–9.3.9
  AddTransmission(f);  // §9.3.10
  return f;
}

}  // namespace

const Form<Supplement>& SupplementForm() {
  static const auto* form = new Form<Supplement>(BuildForm());
  return *form;
}

const FormInfo& SupplementInfo() {
  static const FormInfo info{
      kSupplementTitle,
      "supplement",
      "special report",
      "a bare coding line belongs after the first '+++' of a special report; a supplement "
      "gives a new one under 'Новий рядок кодування:'",
      "'+++' markers are not part of the supplement form (002 §9.3)",
  };
  return info;
}

}  // namespace internal

std::string RenderSupplement(const v1::Supplement& supplement) {
  return internal::RenderForm(internal::SupplementForm(), internal::SupplementInfo(), supplement);
}

absl::StatusOr<v1::Supplement> ParseSupplement(std::string_view text) {
  return internal::ParseWithForm(text, internal::SupplementForm(), internal::SupplementInfo());
}

}  // namespace opsreport::telegram
