#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "loaders.h"
#include "unit_kinds.h"

namespace opsreport::org {
namespace {

using catalogue::FileErrors;
using catalogue::IsNone;
using opsreport::v1::Unit;
using opsreport::v1::UnitKind;

enum Column { kCode, kKind, kName, kParent, kRegion, kCopyTo, kInformRegion };
const std::vector<std::string_view> kColumns = {"code",   "kind",    "name",         "parent",
                                                "region", "copy_to", "inform_region"};

constexpr size_t kMaxCodeLength = 10;

bool IsValidCode(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeLength) return false;
  for (char c : code) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string KindName(UnitKind kind) { return std::string(UnitKindName(kind)); }

// Checks the references of one unit against all units read.
class Checker {
 public:
  Checker(const std::vector<LoadedUnit>& units, FileErrors& errors)
      : units_(units), errors_(errors) {
    for (size_t i = 0; i < units.size(); ++i) by_code_.emplace(units[i].unit.code(), i);
  }

  const LoadedUnit* Find(const std::string& code) const {
    auto it = by_code_.find(code);
    return it == by_code_.end() ? nullptr : &units_[it->second];
  }

  void CheckMinistryCount() {
    const LoadedUnit* first = nullptr;
    for (const LoadedUnit& u : units_) {
      if (u.unit.kind() != opsreport::v1::UNIT_KIND_MINISTRY) continue;
      if (first == nullptr) {
        first = &u;
      } else {
        Fail(u, kKind,
             absl::StrCat("a second ministry (the ministry is ", first->unit.code(), " on line ",
                          first->line, ")"));
      }
    }
    if (first == nullptr) errors_.AddForFile("no unit of kind ministry");
  }

  void CheckParent(const LoadedUnit& u) {
    const Unit& unit = u.unit;
    if (unit.kind() == opsreport::v1::UNIT_KIND_MINISTRY) {
      if (!unit.parent_code().empty()) Fail(u, kParent, "the ministry has no parent; write -");
      return;
    }
    if (unit.parent_code().empty()) {
      // An unknown kind already has its own fault; a missing parent would add noise.
      if (unit.kind() != opsreport::v1::UNIT_KIND_UNSPECIFIED) {
        Fail(u, kParent, absl::StrCat("required for kind ", KindName(unit.kind())));
      }
      return;
    }
    const LoadedUnit* parent = Find(unit.parent_code());
    if (parent == nullptr) {
      Fail(u, kParent, absl::StrCat("unknown unit ", unit.parent_code()));
      return;
    }
    const auto& allowed = AllowedParentKinds(unit.kind());
    if (unit.kind() == opsreport::v1::UNIT_KIND_UNSPECIFIED ||
        parent->unit.kind() == opsreport::v1::UNIT_KIND_UNSPECIFIED) {
      return;
    }
    for (UnitKind k : allowed) {
      if (k == parent->unit.kind()) return;
    }
    std::vector<std::string> names;
    for (UnitKind k : allowed) names.push_back(KindName(k));
    Fail(u, kParent,
         absl::StrCat("kind ", KindName(unit.kind()), " must report to a unit of kind ",
                      absl::StrJoin(names, " or "), ", but ", parent->unit.code(), " is of kind ",
                      KindName(parent->unit.kind())));
  }

  void CheckRegion(const LoadedUnit& u) {
    const Unit& unit = u.unit;
    UnitKind kind = unit.kind();
    if (kind == opsreport::v1::UNIT_KIND_UNSPECIFIED) return;
    if (IsMinistryLevel(kind)) {
      if (!unit.region_code().empty()) {
        Fail(u, kRegion,
             absl::StrCat("must be - for a ", KindName(kind), " (it has no territory of its own)"));
      }
      return;
    }
    if (unit.region_code().empty()) {
      if (kind != opsreport::v1::UNIT_KIND_TERRITORIAL_COMMAND) {
        Fail(u, kRegion, absl::StrCat("required for kind ", KindName(kind)));
      }
      return;
    }
    if (!CheckIsDirectorate(u, kRegion, unit.region_code())) return;
    if (kind == opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE &&
        unit.region_code() != unit.code()) {
      Fail(u, kRegion,
           absl::StrCat("a regional directorate's region is itself (", unit.code(), ")"));
    }
    const LoadedUnit* parent = Find(unit.parent_code());
    if (kind == opsreport::v1::UNIT_KIND_DISTRICT_UNIT && parent != nullptr &&
        parent->unit.kind() == opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE &&
        unit.region_code() != unit.parent_code()) {
      Fail(u, kRegion, absl::StrCat("must equal the parent directorate ", unit.parent_code()));
    }
  }

