// The printable daily summary.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "internal.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/daily_summary/daily_summary.h"

namespace opsreport::daily_summary {
namespace {

using base::ToTime;
using internal::FirstLine;

std::string MarkText(const v1::InformedMark& mark) {
  if (!mark.required()) return "не потрібно";
  if (!mark.informed()) return "НЕ ПОІНФОРМОВАНО";
  std::string out = calendar::FormatKyiv(ToTime(mark.at()));
  if (!mark.receiving_officer().empty()) {
    absl::StrAppend(&out, ", прийняв ", mark.receiving_officer());
  }
  if (!mark.outgoing_number().empty()) absl::StrAppend(&out, ", вих. № ", mark.outgoing_number());
  return out;
}

std::string RequestKindText(v1::ReconciliationRequestKind kind) {
  switch (kind) {
    case v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION:
      return "запит відсутньої інформації";
    case v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND:
      return "вимога подати спецповідомлення";
    default:
      return "запит";
  }
}

std::string DiscrepancyText(v1::DiscrepancyKind kind) {
  switch (kind) {
    case v1::DISCREPANCY_KIND_UNREPORTED_CRIME:
      return "злочин без спецповідомлення";
    case v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY:
      return "спецповідомлення без запису в ЄРДР";
    case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH:
      return "розбіжність кваліфікації";
    default:
      return "";
  }
}

void AppendAnswer(const v1::ReconciliationInboxItem& item, std::string* out) {
  absl::StrAppend(out, "\n   Відповідь: ");
  if (!item.has_answered_at()) {
    absl::StrAppend(out, "НЕ НАДІЙШЛА\n");
  } else if (!item.answer().empty()) {  // answered by the desk, not by a document
    absl::StrAppend(out, FirstLine(item.answer()), " (", item.answered_by_officer());
    if (!item.answered_by_outgoing_number().empty()) {
      absl::StrAppend(out, ", вих. № ", item.answered_by_outgoing_number());
    }
    absl::StrAppend(out, ") від ", calendar::FormatKyiv(ToTime(item.answered_at())), "\n");
  } else {
    absl::StrAppend(out, "вих. № ",
                    item.answered_by_outgoing_number().empty() ? item.answered_by_document_id()
                                                               : item.answered_by_outgoing_number(),
                    " від ", calendar::FormatKyiv(ToTime(item.answered_at())), "\n");
  }
}

void AppendRequests(const v1::DailySummary& summary, std::string* out) {
  absl::StrAppend(out, "\nЗапити за результатами звірки з ЄРДР: ",
                  summary.reconciliation_requests_size(), "\n");
  int n = 0;
  for (const v1::ReconciliationInboxItem& item : summary.reconciliation_requests()) {
    const v1::ReconciliationRequest& r = item.request();
    absl::StrAppend(out, ++n, ". ", r.unit_code(), " — ", RequestKindText(r.kind()));
    if (!r.discrepancy().proceedings_number().empty()) {
      absl::StrAppend(out, ", ЄРДР № ", r.discrepancy().proceedings_number());
    }
    if (!r.discrepancy().outgoing_number().empty()) {
      absl::StrAppend(out, ", вих. № ", r.discrepancy().outgoing_number());
    }
    const std::string discrepancy = DiscrepancyText(r.discrepancy().kind());
    if (!discrepancy.empty()) absl::StrAppend(out, " (", discrepancy, ")");
    absl::StrAppend(out, "\n");
    const std::string question = FirstLine(r.question().empty() ? r.plot() : r.question());
    if (!question.empty()) absl::StrAppend(out, "   ", question, "\n");
    absl::StrAppend(out, "   Запит: ", calendar::FormatKyiv(internal::AskedAt(item)));
    if (!r.requested_by_unit().empty()) absl::StrAppend(out, ", надіслав ", r.requested_by_unit());
    AppendAnswer(item, out);
  }
}

}  // namespace

std::string RenderDailySummaryText(const v1::DailySummary& summary) {
  std::string out = absl::StrCat("ДОБОВЕ ЗВЕДЕННЯ\n",
                                 internal::UnitHeading(summary.unit_name(), summary.unit_code()),
                                 "\nза ", internal::DisplayDay(summary.day()), "\n\n");
  if (summary.rows().empty()) absl::StrAppend(&out, "Випадків немає.\n");
  int n = 0;
  for (const v1::DailySummaryRow& row : summary.rows()) {
    absl::StrAppend(&out, ++n, ". ", row.outgoing_number(), " від ",
                    calendar::FormatKyiv(ToTime(row.accepted_at())));
    if (row.supplement()) absl::StrAppend(&out, " доповнення");
    if (!row.catalogue_number().empty()) absl::StrAppend(&out, " п. ", row.catalogue_number());
    if (!row.summary().empty()) absl::StrAppend(&out, " — ", row.summary());
    absl::StrAppend(&out, "\n   Область поінформовано: ", MarkText(row.region_informed()),
                    "\n   МВС поінформовано: ", MarkText(row.ministry_informed()), "\n");
    if (!row.breaches().empty()) {
      absl::StrAppend(&out, "   Порушення строків: ", absl::StrJoin(row.breaches(), ", "), "\n");
    }
  }
  if (!summary.reconciliation_requests().empty()) AppendRequests(summary, &out);
  return out;
}

}  // namespace opsreport::daily_summary
