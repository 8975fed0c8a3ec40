#pragma once
// Redis keys of the reconciliation service (prefix "recon:"). Index members
// are ordered as the merge-join reads them: entries by proceedings number,
// reports by (proceedings number, report id) joined with \x1f, which sorts
// below every character a proceedings number holds.

#include <string>

#include "absl/strings/str_cat.h"

namespace opsreport::reconciliation_service::keys {

inline constexpr char kSep = '\x1f';

inline std::string Entry(const std::string& proc) { return absl::StrCat("recon:entry:", proc); }
// Entries by the Kyiv month / day of registration, per region.
inline std::string EntriesOfMonth(const std::string& region, const std::string& month) {
  return absl::StrCat("recon:ei:", region, ":", month);
}
inline std::string EntriesOfDay(const std::string& region, const std::string& day) {
  return absl::StrCat("recon:ed:", region, ":", day);
}
inline std::string Report(const std::string& id) { return absl::StrCat("recon:report:", id); }
inline std::string ReportsOfMonth(const std::string& region, const std::string& month) {
  return absl::StrCat("recon:ri:", region, ":", month);
}
inline std::string ReportsOfDay(const std::string& region, const std::string& day) {
  return absl::StrCat("recon:rd:", region, ":", day);
}
inline std::string ReportsNaming(const std::string& proc) {
  return absl::StrCat("recon:rp:", proc);
}
inline std::string ReportMember(const std::string& proc, const std::string& id) {
  return absl::StrCat(proc, std::string(1, kSep), id);
}
inline std::string SeenDocument(const std::string& id) { return absl::StrCat("recon:seen:", id); }
inline std::string Extract(const std::string& fingerprint) {
  return absl::StrCat("recon:extract:", fingerprint);
}

inline std::string Run(const std::string& id) { return absl::StrCat("recon:run:", id); }
inline constexpr char kRunQueue[] = "recon:runq";
inline std::string Discrepancies(const std::string& run) {
  return absl::StrCat("recon:disc:", run);
}
inline std::string Request(const std::string& id) { return absl::StrCat("recon:req:", id); }
// Requests of a run that routing refused: request id -> reason.
inline std::string Rejected(const std::string& run) { return absl::StrCat("recon:rejected:", run); }
// Crimes found unreported, by region and Kyiv month of registration.
inline std::string Found(const std::string& region, const std::string& month) {
  return absl::StrCat("recon:found:", region, ":", month);
}
inline std::string MonthStatus(const std::string& region, const std::string& month) {
  return absl::StrCat("recon:status:", region, ":", month);
}
inline std::string Ministry(const std::string& month) {
  return absl::StrCat("recon:ministry:", month);
}

}  // namespace opsreport::reconciliation_service::keys

namespace opsreport::reconciliation_service::keys {
// The year-to-date table a monthly run counted (a v1::MonthlyReport's rows).
inline std::string MonthlyTable(const std::string& region, const std::string& month) {
  return absl::StrCat("recon:monthly:", region, ":", month);
}
// A running job's counts at its last checkpoint.
inline std::string RunStats(const std::string& run) {
  return absl::StrCat("recon:run:", run, ":stats");
}
// The id of the next scheduled timer of a kind ("daily", "monthly", "ministry").
inline std::string Schedule(const std::string& kind) { return absl::StrCat("recon:sched:", kind); }
}  // namespace opsreport::reconciliation_service::keys
