// What levels and headquarters see.
#include <map>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/json_util.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/daily_summary/daily_summary.h"
#include "opsreport/daily_summary/morning_check.h"
#include "opsreport/routing_rules/visibility.h"
#include "router.h"
#include "router_internal.h"

namespace opsreport::routing {
namespace {

constexpr int kDefaultLimit = 500;
constexpr int kMaxLimit = 5000;

int LimitOf(int requested) {
  if (requested <= 0) return kDefaultLimit;
  return std::min(requested, kMaxLimit);
}

}  // namespace

absl::Status Router::CheckSees(const auth::Principal& caller, const std::string& unit) const {
  if (org_->Find(unit) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unit_code: unknown unit '", unit, "'"));
  }
  if (!routing_rules::MaySee(*org_, caller.unit_code, unit)) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code, " may not see unit ", unit));
  }
  return absl::OkStatus();
}

absl::Status Router::CheckWatch(const auth::Principal& caller, const std::string& unit) const {
  return CheckSees(caller, unit);
}

absl::StatusOr<v1::ListInboxResponse> Router::ListInbox(const auth::Principal& caller,
                                                        const std::string& unit, bool include_done,
                                                        int limit) {
  RETURN_IF_ERROR(CheckSees(caller, unit));
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   store_.IndexRange(unit, absl::InfinitePast(), absl::InfiniteFuture(),
                                     LimitOf(limit), /*newest_first=*/true));
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& id : ids) keys.emplace_back(unit, id);
  ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));

  v1::ListInboxResponse out;
  std::map<std::string, int> entry_of_root;
  std::vector<const v1::InboxItem*> supplements;
  // Newest first; originals get their entry, supplements are chained under
  // them oldest first, as the desk reads them.
  for (const StoredItem& s : items) {
    const v1::InboxItem& item = s.item;
    if (item.hop().kind() == v1::HOP_KIND_DATA_REQUEST) {
      if (include_done || !internal::IsDone(item)) *out.add_data_requests() = item;
    } else if (item.hop().document().has_special_report()) {
      entry_of_root[item.item_id()] = out.entries_size();
      *out.add_entries()->mutable_item() = item;
    } else {
      supplements.push_back(&item);
    }
  }
  for (auto it = supplements.rbegin(); it != supplements.rend(); ++it) {
    const v1::InboxItem& s = **it;
    auto found = entry_of_root.find(s.hop().document().root_report_id());
    if (found != entry_of_root.end()) {
      *out.mutable_entries(found->second)->add_supplements() = s;
    } else {
      *out.add_entries()->mutable_item() = s;
    }
  }
  if (!include_done) {
    v1::ListInboxResponse open;
    *open.mutable_data_requests() = out.data_requests();
    for (const auto& e : out.entries()) {
      bool pending = !internal::IsDone(e.item());
      for (const auto& s : e.supplements()) pending = pending || !internal::IsDone(s);
      if (pending) *open.add_entries() = e;
    }
    out = std::move(open);
  }
  ASSIGN_OR_RETURN(std::vector<v1::ReconciliationInboxItem> requests,
                   InboxReconciliations(unit, include_done, LimitOf(limit)));
  for (auto& r : requests) *out.add_reconciliation_requests() = std::move(r);
  return out;
}

absl::StatusOr<v1::CaseView> Router::GetCase(const auth::Principal& caller,
                                             const std::string& root) {
  ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(root));
  if (!kase) {
    return absl::NotFoundError(absl::StrCat("root_report_id: no routed report '", root, "'"));
  }
  if (!routing_rules::MaySeeRouted(*org_, caller.unit_code, FromPlan(kase->route))) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code, " may not see report ", root));
  }
  v1::CaseView view;
  *view.mutable_route() = kase->route;
  ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.CaseItems(root));
  for (auto& i : items) *view.add_items() = std::move(i.item);
  ASSIGN_OR_RETURN(std::vector<v1::Breach> breaches, store_.CaseBreaches(root));
  for (auto& b : breaches) *view.add_breaches() = std::move(b);
  return view;
}

absl::StatusOr<v1::ListBreachesResponse> Router::ListBreaches(const auth::Principal& caller,
                                                              const std::string& unit, int limit) {
  RETURN_IF_ERROR(CheckSees(caller, unit));
  const int n = LimitOf(limit);
  std::vector<v1::Breach> all;
  for (const v1::Unit& u : org_->units()) {
    if (!routing_rules::MaySee(*org_, unit, u.code())) continue;
    ASSIGN_OR_RETURN(std::vector<v1::Breach> of, store_.BreachesOf(u.code(), n));
    for (auto& b : of) all.push_back(std::move(b));
  }
  std::sort(all.begin(), all.end(), [](const v1::Breach& a, const v1::Breach& b) {
    if (a.detected_at().seconds() != b.detected_at().seconds()) {
      return a.detected_at().seconds() > b.detected_at().seconds();
    }
    return a.id() < b.id();
  });
  if (all.size() > static_cast<size_t>(n)) all.resize(static_cast<size_t>(n));
  v1::ListBreachesResponse out;
  for (auto& b : all) *out.add_breaches() = std::move(b);
  return out;
}

