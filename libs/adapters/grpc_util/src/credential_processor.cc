#include "credential_processor.h"

#include <string_view>
#include <vector>

#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"

namespace opsreport::grpc_util::internal {
namespace {

std::string_view View(grpc::string_ref s) { return std::string_view(s.data(), s.size()); }

}  // namespace

grpc::Status CredentialProcessor::Process(const InputMetadata& auth_metadata,
                                          grpc::AuthContext* /*context*/,
                                          OutputMetadata* /*consumed_auth_metadata*/,
                                          OutputMetadata* /*response_metadata*/) {
  auto path = auth_metadata.find(":path");
  if (path != auth_metadata.end() && authenticator_->IsPublic(View(path->second))) {
    return grpc::Status::OK;
  }
  std::vector<std::string_view> tokens;
  auto [begin, end] = auth_metadata.equal_range(kCredentialHeader);
  for (auto it = begin; it != end; ++it) tokens.push_back(View(it->second));
  auto principal = authenticator_->Authenticate(tokens);
  return principal.ok() ? grpc::Status::OK : ToGrpcStatus(principal.status());
}

}  // namespace opsreport::grpc_util::internal
