#include "opsreport/auth/role.h"

#include <array>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace opsreport::auth {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 8> kRoles = {{
    {Role::kDutyOfficer, "duty_officer"},
    {Role::kHead, "head"},
    {Role::kActingHead, "acting_head"},
    {Role::kHqAnalyst, "hq_analyst"},
    {Role::kChair, "chair"},
    {Role::kSecretary, "secretary"},
    {Role::kService, "service"},
    {Role::kOperator, "operator"},
}};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "unknown";
}

absl::StatusOr<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kRoles) {
    if (n == name) return r;
  }
  std::string accepted;
  for (const auto& [r, n] : kRoles) {
    absl::StrAppend(&accepted, accepted.empty() ? "" : ", ", std::string(n));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown role \"", std::string(name), "\"; expected one of: ", accepted));
}

}  // namespace opsreport::auth
