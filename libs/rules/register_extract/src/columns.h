#pragma once
// The CSV columns of each extract kind: the header name, where the cell goes
// in RegisterEntry, and whether the header must name it. The path is the one
// ValidateEntry reports, so a fault of a field is named by its column.

#include <string_view>
#include <vector>

#include "google/protobuf/timestamp.pb.h"
#include "opsreport/register_extract/entry_validator.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::register_extract::internal {

enum class CellType {
  kText,        // stored as written (trimmed)
  kInstant,     // ParseInstant, stored as a Timestamp
  kResultKind,  // ParseResultKind
};

struct Column {
  std::string_view name;  // the header's name for it
  std::string_view path;  // ValidateEntry's path for the field
  CellType type;
  bool required;  // the header must name it (its value is required)
  // The one of these that matches `type`. A results row fills results[0], a
  // suspects row suspects[0]; the reader adds that element first.
  std::string* (*text)(v1::RegisterEntry&) = nullptr;
  google::protobuf::Timestamp* (*instant)(v1::RegisterEntry&) = nullptr;
  v1::RegisterResult* (*result)(v1::RegisterEntry&) = nullptr;
};

const std::vector<Column>& ColumnsFor(ExtractKind kind);

}  // namespace opsreport::register_extract::internal
