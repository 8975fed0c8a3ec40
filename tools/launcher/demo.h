#pragma once
// Demo data for a freshly started stack: a few reports and a supplement filed
// through the public gRPC API as the sample district's duty officer. The
// idempotency keys carry the minute the reports are built from: a second run
// within it is a no-op, a later one adds a new set. The regional duty desk then
// acknowledges the murder report and forwards it to the Ministry, so every
// view has something to show.

#include <string>

#include "absl/status/status.h"

namespace opsreport::launcher {

// Files the demo documents; prints each outgoing number to stdout.
absl::Status LoadDemoData(const std::string& intake_address, const std::string& routing_address,
                          const std::string& key_file);

}  // namespace opsreport::launcher
