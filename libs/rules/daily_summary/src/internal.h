#pragma once
// Pieces shared by the daily summary's and the morning check's sources.

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "opsreport/daily_summary/day_window.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::daily_summary::internal {

bool InWindow(const google::protobuf::Timestamp& ts, const DayWindow& window);
// "YYYY-MM-DD" -> "DD.MM.YYYY"; anything else is shown as given.
std::string DisplayDay(const std::string& day);
// "<name> (<code>)", or the bare code of a unit without a name.
std::string UnitHeading(const std::string& name, const std::string& code);
// The first line of free text, cut to fit a table cell.
std::string FirstLine(const std::string& text);
// The report's catalogue item; blank for a supplement.
std::string CatalogueNumber(const v1::AcceptedDocument& doc);
// When the reconciliation's request was made.
absl::Time AskedAt(const v1::ReconciliationInboxItem& item);

}  // namespace opsreport::daily_summary::internal
