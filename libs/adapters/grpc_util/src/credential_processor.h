#pragma once
// The gate: runs in the transport when a call's headers arrive, before the
// call reaches any handler, and refuses it with UNAUTHENTICATED. It sees the
// method (":path") so public methods pass. It must not record the caller: the
// AuthContext it is given belongs to the connection, shared by every call on it.

#include <memory>

#include "authenticator.h"
#include "grpcpp/security/auth_metadata_processor.h"

namespace opsreport::grpc_util::internal {

class CredentialProcessor final : public grpc::AuthMetadataProcessor {
 public:
  explicit CredentialProcessor(std::shared_ptr<const Authenticator> authenticator)
      : authenticator_(std::move(authenticator)) {}

  // An HMAC costs microseconds: no need for gRPC's processor thread.
  bool IsBlocking() const override { return false; }

  grpc::Status Process(const InputMetadata& auth_metadata, grpc::AuthContext* context,
                       OutputMetadata* consumed_auth_metadata,
                       OutputMetadata* response_metadata) override;

 private:
  std::shared_ptr<const Authenticator> authenticator_;
};

}  // namespace opsreport::grpc_util::internal
