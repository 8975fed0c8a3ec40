#pragma once
// The capacities in which an officer (or a service) calls another service.

#include <string_view>

#include "absl/status/statusor.h"

namespace opsreport::auth {

enum class Role {
  kDutyOfficer,  // черговий
  kHead,         // начальник підрозділу
  kActingHead,   // тимчасово виконуючий обов'язки начальника
  kHqAnalyst,    // аналітик штабу
  kChair,        // голова комісії
  kSecretary,    // секретар комісії
  kService,      // one of our own services calling another
  kOperator,     // who runs the system: sees and replays parked records
};

// Stable snake_case names ("duty_officer", "acting_head", ...), used inside
// credentials: a rename breaks every token already issued.
std::string_view RoleName(Role role);

// INVALID_ARGUMENT naming the text and the accepted names when unknown.
absl::StatusOr<Role> ParseRole(std::string_view name);

}  // namespace opsreport::auth
