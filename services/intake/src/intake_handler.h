#pragma once
// gRPC edge of intake: authenticate, call Intake, convert the status.

#include "intake.h"
#include "opsreport/v1/intake.grpc.pb.h"

namespace opsreport::intake {

class IntakeHandler final : public v1::Intake::Service {
 public:
  explicit IntakeHandler(Intake* intake) : intake_(intake) {}

  grpc::Status SubmitSpecialReport(grpc::ServerContext* context,
                                   const v1::SubmitSpecialReportRequest* request,
                                   v1::SubmitResponse* response) override;
  grpc::Status SubmitSupplement(grpc::ServerContext* context,
                                const v1::SubmitSupplementRequest* request,
                                v1::SubmitResponse* response) override;
  grpc::Status SubmitTelegram(grpc::ServerContext* context,
                              const v1::SubmitTelegramRequest* request,
                              v1::SubmitResponse* response) override;
  grpc::Status GetReport(grpc::ServerContext* context, const v1::GetReportRequest* request,
                         v1::GetReportResponse* response) override;
  grpc::Status RenderTelegram(grpc::ServerContext* context, const v1::GetReportRequest* request,
                              v1::RenderTelegramResponse* response) override;

 private:
  Intake* intake_;
};

}  // namespace opsreport::intake
