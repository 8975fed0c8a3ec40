// The rows of the daily summary: which documents, and who was informed.
#include "opsreport/daily_summary/daily_summary.h"

#include <algorithm>

#include "internal.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::daily_summary {
namespace {

using base::ToTime;
using internal::FirstLine;

std::string WhatHappened(const v1::AcceptedDocument& doc) {
  if (doc.has_special_report()) {
    const v1::EventContent& content = doc.special_report().content();
    if (content.what().has_text()) return FirstLine(content.what().text());
  } else if (doc.has_supplement()) {
    if (doc.supplement().content().has_text()) return FirstLine(doc.supplement().content().text());
  }
  return "";
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
  row->set_catalogue_number(internal::CatalogueNumber(doc));
  row->set_summary(WhatHappened(doc));
  *row->mutable_region_informed() = RegionMark(org, c, origin);
  *row->mutable_ministry_informed() = MinistryMark(org, c);
  for (const std::string& kind : c.breach_kinds) row->add_breaches(kind);
}

}  // namespace

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
    if (!internal::InWindow(c.item.received_at(), window)) continue;
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

void AddReconciliationRequests(std::vector<v1::ReconciliationInboxItem> requests,
                               v1::DailySummary* summary) {
  std::sort(requests.begin(), requests.end(),
            [](const v1::ReconciliationInboxItem& a, const v1::ReconciliationInboxItem& b) {
              const absl::Time ta = internal::AskedAt(a), tb = internal::AskedAt(b);
              if (ta != tb) return ta < tb;
              return a.request().id() < b.request().id();
            });
  for (auto& r : requests) *summary->add_reconciliation_requests() = std::move(r);
}

}  // namespace opsreport::daily_summary
