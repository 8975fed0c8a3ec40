#include "summary.h"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::routing {
namespace {

constexpr size_t kMaxSummaryBytes = 240;  // ~120 Cyrillic letters

using base::ToTime;

bool InWindow(const google::protobuf::Timestamp& ts, const DayWindow& window) {
  absl::Time t = ToTime(ts);
  return t >= window.begin && t < window.end;
}

// "YYYY-MM-DD" -> "DD.MM.YYYY"; anything else is shown as given.
std::string DisplayDay(const std::string& day) {
  std::optional<calendar::Date> d = calendar::ParseDate(day);
  if (!d) return day;
  return absl::StrFormat("%02d.%02d.%04d", d->day, d->month, d->year);
}

// "<name> (<code>)", or the bare code of a unit without a name.
std::string UnitHeading(const std::string& name, const std::string& code) {
  return name.empty() ? code : absl::StrCat(name, " (", code, ")");
}

// The first line of free text, cut to a length that fits a table cell; the
// cut backs off to a character boundary so the text stays valid UTF-8, and
// is marked with an ellipsis.
std::string FirstLine(const std::string& text) {
  absl::string_view line(text);
  line = line.substr(0, line.find_first_of("\r\n"));
  std::string out(absl::StripAsciiWhitespace(line));
  if (out.size() > kMaxSummaryBytes) {
    size_t cut = kMaxSummaryBytes;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out.resize(cut);
    absl::StripTrailingAsciiWhitespace(&out);
    out += "…";  // the reader sees the text goes on
  }
  return out;
}

std::string WhatHappened(const v1::AcceptedDocument& doc) {
  if (doc.has_special_report()) {
    const v1::EventContent& content = doc.special_report().content();
    if (content.what().has_text()) return FirstLine(content.what().text());
  } else if (doc.has_supplement()) {
    if (doc.supplement().content().has_text()) return FirstLine(doc.supplement().content().text());
  }
  return "";
}

std::string CatalogueNumber(const v1::AcceptedDocument& doc) {
  // A supplement names its original, not a catalogue item; its row stays blank.
  return doc.has_special_report() ? doc.special_report().catalogue_number() : "";
}

bool IsRegionalLevel(const v1::Unit* unit) {
  return unit != nullptr && (unit->kind() == v1::UNIT_KIND_REGIONAL_DIRECTORATE ||
                             unit->kind() == v1::UNIT_KIND_INTERNAL_TROOPS_HQ);
}

// What a level's own item says about it having been informed.
v1::InformedMark MarkFromLevel(const CaseSnapshot& c, const std::string& unit_code) {
  v1::InformedMark mark;
  mark.set_required(true);
  mark.set_unit_code(unit_code);
  auto it = c.levels.find(unit_code);
  if (it == c.levels.end()) return mark;
  const v1::InboxItem& level = it->second;
  // The auto-reply is the receiving officer's acknowledgement; a hop that
  // merely landed in the inbox has informed nobody yet.
  if (!level.has_auto_reply() || !level.auto_reply().has_received_at()) return mark;
  mark.set_informed(true);
  *mark.mutable_at() = level.auto_reply().received_at();
  mark.set_receiving_officer(level.auto_reply().receiving_officer());
  mark.set_outgoing_number(level.hop().sender_outgoing_number());
  return mark;
}

v1::InformedMark RegionMark(const org::OrgDirectory& org, const CaseSnapshot& c,
                            const std::string& origin) {
  const v1::AcceptedDocument& doc = c.item.hop().document();
  if (IsRegionalLevel(org.Find(origin))) {
    // The region filed it itself: it was informed by its own duty desk.
    v1::InformedMark mark;
    mark.set_required(true);
    mark.set_informed(true);
    mark.set_unit_code(origin);
    *mark.mutable_at() = doc.accepted_at();
    mark.set_receiving_officer(doc.submitted_by());
    mark.set_outgoing_number(doc.outgoing_number());
    return mark;
  }
  std::vector<std::string> reached;
  for (const v1::RoutePlan::Step& step : c.route.chain()) reached.push_back(step.to_unit());
  for (const std::string& notice : c.route.notices()) reached.push_back(notice);
  for (const std::string& code : reached) {
    if (IsRegionalLevel(org.Find(code))) return MarkFromLevel(c, code);
  }
  return v1::InformedMark();
}

v1::InformedMark MinistryMark(const org::OrgDirectory& org, const CaseSnapshot& c) {
  const std::string& ministry = org.ministry().code();
  for (const v1::RoutePlan::Step& step : c.route.chain()) {
    if (step.to_unit() == ministry) return MarkFromLevel(c, ministry);
  }
  return v1::InformedMark();
}

void FillRow(const org::OrgDirectory& org, const CaseSnapshot& c, v1::DailySummaryRow* row) {
  const v1::AcceptedDocument& doc = c.item.hop().document();
  const std::string& origin =
      c.route.origin_unit().empty() ? doc.unit_code() : c.route.origin_unit();
  row->set_document_id(doc.id());
  row->set_root_report_id(doc.root_report_id());
  row->set_supplement(doc.has_supplement());
  row->set_origin_unit(origin);
  row->set_outgoing_number(doc.outgoing_number());
  if (doc.has_accepted_at()) *row->mutable_accepted_at() = doc.accepted_at();
  row->set_catalogue_number(CatalogueNumber(doc));
  row->set_summary(WhatHappened(doc));
  *row->mutable_region_informed() = RegionMark(org, c, origin);
  *row->mutable_ministry_informed() = MinistryMark(org, c);
  for (const std::string& kind : c.breach_kinds) row->add_breaches(kind);
}

std::string MarkText(const v1::InformedMark& mark) {
  if (!mark.required()) return "не потрібно";
  if (!mark.informed()) return "НЕ ПОІНФОРМОВАНО";
  std::string out = calendar::FormatKyiv(ToTime(mark.at()));
  if (!mark.receiving_officer().empty()) {
    absl::StrAppend(&out, ", прийняв ", mark.receiving_officer());
  }
  if (!mark.outgoing_number().empty()) absl::StrAppend(&out, ", вих. № ", mark.outgoing_number());
  return out;
}

// Oldest first; the document id only breaks ties so the order is stable.
void SortLines(google::protobuf::RepeatedPtrField<v1::MorningCheckLine>* lines) {
  std::sort(lines->pointer_begin(), lines->pointer_end(),
            [](const v1::MorningCheckLine* a, const v1::MorningCheckLine* b) {
              return std::forward_as_tuple(a->at().seconds(), a->at().nanos(), a->document_id()) <
                     std::forward_as_tuple(b->at().seconds(), b->at().nanos(), b->document_id());
            });
}

v1::MorningCheckLine Line(const v1::InboxItem& item, const std::string& outgoing_number,
                          const google::protobuf::Timestamp& at, const std::string& state) {
  const v1::AcceptedDocument& doc = item.hop().document();
  v1::MorningCheckLine line;
  line.set_document_id(doc.id());
  line.set_origin_unit(doc.unit_code());
  line.set_outgoing_number(outgoing_number);
  line.set_catalogue_number(CatalogueNumber(doc));
  *line.mutable_at() = at;
  line.set_state(state);
  return line;
}

std::string StateWord(v1::InboxState state) {
  switch (state) {
    case v1::INBOX_STATE_ACKNOWLEDGED:
      return "acknowledged";
    case v1::INBOX_STATE_FORWARDED:
      return "forwarded";
    default:
      return "received";
  }
}

std::string StateText(const std::string& state) {
  if (state == "forwarded") return "передано";
  if (state == "received") return "надійшло, не підтверджено";
  if (state == "acknowledged") return "прийнято";
  if (state == "in transit") return "у дорозі";
  return state;
}

void AppendSection(const std::string& heading,
                   const google::protobuf::RepeatedPtrField<v1::MorningCheckLine>& lines,
                   std::string* out) {
  absl::StrAppend(out, "\n", heading, ": ", lines.size(), "\n");
  int n = 0;
  for (const v1::MorningCheckLine& line : lines) {
    absl::StrAppend(out, "  ", ++n, ". ",
                    line.outgoing_number().empty() ? line.document_id() : line.outgoing_number(),
                    " (", line.origin_unit(), ")");
    if (!line.catalogue_number().empty()) absl::StrAppend(out, " п. ", line.catalogue_number());
    absl::StrAppend(out, " — ", calendar::FormatKyiv(ToTime(line.at())), ", ",
                    StateText(line.state()), "\n");
  }
}

std::string RequestKindText(v1::ReconciliationRequestKind kind) {
  switch (kind) {
    case v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION:
      return "запит відсутньої інформації";
    case v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND:
      return "вимога подати спецповідомлення";
    default:
      return "запит";
  }
}

std::string DiscrepancyText(v1::DiscrepancyKind kind) {
  switch (kind) {
    case v1::DISCREPANCY_KIND_UNREPORTED_CRIME:
      return "злочин без спецповідомлення";
    case v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY:
      return "спецповідомлення без запису в ЄРДР";
    case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH:
      return "розбіжність кваліфікації";
    default:
      return "";
  }
}

// When the request was made: the reconciliation's own time, else when
// routing applied it.
absl::Time AskedAt(const v1::ReconciliationInboxItem& item) {
  return item.request().has_requested_at() ? ToTime(item.request().requested_at())
                                           : ToTime(item.received_at());
}

void AppendRequests(const v1::DailySummary& summary, std::string* out) {
  absl::StrAppend(out, "\nЗапити за результатами звірки з ЄРДР: ",
                  summary.reconciliation_requests_size(), "\n");
  int n = 0;
  for (const v1::ReconciliationInboxItem& item : summary.reconciliation_requests()) {
    const v1::ReconciliationRequest& r = item.request();
    absl::StrAppend(out, ++n, ". ", r.unit_code(), " — ", RequestKindText(r.kind()));
    if (!r.discrepancy().proceedings_number().empty()) {
      absl::StrAppend(out, ", ЄРДР № ", r.discrepancy().proceedings_number());
    }
    if (!r.discrepancy().outgoing_number().empty()) {
      absl::StrAppend(out, ", вих. № ", r.discrepancy().outgoing_number());
    }
    const std::string discrepancy = DiscrepancyText(r.discrepancy().kind());
    if (!discrepancy.empty()) absl::StrAppend(out, " (", discrepancy, ")");
    absl::StrAppend(out, "\n");
    const std::string question = FirstLine(r.question().empty() ? r.plot() : r.question());
    if (!question.empty()) absl::StrAppend(out, "   ", question, "\n");
    absl::StrAppend(out, "   Запит: ", calendar::FormatKyiv(AskedAt(item)));
    if (!r.requested_by_unit().empty()) absl::StrAppend(out, ", надіслав ", r.requested_by_unit());
    absl::StrAppend(out, "\n   Відповідь: ");
    if (!item.has_answered_at()) {
      absl::StrAppend(out, "НЕ НАДІЙШЛА\n");
    } else if (!item.answer().empty()) {  // answered by the desk, not by a document
      absl::StrAppend(out, FirstLine(item.answer()), " (", item.answered_by_officer());
      if (!item.answered_by_outgoing_number().empty()) {
        absl::StrAppend(out, ", вих. № ", item.answered_by_outgoing_number());
      }
      absl::StrAppend(out, ") від ", calendar::FormatKyiv(ToTime(item.answered_at())), "\n");
    } else {
      absl::StrAppend(out, "вих. № ",
                      item.answered_by_outgoing_number().empty()
                          ? item.answered_by_document_id()
                          : item.answered_by_outgoing_number(),
                      " від ", calendar::FormatKyiv(ToTime(item.answered_at())), "\n");
    }
  }
}

}  // namespace

