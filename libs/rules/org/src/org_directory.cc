#include "opsreport/org/org_directory.h"

#include "absl/strings/str_cat.h"
#include "loaders.h"
#include "names.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"

namespace opsreport::org {

using opsreport::v1::SignerCapacity;
using opsreport::v1::Unit;

absl::StatusOr<OrgDirectory> OrgDirectory::LoadFiles(const std::string& units_path,
                                                     const std::string& officials_path) {
  ASSIGN_OR_RETURN(std::string units, catalogue::ReadFileToString(units_path));
  ASSIGN_OR_RETURN(std::string officials, catalogue::ReadFileToString(officials_path));
  return Parse(units, units_path, officials, officials_path);
}

absl::StatusOr<OrgDirectory> OrgDirectory::Parse(std::string_view units_text,
                                                 std::string_view units_name,
                                                 std::string_view officials_text,
                                                 std::string_view officials_name) {
  catalogue::FileErrors unit_errors(units_name);
  catalogue::FileErrors official_errors(officials_name);
  std::vector<LoadedUnit> units = LoadUnits(units_text, unit_errors);
  bool units_readable = !units.empty() || unit_errors.empty();
  LoadedOfficials officials = LoadOfficials(officials_text, units, units_readable, official_errors);

  if (units_readable && officials.readable) {
    for (const LoadedUnit& u : units) {
      if (!officials.headed_units.count(u.unit.code())) {
        unit_errors.Add(
            u.line, "code",
            absl::StrCat("unit ", u.unit.code(), " has no head in ", std::string(officials_name)));
      }
    }
  }

  base::Violations all;
  unit_errors.AppendTo(all);
  official_errors.AppendTo(all);
  RETURN_IF_ERROR(all.ToStatus(absl::StrCat("organisation directory ", std::string(units_name),
                                            " + ", std::string(officials_name))));

  OrgDirectory dir;
  for (LoadedUnit& u : units) {
    size_t i = dir.units_.size();
    if (u.unit.kind() == opsreport::v1::UNIT_KIND_MINISTRY) dir.ministry_index_ = i;
    dir.index_.emplace(u.unit.code(), i);
    if (!u.unit.parent_code().empty()) dir.children_[u.unit.parent_code()].push_back(i);
    dir.units_.push_back(std::move(u.unit));
  }
  for (LoadedOfficial& o : officials.officials) {
    dir.officials_by_unit_[o.official.unit_code].push_back(dir.officials_.size());
    dir.officials_.push_back(std::move(o.official));
  }
  return dir;
}

const Unit* OrgDirectory::Find(std::string_view code) const {
  auto it = index_.find(code);
  return it == index_.end() ? nullptr : &units_[it->second];
}

std::vector<const Unit*> OrgDirectory::AncestorsOf(std::string_view code) const {
  std::vector<const Unit*> out;
  const Unit* at = Find(code);
  // The loader rejects cycles; the bound only guards against a broken invariant.
  while (at != nullptr && !at->parent_code().empty() && out.size() < units_.size()) {
    at = Find(at->parent_code());
    if (at != nullptr) out.push_back(at);
  }
  return out;
}

std::vector<const Unit*> OrgDirectory::ChildrenOf(std::string_view code) const {
  std::vector<const Unit*> out;
  auto it = children_.find(code);
  if (it == children_.end()) return out;
  for (size_t i : it->second) out.push_back(&units_[i]);
  return out;
}

bool OrgDirectory::InSubtree(std::string_view ancestor, std::string_view code) const {
  if (Find(ancestor) == nullptr || Find(code) == nullptr) return false;
  if (ancestor == code) return true;
  for (const Unit* u : AncestorsOf(code)) {
    if (u->code() == ancestor) return true;
  }
  return false;
}

std::vector<const Official*> OrgDirectory::OfficialsOf(std::string_view unit_code) const {
  std::vector<const Official*> out;
  auto it = officials_by_unit_.find(unit_code);
  if (it == officials_by_unit_.end()) return out;
  for (size_t i : it->second) out.push_back(&officials_[i]);
  return out;
}

const Official* OrgDirectory::FindOfficial(std::string_view unit_code,
                                           std::string_view full_name) const {
  std::string name = NormalizeName(full_name);
  for (const Official* o : OfficialsOf(unit_code)) {
    if (o->full_name == name) return o;
  }
  return nullptr;
}

absl::Status OrgDirectory::CheckSigner(std::string_view unit_code, std::string_view full_name,
                                       SignerCapacity capacity) const {
  std::string unit(unit_code);
  std::string name = NormalizeName(full_name);
  if (Find(unit_code) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("unknown unit \"", unit, "\""));
  }
  if (capacity != opsreport::v1::SIGNER_CAPACITY_HEAD &&
      capacity != opsreport::v1::SIGNER_CAPACITY_ACTING) {
    return absl::InvalidArgumentError(
        absl::StrCat("signer capacity must be SIGNER_CAPACITY_HEAD or SIGNER_CAPACITY_ACTING, got ",
                     opsreport::v1::SignerCapacity_Name(capacity)));
  }
  if (name.empty()) return absl::InvalidArgumentError("signer name is empty");
  const Official* o = FindOfficial(unit_code, name);
  if (o == nullptr) {
    std::string elsewhere;
    for (const Official& other : officials_) {
      if (other.full_name == name) {
        absl::StrAppend(&elsewhere, elsewhere.empty() ? " (" : ", ",
                        std::string(OfficialRoleName(other.role)), " of unit ", other.unit_code);
      }
    }
    if (!elsewhere.empty()) elsewhere += ")";
    return absl::PermissionDeniedError(
        absl::StrCat(name, " is not an official of unit ", unit, elsewhere));
  }
  switch (o->role) {
    case OfficialRole::kHead:
      if (capacity == opsreport::v1::SIGNER_CAPACITY_HEAD) return absl::OkStatus();
      return absl::PermissionDeniedError(
          absl::StrCat(name, " is the head of unit ", unit,
                       " and signs as SIGNER_CAPACITY_HEAD, not as acting"));
    case OfficialRole::kFirstDeputy:
    case OfficialRole::kDeputy:
      if (capacity == opsreport::v1::SIGNER_CAPACITY_ACTING) return absl::OkStatus();
      return absl::PermissionDeniedError(
          absl::StrCat(name, " is ", std::string(OfficialRoleName(o->role)), " of unit ", unit,
                       ", not its head; a deputy signs only as SIGNER_CAPACITY_ACTING"));
    case OfficialRole::kDutyOfficer:
      return absl::PermissionDeniedError(absl::StrCat(
          name, " is a duty officer of unit ", unit,
          " and may not sign: reports are signed by the head or the person acting for him "
          "(002 §2.4)"));
  }
  return absl::InternalError("unhandled official role");
}

}  // namespace opsreport::org
