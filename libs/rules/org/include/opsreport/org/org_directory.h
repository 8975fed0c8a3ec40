#pragma once
// The organisation tree (DOMAIN §1) and its officials, loaded from data:
// who reports to whom, the special paths of institutions and internal troops
// (002 §4.2, §5.2–5.5), and who may sign a unit's reports (002 §2.4).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::org {

enum class OfficialRole { kHead, kFirstDeputy, kDeputy, kDutyOfficer };

// "head", "first_deputy", "deputy", "duty_officer".
std::string_view OfficialRoleName(OfficialRole role);

struct Official {
  std::string unit_code;
  std::string full_name;
  std::string position;
  OfficialRole role;
};

class OrgDirectory {
 public:
  static absl::StatusOr<OrgDirectory> LoadFiles(const std::string& units_path,
                                                const std::string& officials_path);
  // The names only label errors ("file:line: column <name>: message").
  static absl::StatusOr<OrgDirectory> Parse(std::string_view units_text,
                                            std::string_view units_name,
                                            std::string_view officials_text,
                                            std::string_view officials_name);

  const opsreport::v1::Unit* Find(std::string_view code) const;
  const opsreport::v1::Unit& ministry() const { return units_[ministry_index_]; }
  // Parent first, up to and including the Ministry; empty for the Ministry
  // itself and for an unknown code.
  std::vector<const opsreport::v1::Unit*> AncestorsOf(std::string_view code) const;
  // Direct children in file order.
  std::vector<const opsreport::v1::Unit*> ChildrenOf(std::string_view code) const;
  // True when `code` is `ancestor` or lies in its subtree (both must exist).
  bool InSubtree(std::string_view ancestor, std::string_view code) const;

  // In file order.
  std::vector<const Official*> OfficialsOf(std::string_view unit_code) const;
  // The unit's official of that name (whitespace-insensitive), or nullptr.
  const Official* FindOfficial(std::string_view unit_code, std::string_view full_name) const;
  bool IsOfficial(std::string_view unit_code, std::string_view full_name) const {
    return FindOfficial(unit_code, full_name) != nullptr;
  }
  // A head may sign as SIGNER_CAPACITY_HEAD; a first deputy or deputy as
  // SIGNER_CAPACITY_ACTING (002 §2.4, DOMAIN §1). OK, or PERMISSION_DENIED
  // (the person may not sign so) / INVALID_ARGUMENT (unknown unit, capacity
  // not given) with the precise reason.
  absl::Status CheckSigner(std::string_view unit_code, std::string_view full_name,
                           opsreport::v1::SignerCapacity capacity) const;

  const std::vector<opsreport::v1::Unit>& units() const { return units_; }
  const std::vector<Official>& officials() const { return officials_; }

 private:
  std::vector<opsreport::v1::Unit> units_;
  size_t ministry_index_ = 0;
  std::map<std::string, size_t, std::less<>> index_;
  std::map<std::string, std::vector<size_t>, std::less<>> children_;
  std::vector<Official> officials_;
  std::map<std::string, std::vector<size_t>, std::less<>> officials_by_unit_;
};

}  // namespace opsreport::org
