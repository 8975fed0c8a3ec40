#pragma once
// How the client reports a transaction Redis refused to queue.

#include <string>

#include "absl/status/status.h"

namespace opsreport::redis::internal {

// A command Redis refused to queue inside MULTI (unknown, wrong arity): the
// transaction as written can never run, a caller bug rather than a transient
// fault, so FAILED_PRECONDITION whatever the Redis error code.
absl::Status QueueingError(const std::string& error, size_t index, const std::string& name);

}  // namespace opsreport::redis::internal
