#pragma once
// What control can verify of a delivery to the Ministry from the record
// alone, before it creates any state: anyone able to write to
// opsreport.routing.delivered could otherwise open a Ministry control file
// (002 §7.6) about a report that was never filed. Whether routing really
// applied the hop is known only from routing's receipt (Controller).

#include <string>

#include "absl/status/status.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::control {

// OK for a self-consistent delivery: a chain hop (hop.kind CHAIN) to the
// Ministry (hop.to_unit == unit_code == the org tree's Ministry), with its
// hop id, a document id and its root report id, carried under the root
// report id as the record's key; a special report is its own root, a
// supplement is not; the filing and sending units are in the org tree; a
// special report's catalogue item is in the catalogue, and a supplement's
// requalification outside the catalogue proves its removal (§7.6.3).
// Otherwise INVALID_ARGUMENT naming every field at fault: such a record can
// never be valid.
absl::Status CheckDelivery(const v1::InboxItem& item, const std::string& key,
                           const org::OrgDirectory& org, const catalogue::Catalogue& catalogue);

}  // namespace opsreport::control
