// The monthly report to the Ministry HQ (002 §7.8.3), the regions' due
// dates, and the Ministry's reconciliation by region (§7.9).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "document.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/redis/mutation.h"
#include "run_progress.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

absl::Time EndOfDayOfNextMonth(absl::CivilMonth month, int day) {
  absl::CivilMonth next = month + 1;
  return calendar::KyivDayBounds(absl::CivilDay(next.year(), next.month(), day)).end;
}

}  // namespace

absl::StatusOr<v1::RegionMonthStatus> ReconciliationService::Status(const std::string& region,
                                                                    absl::CivilMonth month) {
  const std::string month_key = MonthKey(month);
  ASSIGN_OR_RETURN(MonthMarks marks, months_.Marks(region, month_key));
  const absl::Time now = clock_->Now();
  v1::RegionMonthStatus s;
  s.set_region(region);
  s.set_month(month_key);
  const absl::Time check_due = EndOfDayOfNextMonth(month, options_.check_due_day);
  const absl::Time report_due = EndOfDayOfNextMonth(month, options_.report_due_day);
  *s.mutable_check_due() = base::ToProto(check_due);
  *s.mutable_report_due() = base::ToProto(report_due);
  const std::optional<absl::Time>& done = marks.check_done_at;
  if (done) *s.mutable_check_done_at() = base::ToProto(*done);
  s.set_check_overdue(done ? *done >= check_due : now >= check_due);
  const std::optional<absl::Time>& submitted = marks.report_submitted_at;
  if (submitted) *s.mutable_report_submitted_at() = base::ToProto(*submitted);
  s.set_report_overdue(submitted ? *submitted >= report_due : now >= report_due);
  if (marks.signed_by) *s.mutable_report_signed_by() = *marks.signed_by;
  ASSIGN_OR_RETURN(auto crimes, months_.Found(region, month_key));
  s.set_found(static_cast<int64_t>(crimes.size()));
  std::vector<std::string> demand_ids;
  for (const auto& [proc, crime] : crimes) {
    v1::Discrepancy demanded;  // the id the monthly run's demand was sent under
    demanded.set_kind(v1::DISCREPANCY_KIND_UNREPORTED_CRIME);
    demanded.set_unit_code(crime.unit_code());
    demanded.set_proceedings_number(proc);
    demand_ids.push_back(
        RequestId(demanded, v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND));
  }
  ASSIGN_OR_RETURN(int64_t demands, runs_.CountRequests(demand_ids));
  s.set_demands(demands);
  return s;
}

absl::StatusOr<v1::MonthlyReport> ReconciliationService::GetMonthlyReport(
    const auth::Principal& caller, const v1::MonthlyReportRequest& request) {
  RETURN_IF_ERROR(CheckSees(caller, request.region()));
  ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(request.month()));
  ASSIGN_OR_RETURN(std::optional<v1::MonthlyReport> saved,
                   months_.LoadTable(request.region(), request.month()));
  if (!saved) {
    return absl::FailedPreconditionError(absl::StrCat("no completed monthly check of ",
                                                      request.region(), " for ", request.month(),
                                                      ": run it first (StartRun kind=monthly)"));
  }
  v1::MonthlyReport report = *std::move(saved);
  report.set_region(request.region());
  if (const v1::Unit* u = org_->Find(request.region())) report.set_region_name(u->name());
  *report.mutable_from() = base::ToProto(KyivMonthStart(absl::CivilMonth(month.year(), 1)));
  *report.mutable_to() = base::ToProto(KyivMonthStart(month + 1));

  // "Found during reconciliation" counts every crime any run found
  // unreported, also once its report has come in since (then the join
  // matches it, but it was still found by the reconciliation).
  std::map<std::string, int64_t> found_by_item;
  for (absl::CivilMonth m(month.year(), 1); m <= month; ++m) {
    ASSIGN_OR_RETURN(auto crimes, months_.Found(request.region(), MonthKey(m)));
    for (auto& [proc, crime] : crimes) {
      ++found_by_item[crime.catalogue_number()];
      if (m != month) continue;
      ASSIGN_OR_RETURN(std::vector<std::string> ids, records_.ReportsNaming(proc));
      ASSIGN_OR_RETURN(std::vector<v1::ReportRecord> reports, records_.GetReports(ids));
      std::sort(reports.begin(), reports.end(), [](const auto& a, const auto& b) {
        return base::ToTime(a.accepted_at()) < base::ToTime(b.accepted_at());
      });
      if (!reports.empty()) {
        crime.set_outgoing_number(reports.front().outgoing_number());
        crime.set_report_id(reports.front().report_id());
      }
      *report.add_found() = crime;
    }
  }
  std::map<std::string, v1::StatisticsRow*> rows;
  for (v1::StatisticsRow& row : *report.mutable_rows()) rows[row.catalogue_number()] = &row;
  for (const auto& [item, count] : found_by_item) {
    if (rows.count(item) == 0) {
      v1::StatisticsRow* row = report.add_rows();
      row->set_catalogue_number(item);
      if (const v1::CatalogueItem* c = catalogue_->FindByNumber(item)) row->set_title(c->title());
      rows[item] = row;
    }
    rows[item]->set_found(count);
  }
  SortRows(*catalogue_, *report.mutable_rows());
  v1::StatisticsRow totals;
  totals.set_title("Разом");
  for (const v1::StatisticsRow& row : report.rows()) {
    totals.set_received(totals.received() + row.received());
    totals.set_registered(totals.registered() + row.registered());
    totals.set_matched(totals.matched() + row.matched());
    totals.set_found(totals.found() + row.found());
    totals.set_mismatched(totals.mismatched() + row.mismatched());
    totals.set_without_entry(totals.without_entry() + row.without_entry());
  }
  *report.mutable_totals() = totals;
  ASSIGN_OR_RETURN(*report.mutable_status(), Status(request.region(), month));
  if (request.format() == v1::DOCUMENT_FORMAT_TEXT) report.set_document(MonthlyReportText(report));
  if (request.format() == v1::DOCUMENT_FORMAT_CSV) report.set_document(MonthlyReportCsv(report));
  return report;
}

