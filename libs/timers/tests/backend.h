#pragma once
// The store behind the contract cases; each test binary links one
// definition: fake_backend.cc (FakeClient + C++ script stand-ins) or
// redis_backend.cc (a real redis-server shared by the binary).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"

namespace opsreport::timers::testing {

// A client over an empty database.
absl::StatusOr<std::unique_ptr<redis::Client>> NewEmptyBackend();

// Integration binary only: another connection pool to the same server,
// nothing flushed (a second "process").
absl::StatusOr<std::unique_ptr<redis::Client>> ConnectAgain();

}  // namespace opsreport::timers::testing