absl::StatusOr<v1::DailySummaryResponse> Router::DailySummary(const auth::Principal& caller,
                                                              const std::string& unit,
                                                              const std::string& day) {
  ASSIGN_OR_RETURN(daily_summary::DayWindow window, daily_summary::KyivDay(day, "day"));
  RETURN_IF_ERROR(CheckSees(caller, unit));
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   store_.IndexRange(unit, window.begin, window.end, 100000, false));
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& id : ids) keys.emplace_back(unit, id);
  ASSIGN_OR_RETURN(std::vector<StoredItem> items, store_.LoadItems(keys));

  std::map<std::string, CaseRecord> cases;
  std::map<std::string, std::vector<v1::Breach>> breaches;
  std::vector<daily_summary::CaseSnapshot> snapshots;
  for (const StoredItem& s : items) {
    if (s.item.hop().kind() == v1::HOP_KIND_DATA_REQUEST) continue;
    const v1::AcceptedDocument& doc = s.item.hop().document();
    const std::string& root = doc.root_report_id();
    if (!cases.count(root)) {
      ASSIGN_OR_RETURN(std::optional<CaseRecord> kase, store_.LoadCase(root));
      if (!kase) continue;
      cases[root] = *std::move(kase);
      ASSIGN_OR_RETURN(std::vector<v1::Breach> of_case, store_.CaseBreaches(root));
      breaches[root] = std::move(of_case);
    }
    const v1::RoutePlan& route = cases[root].route;
    daily_summary::CaseSnapshot snap;
    snap.item = s.item;
    snap.route = route;
    std::vector<std::pair<std::string, std::string>> level_keys = {{route.origin_unit(), doc.id()}};
    for (const auto& h : route.chain()) level_keys.emplace_back(h.to_unit(), doc.id());
    for (const auto& c : route.copies()) level_keys.emplace_back(c, doc.id());
    for (const auto& n : route.notices()) level_keys.emplace_back(n, doc.id());
    ASSIGN_OR_RETURN(std::vector<StoredItem> levels, store_.LoadItems(level_keys));
    for (auto& l : levels) snap.levels[l.item.unit_code()] = std::move(l.item);
    for (const auto& b : breaches[root]) {
      if (b.document_id() == doc.id()) snap.breach_kinds.push_back(b.kind());
    }
    snapshots.push_back(std::move(snap));
  }
  ASSIGN_OR_RETURN(std::vector<v1::ReconciliationInboxItem> requests,
                   DayReconciliations(unit, day));
  v1::DailySummaryResponse out;
  *out.mutable_summary() = daily_summary::BuildDailySummary(*org_, unit, day, window, snapshots);
  daily_summary::AddReconciliationRequests(std::move(requests), out.mutable_summary());
  google::protobuf::util::JsonPrintOptions json_options;
  json_options.add_whitespace = true;
  json_options.preserve_proto_field_names = true;
  if (!google::protobuf::util::MessageToJsonString(out.summary(), out.mutable_json(), json_options)
           .ok()) {
    return absl::InternalError("daily summary does not convert to JSON");
  }
  out.set_text(daily_summary::RenderDailySummaryText(out.summary()));
  return out;
}

absl::StatusOr<v1::MorningCheckResponse> Router::MorningCheck(const auth::Principal& caller,
                                                              const std::string& region,
                                                              const std::string& day) {
  ASSIGN_OR_RETURN(daily_summary::DayWindow window, daily_summary::KyivDay(day, "day"));
  const v1::Unit* unit = org_->Find(region);
  if (unit == nullptr || (unit->kind() != v1::UNIT_KIND_REGIONAL_DIRECTORATE &&
                          unit->kind() != v1::UNIT_KIND_INTERNAL_TROOPS_HQ)) {
    return absl::InvalidArgumentError(
        absl::StrCat("region_code: '", region, "' is not a regional directorate or ГУВВ"));
  }
  RETURN_IF_ERROR(CheckSees(caller, region));
  const std::string ministry = org_->ministry().code();
  daily_summary::MorningCheckInput input;
  input.region_code = region;
  input.day = day;
  input.window = window;
  // Anything still in the region's hands may have arrived well before the day.
  ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      store_.IndexRange(region, window.begin - absl::Hours(24 * 31), window.end, 100000, false));
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& id : ids) keys.emplace_back(region, id);
  ASSIGN_OR_RETURN(std::vector<StoredItem> region_items, store_.LoadItems(keys));
  std::vector<std::pair<std::string, std::string>> ministry_keys;
  for (auto& s : region_items) {
    if (s.item.forwarded_to() == ministry) ministry_keys.emplace_back(ministry, s.item.item_id());
    input.region_items.push_back(std::move(s.item));
  }
  ASSIGN_OR_RETURN(std::vector<std::string> ministry_ids,
                   store_.IndexRange(ministry, window.begin, window.end, 100000, false));
  for (const auto& id : ministry_ids) ministry_keys.emplace_back(ministry, id);
  std::sort(ministry_keys.begin(), ministry_keys.end());
  ministry_keys.erase(std::unique(ministry_keys.begin(), ministry_keys.end()), ministry_keys.end());
  ASSIGN_OR_RETURN(std::vector<StoredItem> ministry_items, store_.LoadItems(ministry_keys));
  for (auto& s : ministry_items) {
    if (s.item.hop().from_unit() == region) input.ministry_items.push_back(std::move(s.item));
  }
  return daily_summary::BuildMorningCheck(*org_, input);
}

absl::StatusOr<std::vector<v1::RoutingEvent>> Router::EventsFor(const std::string& unit,
                                                                std::string& cursor, int limit) {
  if (cursor.empty()) {
    ASSIGN_OR_RETURN(cursor, store_.LatestCursor());
  }
  ASSIGN_OR_RETURN(std::vector<v1::RoutingEvent> events, store_.EventsAfter(cursor, limit));
  std::vector<v1::RoutingEvent> out;
  for (auto& e : events) {
    cursor = e.cursor();
    if (routing_rules::MaySee(*org_, unit, e.unit_code())) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace opsreport::routing
