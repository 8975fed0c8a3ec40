#include "opsreport/base/violations.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace opsreport::base {

void Violations::Add(std::string_view field, std::string_view message) {
  items_.push_back({std::string(field), std::string(message)});
}

void Violations::Append(const Violations& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Violations::HasField(std::string_view field) const {
  for (const auto& v : items_) {
    if (v.field == field) return true;
  }
  return false;
}

absl::Status Violations::ToStatus(std::string_view what) const {
  if (items_.empty()) return absl::OkStatus();
  std::vector<std::string> parts;
  std::string payload;
  for (const auto& v : items_) {
    parts.push_back(absl::StrCat(v.field, ": ", v.message));
    absl::StrAppend(&payload, v.field, "\t", v.message, "\n");
  }
  absl::Status status =
      absl::InvalidArgumentError(absl::StrCat(std::string(what), " rejected, ", items_.size(),
                                              " violation(s): ", absl::StrJoin(parts, "; ")));
  status.SetPayload(kPayloadUrl, absl::Cord(payload));
  return status;
}

std::vector<Violation> ViolationsFromStatus(const absl::Status& status) {
  std::vector<Violation> out;
  auto payload = status.GetPayload(Violations::kPayloadUrl);
  if (!payload) return out;
  std::string text(*payload);
  for (absl::string_view line : absl::StrSplit(text, '\n', absl::SkipEmpty())) {
    size_t tab = line.find('\t');
    if (tab == absl::string_view::npos) continue;
    out.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
  }
  return out;
}

}  // namespace opsreport::base
