#pragma once

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace opsreport::reconciliation::internal {

inline absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

}  // namespace opsreport::reconciliation::internal