  void CheckSpecialPaths(const LoadedUnit& u) {
    const Unit& unit = u.unit;
    bool institution = unit.kind() == opsreport::v1::UNIT_KIND_HIGHER_EDUCATION;
    if (!unit.copy_to_code().empty()) {
      const LoadedUnit* target = Find(unit.copy_to_code());
      if (target == nullptr) {
        Fail(u, kCopyTo, absl::StrCat("unknown unit ", unit.copy_to_code()));
      } else if (target == &u) {
        Fail(u, kCopyTo, "a unit cannot copy to itself");
      } else if (institution &&
                 target->unit.kind() != opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT) {
        Fail(u, kCopyTo,
             absl::StrCat("a higher_education institution copies to a Ministry "
                          "department (002 §4.2), but ",
                          target->unit.code(), " is of kind ", KindName(target->unit.kind())));
      }
    } else if (institution) {
      Fail(u, kCopyTo, "required for kind higher_education: the Ministry HR department (002 §4.2)");
    }
    if (!unit.inform_region_code().empty()) {
      CheckIsDirectorate(u, kInformRegion, unit.inform_region_code());
    } else if (institution || unit.kind() == opsreport::v1::UNIT_KIND_MILITARY_UNIT) {
      Fail(u, kInformRegion,
           absl::StrCat("required for kind ", KindName(unit.kind()),
                        ": the regional directorate of its location (002 §4.2, §5.3)"));
    }
  }

  // Reports every unit that is its own ancestor, once per cycle.
  void CheckCycles() {
    std::set<std::string> reported;
    for (const LoadedUnit& start : units_) {
      if (reported.count(start.unit.code())) continue;
      std::vector<std::string> path = {start.unit.code()};
      const LoadedUnit* at = Find(start.unit.parent_code());
      bool cycle = false;
      for (size_t steps = 0; at != nullptr && steps <= units_.size(); ++steps) {
        path.push_back(at->unit.code());
        if (at == &start) {
          cycle = true;
          break;
        }
        at = Find(at->unit.parent_code());
      }
      if (!cycle) continue;
      reported.insert(path.begin(), path.end());
      Fail(start, kParent, absl::StrCat("cycle ", absl::StrJoin(path, " -> ")));
    }
  }

 private:
  bool CheckIsDirectorate(const LoadedUnit& u, Column col, const std::string& code) {
    const LoadedUnit* target = Find(code);
    if (target == nullptr) {
      Fail(u, col, absl::StrCat("unknown unit ", code));
      return false;
    }
    if (target->unit.kind() != opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE) {
      Fail(u, col,
           absl::StrCat(code, " is of kind ", KindName(target->unit.kind()),
                        ", not regional_directorate"));
      return false;
    }
    return true;
  }

  void Fail(const LoadedUnit& u, Column col, std::string_view message) {
    errors_.Add(u.line, kColumns[col], message);
  }

  const std::vector<LoadedUnit>& units_;
  FileErrors& errors_;
  std::map<std::string, size_t> by_code_;
};

}  // namespace

std::vector<LoadedUnit> LoadUnits(std::string_view text, FileErrors& errors) {
  catalogue::TsvTable table = catalogue::ParseTsv(text, kColumns, errors);
  std::vector<LoadedUnit> units;
  std::map<std::string, int> code_lines;
  for (const catalogue::TsvRow& row : table.rows) {
    const auto& c = row.cells;
    auto fail = [&](Column col, std::string_view message) {
      errors.Add(row.line, kColumns[col], message);
    };
    bool cells_ok = true;
    for (size_t col = 0; col < c.size(); ++col) {
      if (c[col].empty()) {
        fail(static_cast<Column>(col), "empty value; write - for none");
        cells_ok = false;
      }
    }
    if (!cells_ok) continue;
    LoadedUnit u;
    u.line = row.line;
    Unit& unit = u.unit;
    bool code_ok = false;
    if (!IsValidCode(c[kCode])) {
      fail(kCode,
           absl::StrCat("bad code \"", c[kCode], "\": expected 1-", kMaxCodeLength, " digits"));
    } else if (auto it = code_lines.find(c[kCode]); it != code_lines.end()) {
      fail(kCode, absl::StrCat("duplicate code ", c[kCode], " (first on line ", it->second, ")"));
    } else {
      code_lines.emplace(c[kCode], row.line);
      code_ok = true;
    }
    unit.set_code(c[kCode]);
    if (auto kind = ParseUnitKind(c[kKind])) {
      unit.set_kind(*kind);
    } else {
      fail(kKind, absl::StrCat("unknown kind \"", c[kKind], "\": expected one of ",
                               std::string(UnitKindNames())));
    }
    if (IsNone(c[kName])) fail(kName, "must not be empty");
    unit.set_name(c[kName]);
    // References are checked once every code is known: a malformed one is
    // simply an unknown unit.
    auto ref = [&](Column col, void (Unit::*set)(const std::string&)) {
      if (!IsNone(c[col])) (unit.*set)(c[col]);
    };
    ref(kParent, &Unit::set_parent_code);
    ref(kRegion, &Unit::set_region_code);
    ref(kCopyTo, &Unit::set_copy_to_code);
    ref(kInformRegion, &Unit::set_inform_region_code);
    if (code_ok) units.push_back(std::move(u));
  }

  // A file whose header could not be read has no rows; "no ministry" would be noise.
  if (table.rows.empty() && !errors.empty()) return units;
  Checker checker(units, errors);
  checker.CheckMinistryCount();
  for (const LoadedUnit& u : units) {
    checker.CheckParent(u);
    checker.CheckRegion(u);
    checker.CheckSpecialPaths(u);
  }
  checker.CheckCycles();
  return units;
}

}  // namespace opsreport::org
