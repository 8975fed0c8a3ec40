#pragma once
// The closed list of lawful grounds for removing a crime from Ministry
// control (002 §7.6.1–§7.6.3) and what each needs as proof.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/v1/control.pb.h"

namespace opsreport::control_rules {

// "002 §7.6.2, КПК art. 284 part 1 item 3" and the like; "" for UNSPECIFIED.
std::string GroundSection(v1::RemovalGround ground);

// True when some catalogue item lists the КК article (its number, e.g.
// "115"; "115-1" and whitespace are compared as the catalogue does).
bool ArticleInCatalogue(const catalogue::Catalogue& catalogue, std::string_view cc_article);

// OK for a removal on a lawful ground with its proof: decided_on, the
// document (kind, number, date), decided_by, and the ground's own details
// (the suspect and the ЄРДР entry; the new article, which must lie outside
// the catalogue; the receiving body; the foreign state). Anything else is
// INVALID_ARGUMENT naming every field at fault ("removal.ground",
// "removal.document.number", ...), the reason quoting the closed list.
absl::Status ValidateRemoval(const v1::Removal& removal, const catalogue::Catalogue& catalogue);

}  // namespace opsreport::control_rules
