#pragma once
// The one decision both the port's processor and the interceptor make, so the
// gate and Caller() can never disagree about what a valid call is.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"

namespace opsreport::grpc_util::internal {

class Authenticator {
 public:
  Authenticator(std::shared_ptr<const auth::CredentialSigner> signer, const base::Clock* clock,
                std::vector<std::string> public_methods);

  // `method` is the full path "/package.Service/Method".
  bool IsPublic(std::string_view method) const;

  // `tokens`: every value of kCredentialHeader the call carried.
  absl::StatusOr<auth::Principal> Authenticate(const std::vector<std::string_view>& tokens) const;

 private:
  std::shared_ptr<const auth::CredentialSigner> signer_;
  const base::Clock* clock_;
  std::vector<std::string> public_methods_;
};

}  // namespace opsreport::grpc_util::internal
