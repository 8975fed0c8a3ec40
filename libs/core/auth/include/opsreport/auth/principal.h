#pragma once

#include <string>

#include "absl/time/time.h"
#include "opsreport/auth/role.h"

namespace opsreport::auth {

// Who is calling: an officer of a unit acting in a role, until expires_at.
struct Principal {
  std::string unit_code;  // "код ОВС" of the caller's unit
  std::string officer;    // full name, UTF-8; any character is allowed
  Role role = Role::kDutyOfficer;
  absl::Time expires_at;  // first instant at which the credential is no longer valid

  bool operator==(const Principal&) const = default;
};

}  // namespace opsreport::auth
