#pragma once
// Collects every fault in an input so a rejection names all of them at once,
// each by the path of the field at fault (e.g. "report.persons[1].birth_date").

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace opsreport::base {

struct Violation {
  std::string field;
  std::string message;
  bool operator==(const Violation&) const = default;
};

class Violations {
 public:
  void Add(std::string_view field, std::string_view message);
  void Append(const Violations& other);
  bool empty() const { return items_.empty(); }
  size_t size() const { return items_.size(); }
  const std::vector<Violation>& items() const { return items_; }
  bool HasField(std::string_view field) const;

  // OK when empty; otherwise INVALID_ARGUMENT whose message lists every
  // violation as "field: message" joined by "; ", and whose payload
  // (kPayloadUrl) carries the same list one per line for machine use.
  absl::Status ToStatus(std::string_view what) const;

  static constexpr char kPayloadUrl[] = "type.opsreport/violations";

 private:
  std::vector<Violation> items_;
};

// Parses the payload written by Violations::ToStatus back into violations.
std::vector<Violation> ViolationsFromStatus(const absl::Status& status);

}  // namespace opsreport::base
