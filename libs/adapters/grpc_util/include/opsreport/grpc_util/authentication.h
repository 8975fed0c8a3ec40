#pragma once
// Every call names its caller with a signed credential (auth::CredentialSigner)
// in metadata kCredentialHeader. A server set up with
// AddAuthenticatedListeningPort refuses a call with none, a malformed, forged
// or expired one with UNAUTHENTICATED before any handler runs; the handler
// then reads the verified caller with Caller() and checks scope, e.g. in the
// absl::Status function the handler delegates to:
//
//   ASSIGN_OR_RETURN(auth::Principal caller, grpc_util::Caller(context));
//   RETURN_IF_ERROR(grpc_util::RequireUnit(caller, request.unit_code()));
//
// Why a processor plus an interceptor, and which transports: see README.md.
// Health and reflection are always public; AuthenticationOptions names more.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/server_context.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/grpc_util/transport.h"

namespace opsreport::grpc_util {

inline constexpr char kCredentialHeader[] = "x-opsreport-credential";

struct AuthenticationOptions {
  std::shared_ptr<const auth::CredentialSigner> signer;  // required
  const base::Clock* clock = nullptr;  // SystemClock when null; must outlive the server
  // Full method paths ("/opsreport.v1.Intake/Ping") or whole services
  // ("/opsreport.v1.Intake/", trailing slash) callable without a credential.
  std::vector<std::string> public_methods;
};

// Adds a listening port on `address` over `transport` that refuses
// unauthenticated calls before any handler runs (an AuthMetadataProcessor on
// the port's credentials), and installs on the builder the interceptor that
// hands the verified caller to Caller(). The interceptor replaces any
// interceptor creators set on the builder before. INVALID_ARGUMENT without a
// signer.
absl::Status AddAuthenticatedListeningPort(grpc::ServerBuilder& builder, const std::string& address,
                                           const Transport& transport,
                                           const AuthenticationOptions& options,
                                           int* selected_port = nullptr);

// The verified caller of this call, or UNAUTHENTICATED saying why (no
// credential on a public method, expired since the port admitted it, or
// authentication not installed on this server).
absl::StatusOr<auth::Principal> Caller(const grpc::ServerContextBase* context);

// PERMISSION_DENIED unless the caller belongs to `unit_code`; the message
// names both units.
absl::Status RequireUnit(const auth::Principal& principal, std::string_view unit_code);

// Client side: sends `token` (CredentialSigner::Sign) with the call.
void AttachCredential(grpc::ClientContext& context, const std::string& token);

}  // namespace opsreport::grpc_util
