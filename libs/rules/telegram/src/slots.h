#pragma once
// Slot builders for value kinds, and the groups of slots both forms share
// (telegram header, ЄРДР, officers, transmission).
//
// A line is rendered when its field is present (message and Fact fields) or
// non-default (scalars), and every line read back makes its enclosing
// messages present. A message that is present but would render no line still
// renders its "anchor" line with an empty value, so presence round-trips too.

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "blocks.h"
#include "form.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/timestamp.pb.h"
#include "opsreport/telegram/kyiv_time.h"
#include "values.h"

namespace opsreport::telegram::internal {

using Timestamp = google::protobuf::Timestamp;
using RepeatedStrings = google::protobuf::RepeatedPtrField<std::string>;

inline Entry LabelEntry(std::string label, std::string value, bool has_block = false) {
  Entry e;
  e.kind = EntryKind::kLabel;
  e.label = std::move(label);
  e.value = std::move(value);
  e.has_block = has_block;
  return e;
}

template <typename Msg>
using Predicate = std::function<bool(const Msg&)>;

template <typename Msg>
Slot<Msg> TextSlot(std::string label, std::function<const std::string&(const Msg&)> get,
                   std::function<std::string*(Msg&)> mut, Predicate<Msg> anchor = nullptr) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, get, anchor](const Msg& m, std::vector<Entry>& out) {
    if (!get(m).empty() || (anchor && anchor(m))) out.push_back(LabelEntry(label, get(m)));
  };
  s.parse = [mut](const Entry& e, Msg& m, Problems&) { *mut(m) = e.value; };
  return s;
}

template <typename Msg>
Slot<Msg> RepeatedTextSlot(std::string label, std::function<const RepeatedStrings&(const Msg&)> get,
                           std::function<RepeatedStrings*(Msg&)> mut) {
  Slot<Msg> s;
  s.label = label;
  s.repeatable = true;
  s.render = [label, get](const Msg& m, std::vector<Entry>& out) {
    for (const std::string& v : get(m)) out.push_back(LabelEntry(label, v));
  };
  s.parse = [mut](const Entry& e, Msg& m, Problems&) { mut(m)->Add(std::string(e.value)); };
  return s;
}

template <typename Msg>
Slot<Msg> FactSlot(std::string label, std::function<const v1::Fact*(const Msg&)> get,
                   std::function<v1::Fact*(Msg&)> mut) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, get](const Msg& m, std::vector<Entry>& out) {
    if (const v1::Fact* f = get(m)) out.push_back(LabelEntry(label, FactText(*f)));
  };
  s.parse = [mut](const Entry& e, Msg& m, Problems&) { *mut(m) = ParseFact(e.value); };
  return s;
}

// `touch` makes the enclosing message present for an empty (anchor) value.
template <typename Msg>
Slot<Msg> TimestampSlot(std::string label, std::function<const Timestamp*(const Msg&)> get,
                        std::function<Timestamp*(Msg&)> mut,
                        std::function<void(Msg&)> touch = nullptr,
                        Predicate<Msg> anchor = nullptr) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, get, anchor](const Msg& m, std::vector<Entry>& out) {
    if (const Timestamp* ts = get(m)) {
      out.push_back(LabelEntry(label, FormatKyiv(*ts)));
    } else if (anchor && anchor(m)) {
      out.push_back(LabelEntry(label, ""));
    }
  };
  s.parse = [label, mut, touch](const Entry& e, Msg& m, Problems& p) {
    if (touch) touch(m);
    if (e.value.empty()) return;
    auto ts = ParseKyiv(e.value);
    if (!ts.ok()) {
      p.Add(e.line, DisplayLabel(label), std::string(ts.status().message()));
      return;
    }
    *mut(m) = *ts;
  };
  return s;
}

template <typename Msg>
Slot<Msg> IntegerSlot(std::string label, std::function<int64_t(const Msg&)> get,
                      std::function<void(Msg&, int64_t)> set) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, get](const Msg& m, std::vector<Entry>& out) {
    if (get(m) != 0) out.push_back(LabelEntry(label, absl::StrCat(get(m))));
  };
  s.parse = [label, set](const Entry& e, Msg& m, Problems& p) {
    if (e.value.empty()) return;
    auto v = ParseInteger(e.value);
    if (!v.ok()) {
      p.Add(e.line, DisplayLabel(label), std::string(v.status().message()));
      return;
    }
    set(m, *v);
  };
  return s;
}

// Rendered as "так" when true, omitted when false; reads "так" or "ні".
// `true_text` replaces "так" where the form words the flag differently.
template <typename Msg>
Slot<Msg> FlagSlot(std::string label, std::function<bool(const Msg&)> get,
                   std::function<void(Msg&, bool)> set, std::string true_text = kYes) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, get, true_text](const Msg& m, std::vector<Entry>& out) {
    if (get(m)) out.push_back(LabelEntry(label, true_text));
  };
  s.parse = [label, set, true_text](const Entry& e, Msg& m, Problems& p) {
    if (e.value == true_text) {
      set(m, true);
    } else if (true_text != kYes) {
      p.Add(e.line, DisplayLabel(label),
            absl::StrCat("expected '", true_text, "', got '", e.value, "'"));
    } else if (auto v = ParseYesNo(e.value); v.ok()) {
      set(m, *v);
    } else {
      p.Add(e.line, DisplayLabel(label), std::string(v.status().message()));
    }
  };
  return s;
}

