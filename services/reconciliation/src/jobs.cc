// The three jobs: daily (002 §3.7), monthly (§7.8.2) and Ministry (§7.9).
#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "index_source.h"
#include "keys.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/reconciliation/source.h"
#include "opsreport/reconciliation/statistics.h"
#include "opsreport/redis/mutation.h"
#include "run_progress.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

using reconciliation::Outcome;

// Counts records and keeps the discrepancies a job acts on.
class Collector final : public reconciliation::Observer {
 public:
  using Keep = std::function<bool(const Outcome&)>;
  Collector(v1::Run* run, RunProgress* progress, Keep keep)
      : run_(run), progress_(progress), keep_(std::move(keep)) {}
  absl::Status OnOutcome(const Outcome& o) override {
    if (o.entry != nullptr && o.first_for_entry) run_->set_entries_read(run_->entries_read() + 1);
    if (o.report != nullptr) run_->set_reports_read(run_->reports_read() + 1);
    if (o.discrepancy != nullptr && keep_(o)) {
      progress_->pending.push_back(*o.discrepancy);
      progress_->plots.push_back(o.entry != nullptr ? o.entry->summary() : "");
    }
    return absl::OkStatus();
  }

 private:
  v1::Run* run_;
  RunProgress* progress_;
  Keep keep_;
};

// Calls `flush` between two proceedings numbers once `every` outcomes have
// gathered: a checkpoint then means "every key up to here is done".
class Checkpointer final : public reconciliation::Observer {
 public:
  using Flush = std::function<absl::Status(const std::string& done_through)>;
  Checkpointer(int64_t every, Flush flush) : every_(every), flush_(std::move(flush)) {}
  absl::Status OnOutcome(const Outcome& o) override {
    const std::string& key =
        o.entry != nullptr ? o.entry->proceedings_number() : o.report->proceedings_number();
    if (key != last_key_ && !last_key_.empty() && since_ >= every_) {
      RETURN_IF_ERROR(flush_(last_key_));
      since_ = 0;
    }
    last_key_ = key;
    ++since_;
    return absl::OkStatus();
  }

 private:
  int64_t every_;
  Flush flush_;
  std::string last_key_;
  int64_t since_ = 0;
};

template <typename T, typename Less>
void SortUnique(std::vector<T>& items, Less less) {
  std::sort(items.begin(), items.end(), less);
  items.erase(std::unique(items.begin(), items.end(),
                          [&](const T& a, const T& b) { return !less(a, b) && !less(b, a); }),
              items.end());
}

bool EntryLess(const v1::RegisterEntry& a, const v1::RegisterEntry& b) {
  return a.proceedings_number() < b.proceedings_number();
}
bool ReportLess(const v1::ReportRecord& a, const v1::ReportRecord& b) {
  return std::tie(a.proceedings_number(), a.report_id()) <
         std::tie(b.proceedings_number(), b.report_id());
}

// December of the previous year, then January to `month`: a record of late
// December may be the counterpart of one of January.
std::vector<absl::CivilMonth> YearMonths(absl::CivilMonth month) {
  std::vector<absl::CivilMonth> out;
  for (absl::CivilMonth m(month.year() - 1, 12); m <= month; ++m) out.push_back(m);
  return out;
}

// The month indexes of a region's year to date, for entries and reports.
struct YearIndexes {
  std::vector<std::string> entries, reports;
};
YearIndexes IndexesOf(const std::string& region, absl::CivilMonth month) {
  YearIndexes out;
  for (absl::CivilMonth m : YearMonths(month)) {
    out.entries.push_back(keys::EntriesOfMonth(region, MonthKey(m)));
    out.reports.push_back(keys::ReportsOfMonth(region, MonthKey(m)));
  }
  return out;
}

}  // namespace

reconciliation::ReconcileOptions ReconciliationService::JoinOptions() const {
  reconciliation::ReconcileOptions o;
  o.now = clock_->Now();
  o.report_grace = options_.report_grace;
  return o;
}

absl::Status ReconciliationService::Execute(v1::Run& run) {
  switch (run.kind()) {
    case v1::JOB_KIND_DAILY:
      return ExecuteDaily(run);
    case v1::JOB_KIND_MONTHLY:
      return ExecuteMonthly(run);
    case v1::JOB_KIND_MINISTRY:
      return ExecuteMinistry(run);
    default:
      return absl::InvalidArgumentError("unknown job kind");
  }
}

