#pragma once
// gRPC edge of the control service.

#include "controller.h"
#include "coordinator.h"
#include "opsreport/v1/control.grpc.pb.h"

namespace opsreport::control {

class ControlHandler final : public v1::Control::Service {
 public:
  explicit ControlHandler(Controller* controller) : controller_(controller) {}
  grpc::Status ListFiles(grpc::ServerContext* c, const v1::ListFilesRequest* req,
                         v1::ListFilesResponse* resp) override;
  grpc::Status GetFile(grpc::ServerContext* c, const v1::GetFileRequest* req,
                       v1::ControlFile* resp) override;
  grpc::Status Remove(grpc::ServerContext* c, const v1::RemoveRequest* req,
                      v1::ControlFile* resp) override;
  grpc::Status StartTransfer(grpc::ServerContext* c, const v1::StartTransferRequest* req,
                             v1::ControlFile* resp) override;
  grpc::Status ConfirmTransfer(grpc::ServerContext* c, const v1::ConfirmTransferRequest* req,
                               v1::ControlFile* resp) override;
  grpc::Status WeeklyReport(grpc::ServerContext* c, const v1::WeeklyReportRequest* req,
                            v1::WeeklyControlReport* resp) override;
  grpc::Status Watch(grpc::ServerContext* c, const v1::ControlWatchRequest* req,
                     grpc::ServerWriter<v1::ControlStreamEvent>* writer) override;

 private:
  Controller* controller_;
};

class CoordinationHandler final : public v1::Coordination::Service {
 public:
  explicit CoordinationHandler(Coordinator* coordinator) : coordinator_(coordinator) {}
  grpc::Status CreateResolution(grpc::ServerContext* c, const v1::Resolution* req,
                                v1::Resolution* resp) override;
  grpc::Status GetResolution(grpc::ServerContext* c, const v1::GetResolutionRequest* req,
                             v1::Resolution* resp) override;
  grpc::Status SignResolution(grpc::ServerContext* c, const v1::GetResolutionRequest* req,
                              v1::Resolution* resp) override;
  grpc::Status ExtendMeasure(grpc::ServerContext* c, const v1::ExtendMeasureRequest* req,
                             v1::Resolution* resp) override;
  grpc::Status ReportMeasure(grpc::ServerContext* c, const v1::ReportMeasureRequest* req,
                             v1::Resolution* resp) override;
  grpc::Status RemoveMeasure(grpc::ServerContext* c, const v1::RemoveMeasureRequest* req,
                             v1::Resolution* resp) override;
  grpc::Status RecordCouncilMeeting(grpc::ServerContext* c, const v1::CouncilMeeting* req,
                                    v1::CouncilMeeting* resp) override;
  grpc::Status CouncilCalendar(grpc::ServerContext* c, const v1::CouncilCalendarRequest* req,
                               v1::CouncilCalendarResponse* resp) override;
  grpc::Status RecordWorkPlan(grpc::ServerContext* c, const v1::WorkPlan* req,
                              v1::WorkPlan* resp) override;

 private:
  Coordinator* coordinator_;
};

}  // namespace opsreport::control