template <typename Msg>
Slot<Msg> EnumSlot(std::string label, const EnumNames& names, std::function<int(const Msg&)> get,
                   std::function<void(Msg&, int)> set) {
  Slot<Msg> s;
  s.label = label;
  s.render = [label, &names, get](const Msg& m, std::vector<Entry>& out) {
    if (get(m) != 0) out.push_back(LabelEntry(label, std::string(NameOf(names, get(m)))));
  };
  s.parse = [label, &names, set](const Entry& e, Msg& m, Problems& p) {
    if (e.value.empty()) return;
    auto v = ValueOf(names, e.value);
    if (!v.ok()) {
      p.Add(e.line, DisplayLabel(label), std::string(v.status().message()));
      return;
    }
    set(m, *v);
  };
  return s;
}

// A label with an indented block and no value of its own.
template <typename Msg>
Slot<Msg> BlockSlot(std::string label, std::function<std::vector<BlockLine>(const Msg&)> lines,
                    std::function<void(const std::vector<BlockLine>&, Msg&, Problems&)> read) {
  Slot<Msg> s;
  s.label = label;
  s.has_block = true;
  s.render = [label, lines](const Msg& m, std::vector<Entry>& out) {
    std::vector<BlockLine> block = lines(m);
    if (block.empty()) return;
    Entry e = LabelEntry(label, "", true);
    e.block = std::move(block);
    out.push_back(std::move(e));
  };
  s.parse = [label, read](const Entry& e, Msg& m, Problems& p) {
    if (!e.value.empty()) {
      p.Add(FirstTextLine(e), DisplayLabel(label),
            "takes no value on its own line; list the entries below it, indented by 8 spaces "
            "(or two tabs)");
    }
    read(e.block, m, p);
  };
  return s;
}

// --- Groups shared by the special report and the supplement. ---

template <typename Msg>
void AddTelegramHeader(Form<Msg>& f, std::string source_label) {
  f.push_back(TextSlot<Msg>(
      source_label, [](const Msg& m) -> const std::string& { return m.source(); },
      [](Msg& m) { return m.mutable_source(); }));
  f.push_back(TextSlot<Msg>(
      "ТЛГ №", [](const Msg& m) -> const std::string& { return m.telegram_number(); },
      [](Msg& m) { return m.mutable_telegram_number(); }));
  f.push_back(TimestampSlot<Msg>(
      "Дата і час надходження ТЛГ до передавання:",
      [](const Msg& m) {
        return m.has_received_for_transmission_at() ? &m.received_for_transmission_at() : nullptr;
      },
      [](Msg& m) { return m.mutable_received_for_transmission_at(); }));
  f.push_back(RepeatedTextSlot<Msg>(
      "Кому:", [](const Msg& m) -> const RepeatedStrings& { return m.addressees(); },
      [](Msg& m) { return m.mutable_addressees(); }));
  f.push_back(RepeatedTextSlot<Msg>(
      "Копії:", [](const Msg& m) -> const RepeatedStrings& { return m.copy_addressees(); },
      [](Msg& m) { return m.mutable_copy_addressees(); }));
}

inline bool ErdrHasOtherLines(const v1::ErdrData& e) {
  return e.has_entered_at() || !e.cc_article().empty() || !e.article_part().empty() ||
         !e.article_paragraph().empty() || !e.preliminary_qualification().empty();
}

template <typename Msg>
void AddErdr(Form<Msg>& f) {
  f.push_back(TextSlot<Msg>(
      "ЄРДР:", [](const Msg& m) -> const std::string& { return m.erdr().proceedings_number(); },
      [](Msg& m) { return m.mutable_erdr()->mutable_proceedings_number(); },
      [](const Msg& m) { return m.has_erdr() && !ErdrHasOtherLines(m.erdr()); }));
  f.push_back(TimestampSlot<Msg>(
      "Дата внесення до ЄРДР:",
      [](const Msg& m) { return m.erdr().has_entered_at() ? &m.erdr().entered_at() : nullptr; },
      [](Msg& m) { return m.mutable_erdr()->mutable_entered_at(); },
      [](Msg& m) { m.mutable_erdr(); }));
  f.push_back(TextSlot<Msg>(
      "Стаття КК:", [](const Msg& m) -> const std::string& { return m.erdr().cc_article(); },
      [](Msg& m) { return m.mutable_erdr()->mutable_cc_article(); }));
  f.push_back(TextSlot<Msg>(
      "Частина статті:", [](const Msg& m) -> const std::string& { return m.erdr().article_part(); },
      [](Msg& m) { return m.mutable_erdr()->mutable_article_part(); }));
  f.push_back(TextSlot<Msg>(
      "Пункт статті:",
      [](const Msg& m) -> const std::string& { return m.erdr().article_paragraph(); },
      [](Msg& m) { return m.mutable_erdr()->mutable_article_paragraph(); }));
  f.push_back(TextSlot<Msg>(
      "Попередня правова кваліфікація:",
      [](const Msg& m) -> const std::string& { return m.erdr().preliminary_qualification(); },
      [](Msg& m) { return m.mutable_erdr()->mutable_preliminary_qualification(); }));
}