absl::StatusOr<DayWindow> KyivDay(const std::string& day, const std::string& field) {
  bool shaped = day.size() == 10 && day[4] == '-' && day[7] == '-';
  for (size_t i = 0; shaped && i < day.size(); ++i) {
    if (i != 4 && i != 7 && !absl::ascii_isdigit(static_cast<unsigned char>(day[i]))) {
      shaped = false;
    }
  }
  if (!shaped) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", day, "\" is not a day in the form YYYY-MM-DD"));
  }
  std::optional<calendar::Date> date = calendar::ParseDate(day);
  if (!date) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", day, " is not a calendar date"));
  }
  const calendar::DayBounds bounds = calendar::KyivDayBounds(calendar::ToCivilDay(*date));
  return DayWindow{bounds.begin, bounds.end};
}

v1::DailySummary BuildDailySummary(const org::OrgDirectory& org, const std::string& unit_code,
                                   const std::string& day, const DayWindow& window,
                                   const std::vector<CaseSnapshot>& cases) {
  v1::DailySummary summary;
  summary.set_unit_code(unit_code);
  if (const v1::Unit* unit = org.Find(unit_code)) summary.set_unit_name(unit->name());
  summary.set_day(day);

  std::vector<const CaseSnapshot*> picked;
  for (const CaseSnapshot& c : cases) {
    // A question travelling down is not a case of its own; its answer, a
    // supplement, arrives as one.
    if (c.item.hop().kind() == v1::HOP_KIND_DATA_REQUEST) continue;
    if (!InWindow(c.item.received_at(), window)) continue;
    picked.push_back(&c);
  }
  std::sort(picked.begin(), picked.end(), [](const CaseSnapshot* a, const CaseSnapshot* b) {
    absl::Time ta = ToTime(a->item.received_at()), tb = ToTime(b->item.received_at());
    if (ta != tb) return ta < tb;
    return a->item.hop().document().id() < b->item.hop().document().id();
  });
  for (const CaseSnapshot* c : picked) FillRow(org, *c, summary.add_rows());
  return summary;
}

