#include "opsreport/grpc_util/authentication.h"

#include "absl/strings/str_cat.h"
#include "authenticator.h"
#include "caller_registry.h"
#include "credential_interceptor.h"
#include "credential_processor.h"

namespace opsreport::grpc_util {

absl::Status AddAuthenticatedListeningPort(grpc::ServerBuilder& builder, const std::string& address,
                                           const Transport& transport,
                                           const AuthenticationOptions& options,
                                           int* selected_port) {
  if (options.signer == nullptr) {
    return absl::InvalidArgumentError("AuthenticationOptions.signer is required");
  }
  auto authenticator = std::make_shared<const internal::Authenticator>(
      options.signer, options.clock, options.public_methods);
  std::shared_ptr<grpc::ServerCredentials> credentials = ServerCredentials(transport);
  credentials->SetAuthMetadataProcessor(
      std::make_shared<internal::CredentialProcessor>(authenticator));
  builder.AddListeningPort(address, credentials, selected_port);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<internal::CredentialInterceptorFactory>(authenticator));
  builder.experimental().SetInterceptorCreators(std::move(creators));
  return absl::OkStatus();
}

absl::StatusOr<auth::Principal> Caller(const grpc::ServerContextBase* context) {
  auto verdict = internal::FindVerdict(context);
  if (!verdict.has_value()) {
    return absl::UnauthenticatedError(
        "no credential was checked for this call: authentication is not installed on this "
        "server (grpc_util::AddAuthenticatedListeningPort)");
  }
  return *std::move(verdict);
}

absl::Status RequireUnit(const auth::Principal& principal, std::string_view unit_code) {
  if (principal.unit_code == unit_code) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat(
      "caller ", principal.officer, " of unit ", principal.unit_code, " may not act for unit ",
      absl::string_view(unit_code.data(), unit_code.size())));
}

void AttachCredential(grpc::ClientContext& context, const std::string& token) {
  context.AddMetadata(kCredentialHeader, token);
}

}  // namespace opsreport::grpc_util
