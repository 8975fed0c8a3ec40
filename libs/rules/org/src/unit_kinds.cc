#include "unit_kinds.h"

#include <array>
#include <utility>

namespace opsreport::org {
namespace {

using opsreport::v1::UnitKind;

constexpr std::array<std::pair<std::string_view, UnitKind>, 8> kKinds = {{
    {"ministry", opsreport::v1::UNIT_KIND_MINISTRY},
    {"ministry_department", opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT},
    {"regional_directorate", opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE},
    {"district_unit", opsreport::v1::UNIT_KIND_DISTRICT_UNIT},
    {"higher_education", opsreport::v1::UNIT_KIND_HIGHER_EDUCATION},
    {"internal_troops_hq", opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ},
    {"territorial_command", opsreport::v1::UNIT_KIND_TERRITORIAL_COMMAND},
    {"military_unit", opsreport::v1::UNIT_KIND_MILITARY_UNIT},
}};

}  // namespace

std::optional<UnitKind> ParseUnitKind(std::string_view name) {
  for (const auto& [n, k] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view UnitKindName(UnitKind kind) {
  for (const auto& [n, k] : kKinds) {
    if (k == kind) return n;
  }
  return "unspecified";
}

std::string_view UnitKindNames() {
  return "ministry, ministry_department, regional_directorate, district_unit, higher_education, "
         "internal_troops_hq, territorial_command, military_unit";
}

const std::vector<UnitKind>& AllowedParentKinds(UnitKind kind) {
  static const std::vector<UnitKind> kNone;
  static const std::vector<UnitKind> kMinistry = {opsreport::v1::UNIT_KIND_MINISTRY};
  static const std::vector<UnitKind> kDirectorate = {opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE};
  static const std::vector<UnitKind> kTroopsHq = {opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ};
  // 002 §5.2: a military unit reports through its territorial command, or
  // straight to ГУВВ when it is directly subordinate.
  static const std::vector<UnitKind> kCommandOrHq = {opsreport::v1::UNIT_KIND_TERRITORIAL_COMMAND,
                                                     opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ};
  switch (kind) {
    case opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT:
    case opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE:
    case opsreport::v1::UNIT_KIND_HIGHER_EDUCATION:
    case opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ:
      return kMinistry;
    case opsreport::v1::UNIT_KIND_DISTRICT_UNIT:
      return kDirectorate;
    case opsreport::v1::UNIT_KIND_TERRITORIAL_COMMAND:
      return kTroopsHq;
    case opsreport::v1::UNIT_KIND_MILITARY_UNIT:
      return kCommandOrHq;
    default:
      return kNone;
  }
}

bool IsMinistryLevel(UnitKind kind) {
  return kind == opsreport::v1::UNIT_KIND_MINISTRY ||
         kind == opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT ||
         kind == opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ;
}

}  // namespace opsreport::org