// The day's entries of the unit's subtree and the reports of the days whose
// grace ends around now, each with its counterparts wherever they sort: a
// handful of records, joined in memory.
absl::Status ReconciliationService::ExecuteDaily(v1::Run& run) {
  ASSIGN_OR_RETURN(absl::CivilDay day, ParseDay(run.period()));
  const std::string& unit = run.unit_code();
  auto in_scope = [&](const std::string& code) {
    return code == unit || org_->InSubtree(unit, code);
  };
  std::vector<std::string> regions;
  if (unit == org_->ministry().code()) {
    for (const v1::Unit* u : org_->ChildrenOf(unit)) regions.push_back(u->code());
  } else {
    regions.push_back(records_.RegionOf(unit));
  }
  const int days_back =
      static_cast<int>(std::ceil(absl::FDivDuration(options_.report_grace, absl::Hours(24)))) + 1;
  std::vector<v1::RegisterEntry> entries;
  std::vector<v1::ReportRecord> reports;
  for (const std::string& region : regions) {
    ASSIGN_OR_RETURN(std::vector<std::string> procs,
                     records_.Members(keys::EntriesOfDay(region, DayKey(day))));
    ASSIGN_OR_RETURN(std::vector<v1::RegisterEntry> found, records_.GetEntries(procs));
    for (v1::RegisterEntry& e : found) {
      if (in_scope(e.unit_code())) entries.push_back(std::move(e));
    }
    for (int back = 0; back <= days_back; ++back) {
      ASSIGN_OR_RETURN(std::vector<std::string> ids,
                       records_.Members(keys::ReportsOfDay(region, DayKey(day - back))));
      ASSIGN_OR_RETURN(std::vector<v1::ReportRecord> got, records_.GetReports(ids));
      for (v1::ReportRecord& r : got) {
        if (in_scope(r.unit_code())) reports.push_back(std::move(r));
      }
    }
  }
  // Counterparts: the reports naming the day's entries, the entries the
  // reports name (registered on any day).
  std::vector<v1::ReportRecord> more_reports;
  for (const v1::RegisterEntry& e : entries) {
    ASSIGN_OR_RETURN(std::vector<std::string> ids, records_.ReportsNaming(e.proceedings_number()));
    ASSIGN_OR_RETURN(std::vector<v1::ReportRecord> got, records_.GetReports(ids));
    for (v1::ReportRecord& r : got) more_reports.push_back(std::move(r));
  }
  std::vector<std::string> named;
  for (const v1::ReportRecord& r : reports) {
    if (!r.proceedings_number().empty()) named.push_back(r.proceedings_number());
  }
  ASSIGN_OR_RETURN(std::vector<v1::RegisterEntry> more_entries, records_.GetEntries(named));
  for (v1::ReportRecord& r : more_reports) reports.push_back(std::move(r));
  for (v1::RegisterEntry& e : more_entries) entries.push_back(std::move(e));
  SortUnique(entries, EntryLess);
  SortUnique(reports, ReportLess);
  run.set_entries_read(0);
  run.set_reports_read(0);
  run.set_discrepancies(0);

  RunProgress progress;
  Collector collector(&run, &progress, [](const Outcome&) { return true; });
  reconciliation::Reconciler reconciler(*catalogue_, JoinOptions());
  reconciliation::VectorSource<v1::RegisterEntry> entry_source(std::move(entries));
  reconciliation::VectorSource<v1::ReportRecord> report_source(std::move(reports));
  RETURN_IF_ERROR(reconciler.Run(entry_source, report_source, collector));
  return Flush(run, progress, v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION, run.period());
}

// The region's year to date, streamed from its month indexes with
// checkpoints: the completeness check of §7.8.2 and the table of §7.8.3.
absl::Status ReconciliationService::ExecuteMonthly(v1::Run& run) {
  ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(run.period()));
  const std::string& region = run.unit_code();
  ASSIGN_OR_RETURN(reconciliation::YearToDateStatistics stats,
                   reconciliation::YearToDateStatistics::ForMonth(
                       *catalogue_, static_cast<int>(month.year()), month.month()));
  if (!run.checkpoint().empty()) {
    ASSIGN_OR_RETURN(v1::MonthlyReport rows, runs_.LoadStats(run.id()));
    std::vector<reconciliation::StatisticsRow> restored;
    for (const v1::StatisticsRow& r : rows.rows()) restored.push_back(FromProto(r));
    stats.Restore(restored);
  } else {
    run.set_entries_read(0);
    run.set_reports_read(0);
    run.set_discrepancies(0);
  }
  YearIndexes indexes = IndexesOf(region, month);
  EntryIndexSource entries(&records_, indexes.entries, run.checkpoint());
  ReportIndexSource reports(&records_, indexes.reports, run.checkpoint(), run.checkpoint().empty());

  const absl::Time year_start = KyivMonthStart(absl::CivilMonth(month.year(), 1));
  RunProgress progress;
  // Records of last December are read only as counterparts: what they lack
  // was last year's run's to find.
  Collector collector(&run, &progress, [&](const Outcome& o) {
    return (o.entry != nullptr && base::ToTime(o.entry->registered_at()) >= year_start) ||
           (o.report != nullptr && base::ToTime(o.report->accepted_at()) >= year_start);
  });
  const std::string today = DayKey(KyivDayOf(clock_->Now()));
  auto save = [&](const std::string& done_through) -> absl::Status {
    run.set_checkpoint(done_through);
    v1::MonthlyReport rows;
    for (const reconciliation::StatisticsRow& r : stats.Rows()) {
      *rows.add_rows() = ToProto(r, *catalogue_);
    }
    return Flush(run, progress, v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND, today,
                 [&](redis::Mutation& m) { RunStore::PutStats(m, run.id(), rows); });
  };
  Checkpointer checkpointer(options_.checkpoint_every, save);
  reconciliation::Tee tee({&checkpointer, &stats, &collector});
  reconciliation::Reconciler reconciler(*catalogue_, JoinOptions());
  RETURN_IF_ERROR(reconciler.Run(entries, reports, tee));
  RETURN_IF_ERROR(
      Flush(run, progress, v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND, today));

  v1::MonthlyReport table;
  table.set_region(region);
  table.set_month(run.period());
  table.set_run_id(run.id());
  *table.mutable_generated_at() = base::ToProto(clock_->Now());
  for (const reconciliation::StatisticsRow& r : stats.Rows()) {
    *table.add_rows() = ToProto(r, *catalogue_);
  }
  redis::Mutation m;
  MonthStore::PutTable(m, region, run.period(), table);
  MonthStore::MarkChecked(m, region, run.period(), clock_->Now());
  return redis::Apply(*client_, m).status();
}

