#pragma once
// Printable forms of the monthly report (002 §7.8.3) and the Ministry's
// reconciliation (§7.9): text for the desk and CSV for spreadsheets.

#include <string>

#include "google/protobuf/repeated_ptr_field.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/v1/reconciliation.pb.h"

namespace opsreport::reconciliation_service {

// Catalogue order; rows of no single item ("") last.
void SortRows(const catalogue::Catalogue& catalogue,
              google::protobuf::RepeatedPtrField<v1::StatisticsRow>& rows);
std::string MonthlyReportText(const v1::MonthlyReport& report);
std::string MonthlyReportCsv(const v1::MonthlyReport& report);
std::string MinistryText(const v1::MinistryReconciliation& result);
std::string MinistryCsv(const v1::MinistryReconciliation& result);
// "ст. 115 ч. 1 п. 2" as the documents and requests write it.
std::string QualificationText(const v1::RegisterQualification& q);
// RFC 4180 quoting when needed.
std::string CsvCell(const std::string& text);

}  // namespace opsreport::reconciliation_service
