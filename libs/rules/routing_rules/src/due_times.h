#pragma once
// Due times computed in more than one place of the library.

#include "absl/time/time.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/v1/common.pb.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::routing_rules::internal {

// The whole chain has until the item's deadline from the first receipt of
// the information at the origin (002 §1.2).
inline absl::Time CatalogueDue(const v1::SpecialReport& report, const v1::CatalogueItem& item) {
  return base::ToTime(report.statement_received_at()) + absl::Minutes(item.deadline_minutes());
}

}  // namespace opsreport::routing_rules::internal
