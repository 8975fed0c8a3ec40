#pragma once
// Closed-loop and paced load generation with latency percentiles.

#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace opsreport::bench {

struct LoadResult {
  std::string name;
  int64_t ok = 0;
  int64_t failed = 0;
  double seconds = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  double rate() const { return seconds > 0 ? ok / seconds : 0; }
};

// `clients` threads each call `op(thread, seq)` back to back for `duration`.
// op returns true on success.
LoadResult ClosedLoop(const std::string& name, int clients, absl::Duration duration,
                      const std::function<bool(int, int64_t)>& op);

// Issues `rate` operations per second spread over `clients` threads for `duration`
// (each thread paced on its own schedule; latency counts from the scheduled time).
LoadResult Paced(const std::string& name, int clients, double rate, absl::Duration duration,
                 const std::function<bool(int, int64_t)>& op);

std::string FormatRow(const LoadResult& r);

}  // namespace opsreport::bench
