#pragma once
// The weekly report of a Ministry service line on its control files
// (002 §7.6: "not less than once a week"): what is open, what was removed
// during the week and on which ground, and which transfers are overdue.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/v1/control.pb.h"

namespace opsreport::control_rules {

// `week_start` is a Monday "YYYY-MM-DD" (Kyiv); INVALID_ARGUMENT naming
// "week_start" otherwise. `files` may hold any service line's files; only
// `service_line`'s count. Open: on control (open or in transfer) at the
// week's end and opened before it; removed: removal recorded within the
// week; overdue: in transfer longer than `transfer_allowed` at the week's
// end (or `now`, if earlier). Each list ordered by opening time, then id.
absl::StatusOr<v1::WeeklyControlReport> BuildWeeklyReport(const std::string& service_line,
                                                          const std::string& week_start,
                                                          const std::vector<v1::ControlFile>& files,
                                                          absl::Duration transfer_allowed,
                                                          absl::Time now);

// Printable form, Kyiv times.
std::string RenderWeeklyReportText(const v1::WeeklyControlReport& report);

}  // namespace opsreport::control_rules
