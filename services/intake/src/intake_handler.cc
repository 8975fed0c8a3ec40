#include "intake_handler.h"

#include "opsreport/grpc_util/handler.h"

namespace opsreport::intake {
using grpc_util::HandleUnary;

grpc::Status IntakeHandler::SubmitSpecialReport(grpc::ServerContext* context,
                                                const v1::SubmitSpecialReportRequest* request,
                                                v1::SubmitResponse* response) {
  return HandleUnary(context, response, [&](const auth::Principal& p) {
    return intake_->SubmitSpecialReport(p, *request);
  });
}

grpc::Status IntakeHandler::SubmitSupplement(grpc::ServerContext* context,
                                             const v1::SubmitSupplementRequest* request,
                                             v1::SubmitResponse* response) {
  return HandleUnary(context, response, [&](const auth::Principal& p) {
    return intake_->SubmitSupplement(p, *request);
  });
}

grpc::Status IntakeHandler::SubmitTelegram(grpc::ServerContext* context,
                                           const v1::SubmitTelegramRequest* request,
                                           v1::SubmitResponse* response) {
  return HandleUnary(context, response, [&](const auth::Principal& p) {
    return intake_->SubmitTelegram(p, *request);
  });
}

grpc::Status IntakeHandler::GetReport(grpc::ServerContext* context,
                                      const v1::GetReportRequest* request,
                                      v1::GetReportResponse* response) {
  return HandleUnary(context, response,
                     [&](const auth::Principal& p) { return intake_->GetReport(p, *request); });
}

grpc::Status IntakeHandler::RenderTelegram(grpc::ServerContext* context,
                                           const v1::GetReportRequest* request,
                                           v1::RenderTelegramResponse* response) {
  return HandleUnary(context, response,
                     [&](const auth::Principal& p) -> absl::StatusOr<v1::RenderTelegramResponse> {
                       absl::StatusOr<std::string> text = intake_->RenderTelegram(p, *request);
                       if (!text.ok()) return text.status();
                       v1::RenderTelegramResponse r;
                       r.set_text(*std::move(text));
                       return r;
                     });
}

}  // namespace opsreport::intake
