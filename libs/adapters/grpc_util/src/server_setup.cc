#include "opsreport/grpc_util/server_setup.h"

#include "absl/strings/str_cat.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"

namespace opsreport::grpc_util {

void EnableStandardServices() {
  grpc::EnableDefaultHealthCheckService(true);
  // Registers a builder plugin; the static guard keeps repeated calls from
  // registering it twice.
  static const bool reflection_registered = [] {
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
    return true;
  }();
  (void)reflection_registered;
}

absl::Status MarkServing(grpc::Server& server, const std::vector<std::string>& service_names) {
  grpc::HealthCheckServiceInterface* health = server.GetHealthCheckService();
  if (health == nullptr) {
    return absl::FailedPreconditionError(
        "server has no health service: call grpc_util::EnableStandardServices() before "
        "creating the ServerBuilder");
  }
  health->SetServingStatus("", true);
  for (const std::string& name : service_names) health->SetServingStatus(name, true);
  return absl::OkStatus();
}

void MarkNotServing(grpc::Server& server) {
  if (grpc::HealthCheckServiceInterface* health = server.GetHealthCheckService()) {
    health->SetServingStatus(false);
  }
}

}  // namespace opsreport::grpc_util