std::string RenderDailySummaryText(const v1::DailySummary& summary) {
  std::string out =
      absl::StrCat("ДОБОВЕ ЗВЕДЕННЯ\n", UnitHeading(summary.unit_name(), summary.unit_code()),
                   "\nза ", DisplayDay(summary.day()), "\n\n");
  if (summary.rows().empty()) absl::StrAppend(&out, "Випадків немає.\n");
  int n = 0;
  for (const v1::DailySummaryRow& row : summary.rows()) {
    absl::StrAppend(&out, ++n, ". ", row.outgoing_number(), " від ",
                    calendar::FormatKyiv(ToTime(row.accepted_at())));
    if (row.supplement()) absl::StrAppend(&out, " доповнення");
    if (!row.catalogue_number().empty()) absl::StrAppend(&out, " п. ", row.catalogue_number());
    if (!row.summary().empty()) absl::StrAppend(&out, " — ", row.summary());
    absl::StrAppend(&out, "\n   Область поінформовано: ", MarkText(row.region_informed()),
                    "\n   МВС поінформовано: ", MarkText(row.ministry_informed()), "\n");
    if (!row.breaches().empty()) {
      absl::StrAppend(&out, "   Порушення строків: ", absl::StrJoin(row.breaches(), ", "), "\n");
    }
  }
  if (!summary.reconciliation_requests().empty()) AppendRequests(summary, &out);
  return out;
}

