#pragma once
// The daily summary (добове зведення, 002 §2.8, §3.8) and the morning check
// between a region and the Ministry (002 §3.9), built from inbox items the
// caller has loaded. Pure: no I/O, every instant passed in.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::routing {

// One document as the summarising unit sees it.
struct CaseSnapshot {
  v1::InboxItem item;   // the summarising unit's own item for the document
  v1::RoutePlan route;  // the root report's route
  // Every unit's item for the same document (chain levels, copies, notices),
  // by unit code; may include `item` itself.
  std::map<std::string, v1::InboxItem> levels;
  std::vector<std::string> breach_kinds;  // kinds of breaches raised on the document
};

// [00:00, 24:00) of a Kyiv calendar day "YYYY-MM-DD"; INVALID_ARGUMENT
// naming `field` for a malformed or impossible date.
struct DayWindow {
  absl::Time begin;
  absl::Time end;
};
absl::StatusOr<DayWindow> KyivDay(const std::string& day, const std::string& field);

// Rows for the documents whose item reached `unit_code` (received_at) within
// the day, oldest first; data-request items are not cases and are skipped.
// "region informed": the first regional level the route delivers to (a
// regional directorate or ГУВВ on the chain, else the region notified), or
// the origin itself when it is that level; "Ministry informed": the Ministry
// on the chain. A mark is required when the route reaches that level and
// informed once that level's item carries its auto-reply (time, receiving
// officer); its outgoing number is the one the document was sent to that
// level under (the hop's sender_outgoing_number).
v1::DailySummary BuildDailySummary(const org::OrgDirectory& org, const std::string& unit_code,
                                   const std::string& day, const DayWindow& window,
                                   const std::vector<CaseSnapshot>& cases);
// Lists the reconciliation's requests of the summary's day (002 §3.7: the
// duty unit includes what it asked for in the summary), oldest first;
// `requests` are those of the summarising unit and its subtree.
void AddReconciliationRequests(std::vector<v1::ReconciliationInboxItem> requests,
                               v1::DailySummary* summary);
// A printable table: heading with the unit's name and the day, one block per
// row, Kyiv times ("DD.MM.YYYY HH:MM"); then, when there are any, a section
// of the reconciliation's requests with their answers.
std::string RenderDailySummaryText(const v1::DailySummary& summary);

// What the region and the Ministry compare in the morning.
struct MorningCheckInput {
  std::string region_code;
  std::string day;
  DayWindow window;
  std::vector<v1::InboxItem> region_items;  // the region's items (received up to window.end)
  // The Ministry's items whose hop came from the region: those received
  // within the window plus any it holds for the documents the region sent
  // within the window (whenever they arrived).
  std::vector<v1::InboxItem> ministry_items;
};
// sent: region items forwarded to the Ministry within the window;
// held_by_ministry: Ministry items from the region received within the window;
// not_at_ministry: sent documents the Ministry has no item for at all;
// being_prepared: region chain items not final and not forwarded, received
// before window.end. Lines oldest first; `text` is the printable form.
v1::MorningCheckResponse BuildMorningCheck(const org::OrgDirectory& org,
                                           const MorningCheckInput& input);

}  // namespace opsreport::routing
