#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "loaders.h"
#include "names.h"

namespace opsreport::org {
namespace {

using catalogue::FileErrors;
using catalogue::IsNone;

enum Column { kUnitCode, kFullName, kPosition, kRole };
const std::vector<std::string_view> kColumns = {"unit_code", "full_name", "position", "role"};

std::optional<OfficialRole> ParseRole(std::string_view name) {
  for (OfficialRole r : {OfficialRole::kHead, OfficialRole::kFirstDeputy, OfficialRole::kDeputy,
                         OfficialRole::kDutyOfficer}) {
    if (OfficialRoleName(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace

std::string_view OfficialRoleName(OfficialRole role) {
  switch (role) {
    case OfficialRole::kHead:
      return "head";
    case OfficialRole::kFirstDeputy:
      return "first_deputy";
    case OfficialRole::kDeputy:
      return "deputy";
    case OfficialRole::kDutyOfficer:
      return "duty_officer";
  }
  return "unknown";
}

LoadedOfficials LoadOfficials(std::string_view text, const std::vector<LoadedUnit>& units,
                              bool check_units, FileErrors& errors) {
  std::set<std::string> unit_codes;
  for (const LoadedUnit& u : units) unit_codes.insert(u.unit.code());
  catalogue::TsvTable table = catalogue::ParseTsv(text, kColumns, errors);
  LoadedOfficials out;
  out.readable = table.header_line > 0 && (!table.rows.empty() || errors.empty());
  // (unit, name) -> line; (unit, sole role) -> line.
  std::map<std::pair<std::string, std::string>, int> name_lines;
  std::map<std::pair<std::string, OfficialRole>, int> sole_role_lines;
  for (const catalogue::TsvRow& row : table.rows) {
    const auto& c = row.cells;
    bool ok = true;
    auto fail = [&](Column col, std::string_view message) {
      errors.Add(row.line, kColumns[col], message);
      ok = false;
    };
    for (size_t col = 0; col < c.size(); ++col) {
      if (c[col].empty() || IsNone(c[col])) fail(static_cast<Column>(col), "must not be empty");
    }
    if (!ok) continue;
    Official o;
    o.unit_code = c[kUnitCode];
    o.full_name = NormalizeName(c[kFullName]);
    o.position = c[kPosition];
    if (check_units && !unit_codes.count(o.unit_code)) {
      fail(kUnitCode, absl::StrCat("unknown unit ", o.unit_code));
    }
    if (o.full_name.find(' ') == std::string::npos) {
      fail(kFullName,
           absl::StrCat("\"", o.full_name, "\": expected surname, name and patronymic in full"));
    } else if (auto [it, inserted] = name_lines.try_emplace({o.unit_code, o.full_name}, row.line);
               !inserted) {
      fail(kFullName, absl::StrCat(o.full_name, " is already listed for unit ", o.unit_code,
                                   " (line ", it->second, ")"));
    }
    if (auto role = ParseRole(c[kRole])) {
      o.role = *role;
      if (o.role == OfficialRole::kHead) out.headed_units.insert(o.unit_code);
      if (o.role == OfficialRole::kHead || o.role == OfficialRole::kFirstDeputy) {
        auto [it, inserted] = sole_role_lines.try_emplace({o.unit_code, o.role}, row.line);
        if (!inserted) {
          fail(kRole,
               absl::StrCat("unit ", o.unit_code, " already has a ",
                            std::string(OfficialRoleName(o.role)), " (line ", it->second, ")"));
        }
      }
    } else {
      fail(kRole, absl::StrCat("unknown role \"", c[kRole],
                               "\": expected head, first_deputy, deputy or duty_officer"));
    }
    if (ok) out.officials.push_back({std::move(o), row.line});
  }
  return out;
}

}  // namespace opsreport::org
