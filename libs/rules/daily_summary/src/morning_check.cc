// The morning check: what the region sent against what the Ministry holds.
#include "opsreport/daily_summary/morning_check.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "internal.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::daily_summary {
namespace {

using base::ToTime;
using internal::InWindow;

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
  line.set_catalogue_number(internal::CatalogueNumber(doc));
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

void AddRegionLines(const std::string& ministry, const MorningCheckInput& input,
                    v1::MorningCheckResponse& out) {
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
}

void AddMinistryLines(const MorningCheckInput& input, v1::MorningCheckResponse& out) {
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
}

}  // namespace

v1::MorningCheckResponse BuildMorningCheck(const org::OrgDirectory& org,
                                           const MorningCheckInput& input) {
  v1::MorningCheckResponse out;
  out.set_region_code(input.region_code);
  out.set_day(input.day);
  AddRegionLines(org.ministry().code(), input, out);
  AddMinistryLines(input, out);
  SortLines(out.mutable_sent());
  SortLines(out.mutable_held_by_ministry());
  SortLines(out.mutable_not_at_ministry());
  SortLines(out.mutable_being_prepared());

  const v1::Unit* region = org.Find(input.region_code);
  std::string text = absl::StrCat(
      "РАНКОВА ЗВІРКА ",
      internal::UnitHeading(region == nullptr ? "" : region->name(), input.region_code),
      " — МВС за ", internal::DisplayDay(input.day), "\n");
  AppendSection("Передано до МВС", out.sent(), &text);
  AppendSection("Отримано МВС", out.held_by_ministry(), &text);
  AppendSection("Не надійшло до МВС", out.not_at_ministry(), &text);
  AppendSection("Готується", out.being_prepared(), &text);
  out.set_text(std::move(text));
  return out;
}

}  // namespace opsreport::daily_summary
