#include "credential_interceptor.h"

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "caller_registry.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"

namespace opsreport::grpc_util::internal {
namespace {

using grpc::experimental::InterceptionHookPoints;

class CredentialInterceptor final : public grpc::experimental::Interceptor {
 public:
  CredentialInterceptor(std::shared_ptr<const Authenticator> authenticator,
                        grpc::experimental::ServerRpcInfo* info)
      : authenticator_(std::move(authenticator)),
        context_(info->server_context()),
        public_(authenticator_->IsPublic(info->method() == nullptr ? "" : info->method())) {}

  // gRPC destroys interceptors with the call's ServerContext.
  ~CredentialInterceptor() override { ForgetVerdict(context_, this); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      std::vector<std::string_view> tokens;
      auto* metadata = methods->GetRecvInitialMetadata();
      auto [begin, end] = metadata->equal_range(kCredentialHeader);
      for (auto it = begin; it != end; ++it)
        tokens.emplace_back(it->second.data(), it->second.size());
      auto verdict = authenticator_->Authenticate(tokens);
      verdict_ok_ = verdict.ok();
      if (!verdict_ok_) refusal_ = verdict.status();
      RecordVerdict(context_, this, std::move(verdict));
      checked_ = true;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS) && !public_) {
      if (!checked_) {
        methods->ModifySendStatus(
            grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "credential was never checked"));
      } else if (!verdict_ok_) {
        methods->ModifySendStatus(ToGrpcStatus(refusal_));
      }
    }
    methods->Proceed();
  }

 private:
  std::shared_ptr<const Authenticator> authenticator_;
  const grpc::ServerContextBase* context_;
  const bool public_;
  bool checked_ = false;
  bool verdict_ok_ = false;
  absl::Status refusal_;
};

}  // namespace

grpc::experimental::Interceptor* CredentialInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CredentialInterceptor(authenticator_, info);
}

}  // namespace opsreport::grpc_util::internal
