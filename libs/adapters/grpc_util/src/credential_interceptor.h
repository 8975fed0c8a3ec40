#pragma once
// Runs per call after the port's processor admitted it: verifies the
// credential again (cheap) and records the verdict for Caller(). A server
// whose port lacks the processor (misconfigured) is still safe for handlers
// that call Caller(); for those that do not, the interceptor replaces the
// reply of a non-public call with UNAUTHENTICATED (the handler has run by
// then, which is why the processor is the real gate).

#include <memory>

#include "authenticator.h"
#include "grpcpp/support/server_interceptor.h"

namespace opsreport::grpc_util::internal {

class CredentialInterceptorFactory final
    : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CredentialInterceptorFactory(std::shared_ptr<const Authenticator> authenticator)
      : authenticator_(std::move(authenticator)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  std::shared_ptr<const Authenticator> authenticator_;
};

}  // namespace opsreport::grpc_util::internal
