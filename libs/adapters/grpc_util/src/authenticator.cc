#include "authenticator.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "opsreport/grpc_util/authentication.h"

namespace opsreport::grpc_util::internal {
namespace {

// Always callable without a credential: probes and tooling must work before
// anyone holds a key.
constexpr std::string_view kAlwaysPublic[] = {
    "/grpc.health.v1.Health/",
    "/grpc.reflection.v1alpha.ServerReflection/",
    "/grpc.reflection.v1.ServerReflection/",
};

bool Matches(std::string_view pattern, std::string_view method) {
  if (!pattern.empty() && pattern.back() == '/') return method.substr(0, pattern.size()) == pattern;
  return method == pattern;
}

}  // namespace

Authenticator::Authenticator(std::shared_ptr<const auth::CredentialSigner> signer,
                             const base::Clock* clock, std::vector<std::string> public_methods)
    : signer_(std::move(signer)),
      clock_(clock != nullptr ? clock : &base::SystemClock::Instance()),
      public_methods_(std::move(public_methods)) {}

bool Authenticator::IsPublic(std::string_view method) const {
  for (std::string_view pattern : kAlwaysPublic) {
    if (Matches(pattern, method)) return true;
  }
  for (const std::string& pattern : public_methods_) {
    if (Matches(pattern, method)) return true;
  }
  return false;
}

absl::StatusOr<auth::Principal> Authenticator::Authenticate(
    const std::vector<std::string_view>& tokens) const {
  if (tokens.empty()) {
    return absl::UnauthenticatedError(
        absl::StrCat("no credential: the call must carry metadata ", kCredentialHeader));
  }
  if (tokens.size() > 1) {
    return absl::UnauthenticatedError(absl::StrCat(tokens.size(), " credentials in metadata ",
                                                   kCredentialHeader, "; exactly one is allowed"));
  }
  return signer_->Verify(tokens.front(), clock_->Now());
}

}  // namespace opsreport::grpc_util::internal
