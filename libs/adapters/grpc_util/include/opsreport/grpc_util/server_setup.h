#pragma once
// The standard services every opsreport server exposes: gRPC health checking
// (grpc.health.v1.Health) and server reflection, both callable without a
// credential.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "grpcpp/server.h"

namespace opsreport::grpc_util {

// Process-wide switches read when a grpc::ServerBuilder is constructed: call
// once before creating any builder. Idempotent.
void EnableStandardServices();

// Health status SERVING for the whole server ("") and for each service name
// (e.g. "opsreport.v1.Intake"). FAILED_PRECONDITION when the server has no
// health service (EnableStandardServices was not called before building).
absl::Status MarkServing(grpc::Server& server, const std::vector<std::string>& service_names);

// NOT_SERVING for everything, so load balancers drain before Shutdown().
void MarkNotServing(grpc::Server& server);

}  // namespace opsreport::grpc_util
