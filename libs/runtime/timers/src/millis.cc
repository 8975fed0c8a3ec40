#include "millis.h"

#include <cmath>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace opsreport::timers::internal {

absl::StatusOr<int64_t> DueMillis(absl::Time due) {
  if (due == absl::InfiniteFuture() || due == absl::InfinitePast()) {
    return absl::InvalidArgumentError("is infinite");
  }
  int64_t ms = absl::ToUnixMillis(due);  // floors
  if (absl::FromUnixMillis(ms) < due) ++ms;
  if (ms > kMaxExactMillis || ms < -kMaxExactMillis) {
    return absl::InvalidArgumentError(
        absl::StrCat(absl::FormatTime(due), " is beyond 2^53 ms from the epoch"));
  }
  return ms;
}

std::string NowArg(absl::Time now) {
  if (now == absl::InfiniteFuture()) return "+inf";
  if (now == absl::InfinitePast()) return "-inf";
  return absl::StrCat(absl::ToUnixMillis(now));
}

absl::StatusOr<absl::Time> ParseMillis(std::string_view text, std::string_view what) {
  double value = 0;
  if (!absl::SimpleAtod(absl::string_view(text.data(), text.size()), &value) ||
      !std::isfinite(value)) {
    return absl::DataLossError(
        absl::StrCat(std::string(what), ": '", std::string(text), "' is not a time in ms"));
  }
  return absl::FromUnixMillis(std::llround(value));
}

}  // namespace opsreport::timers::internal
