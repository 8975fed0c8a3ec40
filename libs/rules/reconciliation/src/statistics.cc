#include "opsreport/reconciliation/statistics.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "opsreport/calendar/kyiv.h"
#include "timestamps.h"

namespace opsreport::reconciliation {

using internal::ToTime;

namespace {

bool Is(const Outcome& o, v1::DiscrepancyKind kind) {
  return o.discrepancy != nullptr && o.discrepancy->kind() == kind;
}

}  // namespace

absl::StatusOr<YearToDateStatistics> YearToDateStatistics::ForMonth(
    const catalogue::Catalogue& catalogue, int year, int month) {
  if (month < 1 || month > 12) {
    return absl::InvalidArgumentError(absl::StrCat("month ", month, " is not 1-12"));
  }
  if (year < 1 || year > 9999) {
    return absl::InvalidArgumentError(absl::StrCat("year ", year, " is not 1-9999"));
  }
  const absl::TimeZone kyiv = calendar::KyivZone();
  TimeWindow window{absl::FromCivil(absl::CivilMonth(year, 1), kyiv),
                    absl::FromCivil(absl::CivilMonth(year, month) + 1, kyiv)};
  return YearToDateStatistics(catalogue, window);
}

StatisticsRow& YearToDateStatistics::Row(const std::string& item) {
  StatisticsRow& row = rows_[item];
  row.item_number = item;
  return row;
}

absl::Status YearToDateStatistics::OnOutcome(const Outcome& o) {
  if (o.report != nullptr && window_.Contains(ToTime(o.report->accepted_at()))) {
    StatisticsRow& row = Row(o.report->catalogue_number());
    ++row.received;
    if (o.entry != nullptr) {
      ++(o.discrepancy == nullptr ? row.matched : row.mismatched);
    } else if (Is(o, v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY)) {
      ++row.without_entry;
    }
  }
  if (o.entry != nullptr && o.catalogue_crime &&
      window_.Contains(ToTime(o.entry->registered_at()))) {
    StatisticsRow& row = Row(o.entry_item);
    if (o.first_for_entry) ++row.registered;
    if (Is(o, v1::DISCREPANCY_KIND_UNREPORTED_CRIME)) ++row.found;
  }
  return absl::OkStatus();
}

std::vector<StatisticsRow> YearToDateStatistics::Rows() const {
  std::vector<StatisticsRow> out;
  for (const v1::CatalogueItem& item : catalogue_->items()) {
    if (auto it = rows_.find(item.number()); it != rows_.end()) out.push_back(it->second);
  }
  // Reports naming an item the catalogue no longer has keep their own rows
  // (sorted by number) so no count is lost; then the unassigned row.
  for (const auto& [number, row] : rows_) {
    if (!number.empty() && catalogue_->FindByNumber(number) == nullptr) out.push_back(row);
  }
  if (auto it = rows_.find(""); it != rows_.end()) out.push_back(it->second);
  return out;
}

StatisticsRow YearToDateStatistics::Totals() const {
  StatisticsRow t;
  for (const auto& [number, row] : rows_) {
    t.received += row.received;
    t.registered += row.registered;
    t.matched += row.matched;
    t.mismatched += row.mismatched;
    t.found += row.found;
    t.without_entry += row.without_entry;
  }
  return t;
}

void YearToDateStatistics::Restore(const std::vector<StatisticsRow>& rows) {
  rows_.clear();
  for (const StatisticsRow& row : rows) rows_[row.item_number] = row;
}

}  // namespace opsreport::reconciliation
