#pragma once
// absl::Status <-> grpc::Status at the handler edge. Handlers work in
// absl::Status; the last line of a handler is `return ToGrpcStatus(status);`.
//
// An INVALID_ARGUMENT built by base::Violations::ToStatus also travels as a
// serialized opsreport.v1.Violations in grpc::Status::error_details, so the
// caller gets every field at fault, not only the flattened message.

#include <vector>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "opsreport/base/violations.h"

namespace opsreport::grpc_util {

// Same code and message; codes outside gRPC's range become UNKNOWN.
grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, restoring the violations payload from error_details.
absl::Status FromGrpcStatus(const grpc::Status& status);

// The violations carried by an INVALID_ARGUMENT status; empty otherwise or
// when error_details is absent or not an opsreport.v1.Violations.
std::vector<base::Violation> ViolationsOf(const grpc::Status& status);

}  // namespace opsreport::grpc_util
