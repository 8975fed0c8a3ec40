#pragma once
// The statistics table of the monthly report to the Ministry (002 §7.7,
// §7.8.3): per catalogue item, cumulative from the start of the year. Fed
// by the reconciliation as an Observer, in O(items) memory.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/reconciliation/daily_filter.h"
#include "opsreport/reconciliation/reconciler.h"

namespace opsreport::reconciliation {

// Report-side counts go under the report's item and count by its
// accepted_at; entry-side counts under the entry's item (Outcome::entry_item)
// by its registered_at. In every row received = matched + mismatched +
// without_entry + reports still within the grace period.
struct StatisticsRow {
  // "26.1"; "" for entries no single item could be named for and reports
  // without an item.
  std::string item_number;
  int64_t received = 0;       // reports the duty unit received
  int64_t registered = 0;     // register entries for catalogue crimes
  int64_t matched = 0;        // reports whose entry agrees
  int64_t mismatched = 0;     // reports whose entry's qualification differs
  int64_t found = 0;          // crimes found during reconciliation (unreported)
  int64_t without_entry = 0;  // reports the register does not hold
  bool operator==(const StatisticsRow&) const = default;
};

class YearToDateStatistics final : public Observer {
 public:
  // January to `month` of `year` in Kyiv time: 1 January 00:00 to the 1st
  // of the next month 00:00. Records of the previous year (a December
  // entry reconciled in January) count nowhere in this table.
  static absl::StatusOr<YearToDateStatistics> ForMonth(const catalogue::Catalogue& catalogue,
                                                       int year, int month);

  absl::Status OnOutcome(const Outcome& outcome) override;

  const TimeWindow& window() const { return window_; }
  // Items with any non-zero count, in catalogue order; the "" row last.
  std::vector<StatisticsRow> Rows() const;
  StatisticsRow Totals() const;
  // Continues from the rows a checkpoint saved (Rows() of an interrupted
  // run): a resumed run adds to them instead of recounting what it skips.
  void Restore(const std::vector<StatisticsRow>& rows);

 private:
  YearToDateStatistics(const catalogue::Catalogue& catalogue, TimeWindow window)
      : catalogue_(&catalogue), window_(window) {}
  StatisticsRow& Row(const std::string& item);

  const catalogue::Catalogue* catalogue_;
  TimeWindow window_;
  std::map<std::string, StatisticsRow> rows_;
};

}  // namespace opsreport::reconciliation
