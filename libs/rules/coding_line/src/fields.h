#pragma once
// Reflection access to CodingLine fields by text position (0..13): the proto
// numbers them 1..14 in text order, so position i is field number i + 1.

#include <string>

#include "google/protobuf/descriptor.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::coding_line::internal {

inline const google::protobuf::FieldDescriptor* FieldAt(int position) {
  return opsreport::v1::CodingLine::descriptor()->FindFieldByNumber(position + 1);
}

inline std::string Get(const opsreport::v1::CodingLine& line, int position) {
  return line.GetReflection()->GetString(line, FieldAt(position));
}

inline void Set(opsreport::v1::CodingLine& line, int position, std::string value) {
  line.GetReflection()->SetString(&line, FieldAt(position), std::move(value));
}

}  // namespace opsreport::coding_line::internal
