#pragma once
// The shape of every unary handler: take the verified caller, run the use
// case, convert its absl::Status at the edge.

#include "grpcpp/grpcpp.h"
#include "opsreport/auth/principal.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"

namespace opsreport::grpc_util {

// Runs `call(principal)` (returning absl::StatusOr<Response>) for the
// authenticated caller and writes its value into `response`.
template <typename Response, typename Call>
grpc::Status HandleUnary(grpc::ServerContext* context, Response* response, Call call) {
  absl::StatusOr<auth::Principal> caller = Caller(context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  auto result = call(*caller);
  if (!result.ok()) return ToGrpcStatus(result.status());
  *response = *std::move(result);
  return grpc::Status::OK;
}

}  // namespace opsreport::grpc_util
