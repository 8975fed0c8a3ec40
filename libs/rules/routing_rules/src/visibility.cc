#include "opsreport/routing_rules/visibility.h"

#include <algorithm>

namespace opsreport::routing_rules {

bool MaySee(const org::OrgDirectory& org, std::string_view viewer_unit,
            std::string_view subject_unit) {
  const v1::Unit* viewer = org.Find(viewer_unit);
  if (viewer == nullptr || org.Find(subject_unit) == nullptr) return false;
  if (viewer->kind() == v1::UNIT_KIND_MINISTRY) return true;
  return org.InSubtree(viewer_unit, subject_unit);
}

bool MaySeeRouted(const org::OrgDirectory& org, std::string_view viewer_unit, const Route& route) {
  if (org.Find(viewer_unit) == nullptr) return false;
  if (MaySee(org, viewer_unit, route.origin_unit)) return true;
  auto is_viewer = [&](const std::string& code) { return code == viewer_unit; };
  return std::any_of(route.chain.begin(), route.chain.end(),
                     [&](const Hop& hop) { return is_viewer(hop.to_unit); }) ||
         std::any_of(route.copies.begin(), route.copies.end(), is_viewer) ||
         std::any_of(route.notices.begin(), route.notices.end(), is_viewer);
}

bool MayActOnInbox(std::string_view viewer_unit, std::string_view inbox_unit) {
  return !viewer_unit.empty() && viewer_unit == inbox_unit;
}

}  // namespace opsreport::routing_rules