absl::StatusOr<v1::RegionMonthStatus> ReconciliationService::SubmitMonthlyReport(
    const auth::Principal& caller, const v1::SubmitMonthlyReportRequest& request) {
  base::Violations v;
  if (org_->Find(request.region()) == nullptr) {
    v.Add("region", "unknown unit '" + request.region() + "'");
  }
  absl::StatusOr<absl::CivilMonth> month = ParseMonth(request.month());
  if (!month.ok()) v.Add("month", "'" + request.month() + "' is not a month YYYY-MM");
  if (request.signature().officer().full_name().empty()) {
    v.Add("signature.officer.full_name", "the report is signed by the head (002 §7.8.3)");
  }
  if (!request.signature().has_signed_at()) v.Add("signature.signed_at", "must be set");
  RETURN_IF_ERROR(v.ToStatus("monthly report submission"));
  if (caller.unit_code != request.region()) {
    return absl::PermissionDeniedError("only the region itself submits its monthly report");
  }
  RETURN_IF_ERROR(org_->CheckSigner(request.region(), request.signature().officer().full_name(),
                                    request.signature().capacity()));
  ASSIGN_OR_RETURN(bool checked, months_.HasTable(request.region(), request.month()));
  if (!checked) {
    return absl::FailedPreconditionError("the monthly check of " + request.month() +
                                         " has not been completed: nothing to report yet");
  }
  redis::Mutation m;
  MonthStore::MarkSubmitted(m, request.region(), request.month(), clock_->Now(),
                            request.signature());
  RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  return Status(request.region(), *month);
}

absl::StatusOr<v1::MonthlyStatusResponse> ReconciliationService::GetMonthlyStatus(
    const auth::Principal& caller, const v1::MonthlyStatusRequest& request) {
  ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(request.month()));
  v1::MonthlyStatusResponse out;
  for (const std::string& region : records_.Regions()) {
    if (caller.unit_code != region && !org_->InSubtree(caller.unit_code, region)) continue;
    ASSIGN_OR_RETURN(*out.add_regions(), Status(region, month));
  }
  if (out.regions_size() == 0) {
    return absl::PermissionDeniedError("the monthly status is the regions' and the Ministry's");
  }
  return out;
}

absl::StatusOr<v1::MinistryReconciliation> ReconciliationService::GetMinistryReconciliation(
    const auth::Principal& caller, const v1::MinistryReconciliationRequest& request) {
  if (caller.unit_code != org_->ministry().code()) {
    return absl::PermissionDeniedError("the Ministry's reconciliation is the Ministry HQ's (§7.9)");
  }
  RETURN_IF_ERROR(ParseMonth(request.month()).status());
  ASSIGN_OR_RETURN(std::optional<v1::Run> run,
                   runs_.Load(RunId(v1::JOB_KIND_MINISTRY, "", request.month())));
  if (!run || run->state() != v1::RUN_STATE_DONE) {
    return absl::FailedPreconditionError("the Ministry's reconciliation of " + request.month() +
                                         " has not been completed: run it first");
  }
  ASSIGN_OR_RETURN(std::optional<v1::MinistryReconciliation> saved,
                   months_.LoadMinistry(request.month()));
  if (!saved) return absl::DataLossError("the Ministry's reconciliation is missing");
  v1::MinistryReconciliation result = *std::move(saved);
  if (request.format() == v1::DOCUMENT_FORMAT_TEXT) result.set_document(MinistryText(result));
  if (request.format() == v1::DOCUMENT_FORMAT_CSV) result.set_document(MinistryCsv(result));
  return result;
}

}  // namespace opsreport::reconciliation_service
