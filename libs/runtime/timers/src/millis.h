#pragma once
// Timer instants as Redis sorted-set scores: Unix milliseconds. Scores are
// doubles, exact up to 2^53 ms (year ~287000), far beyond any deadline.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::timers::internal {

inline constexpr int64_t kMaxExactMillis = int64_t{1} << 53;

// Due instants round up so a timer never fires before it is due. Infinite
// or beyond ±2^53 ms: INVALID_ARGUMENT whose message is the violation text
// ("is infinite"), for the caller to attach to the field.
absl::StatusOr<int64_t> DueMillis(absl::Time due);
// "now" rounds down (the same reason); the infinities become "-inf"/"+inf".
std::string NowArg(absl::Time now);
// A score or recorded due as Redis prints it ("1773144000000", or in
// exponent form "1.774e+12" on newer servers). DATA_LOSS when unparsable.
absl::StatusOr<absl::Time> ParseMillis(std::string_view text, std::string_view what);

}  // namespace opsreport::timers::internal
