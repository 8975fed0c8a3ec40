#pragma once
// Loopback port helpers for starting servers in tests and in the launcher.

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::process {

// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0 and
// read back). Another process may still take it before the caller binds it,
// so servers started on it should be retried on a bind failure.
absl::StatusOr<int> FreeTcpPort();

// Polls until a TCP connect to host:port succeeds. DEADLINE_EXCEEDED (naming
// host:port and the last connect error) when `timeout` passes; INVALID_ARGUMENT
// for a port outside 1..65535 or a host that does not resolve.
absl::Status WaitForTcp(const std::string& host, int port, absl::Duration timeout);

}  // namespace opsreport::process
