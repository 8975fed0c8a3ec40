#include "opsreport/routing_rules/route.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "opsreport/base/violations.h"

namespace opsreport::routing_rules {
namespace {

using v1::Unit;
using v1::UnitKind;

bool Contains(const std::vector<std::string>& list, const std::string& code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

// The level at which a region-only item stops: the regional directorate for
// police units, ГУВВ for internal troops (the Перелік names МВС, ГУМВС/УМВС
// and ГУВВ as its recipients, 002 §1.2).
bool IsRegionalLevel(UnitKind kind) {
  return kind == v1::UNIT_KIND_REGIONAL_DIRECTORATE || kind == v1::UNIT_KIND_INTERNAL_TROOPS_HQ;
}

bool IsInternalTroops(UnitKind kind) {
  return kind == v1::UNIT_KIND_MILITARY_UNIT || kind == v1::UNIT_KIND_TERRITORIAL_COMMAND;
}

// Where the origin is located or stationed, for the notice of 002 §4.2 and
// §5.3. The data names it in inform_region; a territorial command may leave
// that out, and §5.3 still has it inform the region it is stationed in.
std::string LocationRegion(const Unit& origin) {
  if (!origin.inform_region_code().empty()) return origin.inform_region_code();
  if (IsInternalTroops(origin.kind()) || origin.kind() == v1::UNIT_KIND_HIGHER_EDUCATION) {
    return origin.region_code();
  }
  return "";
}

std::string KindName(UnitKind kind) { return v1::UnitKind_Name(kind); }

// Why a kind cannot file upward; empty when it can.
std::string CannotOriginate(const Unit& u) {
  switch (u.kind()) {
    case v1::UNIT_KIND_DISTRICT_UNIT:
    case v1::UNIT_KIND_REGIONAL_DIRECTORATE:
    case v1::UNIT_KIND_HIGHER_EDUCATION:
    case v1::UNIT_KIND_INTERNAL_TROOPS_HQ:
    case v1::UNIT_KIND_TERRITORIAL_COMMAND:
    case v1::UNIT_KIND_MILITARY_UNIT:
      return "";
    case v1::UNIT_KIND_MINISTRY:
      return absl::StrCat(
          "unit ", u.code(),
          " is the Ministry duty unit, the top of every chain; it files nothing upward");
    case v1::UNIT_KIND_MINISTRY_DEPARTMENT:
      return absl::StrCat("unit ", u.code(),
                          " is a Ministry department; it receives copies (002 §4.2) and files no "
                          "special reports up the chain");
    default:
      return absl::StrCat("unit ", u.code(), " has kind ", KindName(u.kind()),
                          ", which cannot originate a special report");
  }
}

// The chain levels above `origin`, nearest first, ending at the level the
// item must reach. Empty when the origin itself is that level.
std::vector<std::string> Levels(const org::OrgDirectory& org, const Unit& origin, v1::Reach reach,
                                base::Violations& errors) {
  std::vector<std::string> levels;
  if (origin.kind() == v1::UNIT_KIND_HIGHER_EDUCATION && reach == v1::REACH_REGION) {
    // An institution has no regional level above it (its parent is the
    // Ministry, 002 §4.2); for a region-only item the regional directorate of
    // its location is that level.
    std::string region = LocationRegion(origin);
    if (region.empty() || org.Find(region) == nullptr) {
      errors.Add("origin_unit",
                 absl::StrCat("institution ", origin.code(),
                              " names no known region of location for a region-only item"));
    } else {
      levels.push_back(region);
    }
    return levels;
  }
  if (reach == v1::REACH_REGION && IsRegionalLevel(origin.kind())) return levels;
  for (const Unit* up : org.AncestorsOf(origin.code())) {
    levels.push_back(up->code());
    if (reach == v1::REACH_REGION && IsRegionalLevel(up->kind())) return levels;
  }
  if (reach == v1::REACH_REGION) {
    errors.Add("origin_unit",
               absl::StrCat("unit ", origin.code(),
                            " has no regional level above it for a region-only item"));
    levels.clear();
  }
  return levels;
}

}  // namespace

absl::StatusOr<Route> PlanRoute(const org::OrgDirectory& org, const v1::CatalogueItem& item,
                                const std::string& origin_unit,
                                const std::vector<std::string>& named_copies) {
  base::Violations errors;
  const Unit* origin = nullptr;
  if (origin_unit.empty()) {
    errors.Add("origin_unit", "must not be empty");
  } else if ((origin = org.Find(origin_unit)) == nullptr) {
    errors.Add("origin_unit", absl::StrCat("unknown unit ", origin_unit));
  } else if (std::string why = CannotOriginate(*origin); !why.empty()) {
    errors.Add("origin_unit", why);
    origin = nullptr;
  }
  if (item.reach() != v1::REACH_REGION && item.reach() != v1::REACH_MINISTRY) {
    errors.Add("item.reach", absl::StrCat("catalogue item ", item.number(), " has reach ",
                                          v1::Reach_Name(item.reach()),
                                          "; expected REACH_REGION or REACH_MINISTRY"));
  }
  for (size_t i = 0; i < named_copies.size(); ++i) {
    const std::string field = absl::StrCat("named_copies[", i, "]");
    if (named_copies[i].empty()) {
      errors.Add(field, "must not be empty");
    } else if (org.Find(named_copies[i]) == nullptr) {
      errors.Add(field, absl::StrCat("unknown unit ", named_copies[i]));
    }
  }
  std::vector<std::string> levels;
  if (origin != nullptr && errors.empty()) levels = Levels(org, *origin, item.reach(), errors);
  if (!errors.empty()) return errors.ToStatus("route");

  Route route;
  route.origin_unit = origin_unit;
  std::vector<std::string> on_chain = {origin_unit};
  std::string from = origin_unit;
  for (const std::string& to : levels) {
    route.chain.push_back({static_cast<int>(route.chain.size()) + 1, from, to});
    on_chain.push_back(to);
    from = to;
  }
  route.final_unit = from;

  auto add_copy = [&](const std::string& code) {
    if (code.empty() || Contains(on_chain, code) || Contains(route.copies, code)) return;
    route.copies.push_back(code);
  };
  add_copy(origin->copy_to_code());
  for (const std::string& code : named_copies) add_copy(code);

  // A copy already informs its unit; a second, lesser delivery would double it.
  std::string region = LocationRegion(*origin);
  if (!region.empty() && !Contains(on_chain, region) && !Contains(route.copies, region)) {
    route.notices.push_back(region);
  }
  return route;
}

std::string RouteToString(const Route& route) {
  std::vector<std::string> levels = {route.origin_unit};
  for (const Hop& hop : route.chain) levels.push_back(hop.to_unit);
  return absl::StrCat(absl::StrJoin(levels, ">"), " copies[", absl::StrJoin(route.copies, ","),
                      "] notices[", absl::StrJoin(route.notices, ","), "]");
}

}  // namespace opsreport::routing_rules
