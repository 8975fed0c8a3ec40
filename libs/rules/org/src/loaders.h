#pragma once
// Reading and validating the two data files of the organisation directory.

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "opsreport/catalogue/tsv_table.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::org {

struct LoadedUnit {
  opsreport::v1::Unit unit;
  int line = 0;
};

// Every unit whose code is valid and unique (so references to it resolve),
// even when other columns are at fault; every fault goes to `errors`.
std::vector<LoadedUnit> LoadUnits(std::string_view text, catalogue::FileErrors& errors);

struct LoadedOfficial {
  Official official;
  int line = 0;
};

struct LoadedOfficials {
  std::vector<LoadedOfficial> officials;  // rows without faults
  // Units with a row whose role is head, even if another column of that row
  // is at fault (so a bad name is not reported again as a missing head).
  std::set<std::string> headed_units;
  bool readable = false;  // false when the header could not be read
};

// Unit codes are checked against `units` unless `check_units` is false (the
// units file could not be read, and every row would be noise).
LoadedOfficials LoadOfficials(std::string_view text, const std::vector<LoadedUnit>& units,
                              bool check_units, catalogue::FileErrors& errors);

}  // namespace opsreport::org
