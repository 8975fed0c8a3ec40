#pragma once
// A Ministry control file's life (002 §7.6): opened when a special report
// about a crime reaches the Ministry, removed only on a lawful ground, moved
// between regions by a confirmed transfer (§7.6.3). Pure: every instant and
// every actor is passed in; each change returns the new file or a refusal
// naming the reason, and a refusal changes nothing.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/control.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::control_rules {

// A report about a crime (its item lists КК articles) opens a file.
bool OpensControlFile(const v1::CatalogueItem& item);

// The file for a special report as it arrived at the Ministry: under the
// sending region's outgoing number (the hop's sender_outgoing_number), for
// the item's service line. INVALID_ARGUMENT if the item is no crime or the
// arrival carries no special report.
absl::StatusOr<v1::ControlFile> OpenFile(const v1::InboxItem& ministry_item,
                                         const v1::CatalogueItem& item, absl::Time now);

// Removal on a lawful ground (ValidateRemoval). FAILED_PRECONDITION when
// the file is already removed or is in transfer (the receiving region
// confirms first).
absl::StatusOr<v1::ControlFile> Remove(const v1::ControlFile& file, v1::Removal removal,
                                       const catalogue::Catalogue& catalogue);

// The removal a requalification supplement brings with it: a new article
// outside the catalogue removes the file (§7.6.3); nullopt otherwise.
std::optional<v1::Removal> AutomaticRemoval(const v1::AcceptedDocument& supplement,
                                            const catalogue::Catalogue& catalogue);

// §7.6.3: the sending region (`by_unit`, the file's region) passes the case
// to another regional directorate, naming the outgoing number the case is
// on control under (it must be the file's). INVALID_ARGUMENT naming fields,
// PERMISSION_DENIED for another region, FAILED_PRECONDITION unless open.
absl::StatusOr<v1::ControlFile> StartTransfer(
    const v1::ControlFile& file, const org::OrgDirectory& org, const std::string& by_unit,
    const std::string& by_officer, const std::string& to_region,
    const std::string& control_outgoing_number, absl::Time now);

// The receiving region confirms it took the case; the file moves to it.
// PERMISSION_DENIED for any other unit, FAILED_PRECONDITION unless in
// transfer.
absl::StatusOr<v1::ControlFile> ConfirmTransfer(const v1::ControlFile& file,
                                                const std::string& by_unit,
                                                const std::string& by_officer, absl::Time now);

// A transfer unconfirmed for longer than `allowed` (overdue strictly after).
bool TransferOverdue(const v1::ControlFile& file, absl::Duration allowed, absl::Time now);
// When the pending transfer becomes overdue; nullopt when none is pending.
std::optional<absl::Time> TransferDue(const v1::ControlFile& file, absl::Duration allowed);

}  // namespace opsreport::control_rules
