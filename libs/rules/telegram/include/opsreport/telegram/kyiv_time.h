#pragma once
// Kyiv local time (Europe/Kyiv) as shown on telegrams: "DD.MM.YYYY HH:MM",
// with ":SS" only when the seconds are non-zero. In the autumn hour that
// occurs twice, the UTC offset is appended ("27.10.2024 03:30 (UTC+3)") so
// every instant has exactly one text. Sub-second parts are dropped.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace opsreport::telegram {

std::string FormatKyiv(const google::protobuf::Timestamp& ts);
std::string FormatKyiv(absl::Time t);

// Accepts "D.M.YYYY H:MM[:SS]" with one- or two-digit day, month and hour and
// an optional " (UTC+H[:MM])" suffix. A time skipped by the spring DST change
// is rejected; a repeated autumn time without the suffix takes the earlier
// (summer-time) instant.
absl::StatusOr<google::protobuf::Timestamp> ParseKyiv(std::string_view text);

}  // namespace opsreport::telegram