template <typename Msg>
void AddDecisionGrounds(Form<Msg>& f) {
  f.push_back(RepeatedTextSlot<Msg>(
      "Підстава рішення:",
      [](const Msg& m) -> const RepeatedStrings& { return m.decision_grounds(); },
      [](Msg& m) { return m.mutable_decision_grounds(); }));
}

template <typename Msg>
Slot<Msg> OfficerSlot(std::string label, std::function<const v1::Officer*(const Msg&)> get,
                      std::function<v1::Officer*(Msg&)> mut) {
  Slot<Msg> s;
  s.label = label;
  s.has_block = true;
  s.render = [label, get](const Msg& m, std::vector<Entry>& out) {
    const v1::Officer* o = get(m);
    if (o == nullptr) return;
    Entry e = LabelEntry(label, o->full_name(), true);
    e.block = OfficerLines(*o, /*anchor=*/false);
    out.push_back(std::move(e));
  };
  s.parse = [mut](const Entry& e, Msg& m, Problems& p) {
    v1::Officer* o = mut(m);
    o->set_full_name(e.value);
    ReadOfficerLines(
        e.block, [o] { return o; }, p);
  };
  return s;
}

template <typename Msg>
void AddSignatures(Form<Msg>& f) {
  f.push_back(OfficerSlot<Msg>(
      "Підготував:", [](const Msg& m) { return m.has_prepared_by() ? &m.prepared_by() : nullptr; },
      [](Msg& m) { return m.mutable_prepared_by(); }));
  f.push_back(TextSlot<Msg>(
      "Підписний №", [](const Msg& m) -> const std::string& { return m.signature_number(); },
      [](Msg& m) { return m.mutable_signature_number(); }));

  Slot<Msg> signed_by;
  signed_by.label = "Підписав:";
  signed_by.has_block = true;
  signed_by.render = [](const Msg& m, std::vector<Entry>& out) {
    if (!m.has_signed_by()) return;
    Entry e = LabelEntry("Підписав:", SignerText(m.signed_by()), true);
    e.block = SignatureLines(m.signed_by());
    out.push_back(std::move(e));
  };
  signed_by.parse = [](const Entry& e, Msg& m, Problems& p) {
    ReadSignature(e, m.mutable_signed_by(), p);
  };
  f.push_back(std::move(signed_by));

  f.push_back(OfficerSlot<Msg>(
      "Оперативний черговий:",
      [](const Msg& m) { return m.has_duty_officer() ? &m.duty_officer() : nullptr; },
      [](Msg& m) { return m.mutable_duty_officer(); }));
}

template <typename Msg>
void AddTransmission(Form<Msg>& f) {
  f.push_back(TimestampSlot<Msg>(
      "Передано:",
      [](const Msg& m) {
        return m.transmission().has_transmitted_at() ? &m.transmission().transmitted_at() : nullptr;
      },
      [](Msg& m) { return m.mutable_transmission()->mutable_transmitted_at(); },
      [](Msg& m) { m.mutable_transmission(); },
      [](const Msg& m) {
        return m.has_transmission() && m.transmission().transmitted_by().empty() &&
               !m.transmission().has_auto_reply();
      }));
  f.push_back(TextSlot<Msg>(
      "Передав:",
      [](const Msg& m) -> const std::string& { return m.transmission().transmitted_by(); },
      [](Msg& m) { return m.mutable_transmission()->mutable_transmitted_by(); }));
  f.push_back(TimestampSlot<Msg>(
      "Автовідповідь:",
      [](const Msg& m) {
        const v1::AutoReply& a = m.transmission().auto_reply();
        return a.has_received_at() ? &a.received_at() : nullptr;
      },
      [](Msg& m) { return m.mutable_transmission()->mutable_auto_reply()->mutable_received_at(); },
      [](Msg& m) { m.mutable_transmission()->mutable_auto_reply(); },
      [](const Msg& m) {
        return m.transmission().has_auto_reply() &&
               m.transmission().auto_reply().receiving_officer().empty();
      }));
  f.push_back(TextSlot<Msg>(
      "Автовідповідь прийняв:",
      [](const Msg& m) -> const std::string& {
        return m.transmission().auto_reply().receiving_officer();
      },
      [](Msg& m) {
        return m.mutable_transmission()->mutable_auto_reply()->mutable_receiving_officer();
      }));
}

}  // namespace opsreport::telegram::internal
