#pragma once
// Who may see and act on what (issue 3 "Live view", ARCHITECTURE "Identity
// and scope"): a unit sees itself and its subtree, the Ministry sees all, and
// only a level's own desk acts on its inbox.

#include <string_view>

#include "opsreport/org/org_directory.h"
#include "opsreport/routing_rules/route.h"

namespace opsreport::routing_rules {

// True when `subject_unit` is `viewer_unit` or below it, or the viewer is
// the Ministry. False when either unit is unknown.
bool MaySee(const org::OrgDirectory& org, std::string_view viewer_unit,
            std::string_view subject_unit);

// True when the viewer may see a routed document: it may see the origin, or
// the route delivers the document to it (chain level, copy or notice).
bool MaySeeRouted(const org::OrgDirectory& org, std::string_view viewer_unit, const Route& route);

// Only the inbox's own unit acts on it (acknowledge, request data, forward);
// not even a higher level or the Ministry.
bool MayActOnInbox(std::string_view viewer_unit, std::string_view inbox_unit);

}  // namespace opsreport::routing_rules
