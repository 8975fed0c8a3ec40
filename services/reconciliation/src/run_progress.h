#pragma once
// What a job run found since its last checkpoint, and the conversions of
// the statistics table to and from its protobuf form.

#include <string>
#include <vector>

#include "opsreport/catalogue/catalogue.h"
#include "opsreport/reconciliation/statistics.h"
#include "opsreport/v1/reconciliation.pb.h"

namespace opsreport::reconciliation_service {

struct RunProgress {
  std::vector<v1::Discrepancy> pending;
  std::vector<std::string> plots;  // the entry's requisite 9, aligned with `pending`
  int checkpoints = 0;
};

v1::StatisticsRow ToProto(const reconciliation::StatisticsRow& row,
                          const catalogue::Catalogue& catalogue);
reconciliation::StatisticsRow FromProto(const v1::StatisticsRow& row);

// Sorts discrepancies in the join's key order and names each uniquely.
std::string DiscrepancyKey(const v1::Discrepancy& d);
// "<info|demand>:<unit>:<unreported|no_entry|mismatch>:<proceedings or report>".
std::string RequestId(const v1::Discrepancy& d, v1::ReconciliationRequestKind kind);
// The request as the unit's desk reads it.
std::string RequestText(const v1::Discrepancy& d, v1::ReconciliationRequestKind kind);

}  // namespace opsreport::reconciliation_service
