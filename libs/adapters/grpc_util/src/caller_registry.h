#pragma once
// Where Caller() finds the verdict of this call. gRPC gives an interceptor no
// per-call slot a handler can read, and the AuthContext is per connection, so
// verdicts are kept process-wide, keyed by the call's ServerContext, from the
// moment the call's headers are checked until the call is destroyed.

#include <optional>

#include "absl/status/statusor.h"
#include "grpcpp/server_context.h"
#include "opsreport/auth/principal.h"

namespace opsreport::grpc_util::internal {

// `owner` (the recording interceptor) guards against a late ForgetVerdict of a
// finished call erasing the verdict of a new call whose ServerContext reuses
// the same address.
void RecordVerdict(const grpc::ServerContextBase* context, const void* owner,
                   absl::StatusOr<auth::Principal> verdict);
void ForgetVerdict(const grpc::ServerContextBase* context, const void* owner);
std::optional<absl::StatusOr<auth::Principal>> FindVerdict(const grpc::ServerContextBase* context);

}  // namespace opsreport::grpc_util::internal
