#pragma once
// Names of unit kinds in the data files and which parent kinds each may have
// (DOMAIN §1; 002 §4–§5).

#include <optional>
#include <string_view>
#include <vector>

#include "opsreport/v1/common.pb.h"

namespace opsreport::org {

std::optional<opsreport::v1::UnitKind> ParseUnitKind(std::string_view name);
std::string_view UnitKindName(opsreport::v1::UnitKind kind);
// "ministry, ministry_department, ..." for error messages.
std::string_view UnitKindNames();

// Kinds a unit of `kind` may report to; empty for the Ministry.
const std::vector<opsreport::v1::UnitKind>& AllowedParentKinds(opsreport::v1::UnitKind kind);

// Units directly under the Ministry apparatus, with no territory of their own.
bool IsMinistryLevel(opsreport::v1::UnitKind kind);

}  // namespace opsreport::org
