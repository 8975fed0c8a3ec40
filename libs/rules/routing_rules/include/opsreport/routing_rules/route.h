#pragma once
// The path a special report or supplement takes up the organisation tree
// (002 §2–§6, DOMAIN §1, §5): the ordered chain of levels that must each
// receive, acknowledge and forward it, plus the side deliveries (copies and
// notices) that receive it without forwarding.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::routing_rules {

// One transmission between two levels; seq counts from 1 at the origin.
struct Hop {
  int seq = 0;
  std::string from_unit;
  std::string to_unit;
  bool operator==(const Hop&) const = default;
};

struct Route {
  std::string origin_unit;
  // Empty when the origin is itself the last level the item must reach
  // (a regional directorate filing a region-only item).
  std::vector<Hop> chain;
  // Units that get the full document without forwarding it: the origin's
  // data-given copy unit (002 §4.2: the Ministry HR department) first, then
  // the addressees the document names, in order, without duplicates and
  // without units on the chain.
  std::vector<std::string> copies;
  // Regional units informed of the event where the origin is located or
  // stationed (002 §4.2, §5.3), unless already on the chain or copied.
  std::vector<std::string> notices;
  // The last level of the chain (the origin for an empty chain).
  std::string final_unit;
  bool operator==(const Route&) const = default;
};

// Plans the route of a document filed by `origin_unit` about `item`:
//  - district unit -> its regional directorate -> Ministry;
//  - internal troops (military unit, territorial command) -> ... -> ГУВВ ->
//    Ministry along the parent chain, with a notice to the region where the
//    unit is stationed (002 §5.2–5.5);
//  - higher-education institution -> Ministry directly, a copy to the Ministry
//    HR department and a notice to the region of its location (002 §4.2);
//  - a regional directorate or ГУВВ filing itself -> Ministry.
// A region-only item (REACH_REGION) stops at the first regional level:
// the regional directorate, ГУВВ for internal troops, and for an institution
// the regional directorate of its location.
// `named_copies` are the addressees and copy addressees the document names.
// INVALID_ARGUMENT naming every fault: an unknown or empty origin or copy,
// an origin kind that cannot file upward (Ministry, Ministry department),
// an item without reach.
absl::StatusOr<Route> PlanRoute(const org::OrgDirectory& org, const v1::CatalogueItem& item,
                                const std::string& origin_unit,
                                const std::vector<std::string>& named_copies);

// "1001>1000>0001 copies[2600] notices[1400]": for logs and test messages.
std::string RouteToString(const Route& route);

}  // namespace opsreport::routing_rules