// Per region: the register's catalogue crimes against the reports that
// reached the Ministry. Regions are done in order; the run's checkpoint is
// the last region done.
absl::Status ReconciliationService::ExecuteMinistry(v1::Run& run) {
  ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(run.period()));
  const absl::Time end = KyivMonthStart(month + 1);
  v1::MinistryReconciliation result;
  if (!run.checkpoint().empty()) {
    ASSIGN_OR_RETURN(std::optional<v1::MinistryReconciliation> saved,
                     months_.LoadMinistry(run.period()));
    if (saved) result = *std::move(saved);
  }
  result.set_month(run.period());
  result.set_run_id(run.id());
  std::vector<std::string> regions = records_.Regions();
  std::sort(regions.begin(), regions.end());
  for (const std::string& region : regions) {
    if (!run.checkpoint().empty() && region <= run.checkpoint()) continue;
    ASSIGN_OR_RETURN(reconciliation::YearToDateStatistics stats,
                     reconciliation::YearToDateStatistics::ForMonth(
                         *catalogue_, static_cast<int>(month.year()), month.month()));
    YearIndexes indexes = IndexesOf(region, month);
    EntryIndexSource entries(&records_, indexes.entries, "");
    ReportIndexSource all_reports(&records_, indexes.reports, "", true);
    reconciliation::FilteredSource<v1::ReportRecord> reports(
        all_reports, [&](const v1::ReportRecord& r) {
          return r.has_reached_ministry_at() && base::ToTime(r.reached_ministry_at()) < end;
        });
    RunProgress ignored;
    Collector counter(&run, &ignored, [](const Outcome&) { return false; });
    reconciliation::Tee tee({&stats, &counter});
    reconciliation::Reconciler reconciler(*catalogue_, JoinOptions());
    RETURN_IF_ERROR(reconciler.Run(entries, reports, tee));
    const reconciliation::StatisticsRow t = stats.Totals();
    v1::MinistryRegionFigures* f = result.add_regions();
    f->set_region(region);
    if (const v1::Unit* u = org_->Find(region)) f->set_region_name(u->name());
    f->set_registered(t.registered);
    f->set_reached_ministry(t.received);
    f->set_matched(t.matched);
    f->set_mismatched(t.mismatched);
    f->set_not_at_ministry(t.found);
    f->set_without_entry(t.without_entry);
    run.set_checkpoint(region);
    *result.mutable_generated_at() = base::ToProto(clock_->Now());
    redis::Mutation m;
    MonthStore::PutMinistry(m, run.period(), result);
    RunStore::PutRun(m, run);
    RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  }
  v1::MinistryRegionFigures totals;
  for (const v1::MinistryRegionFigures& f : result.regions()) {
    totals.set_registered(totals.registered() + f.registered());
    totals.set_reached_ministry(totals.reached_ministry() + f.reached_ministry());
    totals.set_matched(totals.matched() + f.matched());
    totals.set_mismatched(totals.mismatched() + f.mismatched());
    totals.set_not_at_ministry(totals.not_at_ministry() + f.not_at_ministry());
    totals.set_without_entry(totals.without_entry() + f.without_entry());
  }
  *result.mutable_totals() = totals;
  redis::Mutation m;
  MonthStore::PutMinistry(m, run.period(), result);
  return redis::Apply(*client_, m).status();
}

}  // namespace opsreport::reconciliation_service