void AddReconciliationRequests(std::vector<v1::ReconciliationInboxItem> requests,
                               v1::DailySummary* summary) {
  std::sort(requests.begin(), requests.end(),
            [](const v1::ReconciliationInboxItem& a, const v1::ReconciliationInboxItem& b) {
              const absl::Time ta = AskedAt(a), tb = AskedAt(b);
              if (ta != tb) return ta < tb;
              return a.request().id() < b.request().id();
            });
  for (auto& r : requests) *summary->add_reconciliation_requests() = std::move(r);
}

v1::MorningCheckResponse BuildMorningCheck(const org::OrgDirectory& org,
                                           const MorningCheckInput& input) {
  const std::string& ministry = org.ministry().code();
  v1::MorningCheckResponse out;
  out.set_region_code(input.region_code);
  out.set_day(input.day);

  for (const v1::InboxItem& item : input.region_items) {
    const v1::HopKind kind = item.hop().kind();
    if (item.has_forwarded_at() && item.forwarded_to() == ministry &&
        InWindow(item.forwarded_at(), input.window)) {
      *out.add_sent() =
          Line(item, item.forward_outgoing_number(), item.forwarded_at(), "forwarded");
    }
    // Copies, notices and questions end at the region; only chain documents
    // still owed upward are "being prepared".
    if ((kind == v1::HOP_KIND_CHAIN || kind == v1::HOP_KIND_ORIGIN) && !item.final() &&
        item.state() != v1::INBOX_STATE_FORWARDED &&
        ToTime(item.received_at()) < input.window.end) {
      *out.add_being_prepared() = Line(item, item.hop().document().outgoing_number(),
                                       item.received_at(), StateWord(item.state()));
    }
  }

  std::set<std::string> at_ministry;
  for (const v1::InboxItem& item : input.ministry_items) {
    at_ministry.insert(item.hop().document().id());
    if (InWindow(item.received_at(), input.window)) {
      *out.add_held_by_ministry() = Line(item, item.hop().sender_outgoing_number(),
                                         item.received_at(), StateWord(item.state()));
    }
  }
  for (const v1::MorningCheckLine& line : out.sent()) {
    if (at_ministry.count(line.document_id()) == 0) {
      v1::MorningCheckLine* missing = out.add_not_at_ministry();
      *missing = line;
      missing->set_state("in transit");
    }
  }

  SortLines(out.mutable_sent());
  SortLines(out.mutable_held_by_ministry());
  SortLines(out.mutable_not_at_ministry());
  SortLines(out.mutable_being_prepared());

  const v1::Unit* region = org.Find(input.region_code);
  std::string text = absl::StrCat(
      "РАНКОВА ЗВІРКА ", UnitHeading(region == nullptr ? "" : region->name(), input.region_code),
      " — МВС за ", DisplayDay(input.day), "\n");
  AppendSection("Передано до МВС", out.sent(), &text);
  AppendSection("Отримано МВС", out.held_by_ministry(), &text);
  AppendSection("Не надійшло до МВС", out.not_at_ministry(), &text);
  AppendSection("Готується", out.being_prepared(), &text);
  out.set_text(std::move(text));
  return out;
}

}  // namespace opsreport::routing
