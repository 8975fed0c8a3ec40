#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "opsreport/base/violations.h"

namespace opsreport::catalogue::testing_util {

// Every "file:line: column <name>: message" of a rejection, in order.
inline std::vector<std::string> ErrorLines(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(status))
    out.push_back(v.field + ": " + v.message);
  return out;
}

}  // namespace opsreport::catalogue::testing_util
