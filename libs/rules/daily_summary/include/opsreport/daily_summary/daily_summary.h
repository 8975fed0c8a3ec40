#pragma once
// The daily summary (добове зведення, 002 §2.8, §3.8) of a unit, built from
// the inbox items the caller has loaded, with the reconciliation's requests
// of the day (002 §3.7), and its printable form. Pure: no I/O, every
// instant passed in.

#include <map>
#include <string>
#include <vector>

#include "opsreport/daily_summary/day_window.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::daily_summary {

// One document as the summarising unit sees it.
struct CaseSnapshot {
  v1::InboxItem item;   // the summarising unit's own item for the document
  v1::RoutePlan route;  // the root report's route
  // Every unit's item for the same document (chain levels, copies, notices),
  // by unit code; may include `item` itself.
  std::map<std::string, v1::InboxItem> levels;
  std::vector<std::string> breach_kinds;  // kinds of breaches raised on the document
};

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

}  // namespace opsreport::daily_summary
