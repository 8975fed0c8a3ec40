#include "control_handler.h"

#include "control_store.h"
#include "opsreport/grpc_util/handler.h"

namespace opsreport::control {

using grpc_util::HandleUnary;
using P = auth::Principal;

grpc::Status ControlHandler::ListFiles(grpc::ServerContext* c, const v1::ListFilesRequest* req,
                                       v1::ListFilesResponse* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return controller_->ListFiles(p, *req); });
}

grpc::Status ControlHandler::GetFile(grpc::ServerContext* c, const v1::GetFileRequest* req,
                                     v1::ControlFile* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return controller_->GetFile(p, req->id()); });
}

grpc::Status ControlHandler::Remove(grpc::ServerContext* c, const v1::RemoveRequest* req,
                                    v1::ControlFile* resp) {
  return HandleUnary(c, resp,
                     [&](const P& p) { return controller_->Remove(p, req->id(), req->removal()); });
}

grpc::Status ControlHandler::StartTransfer(grpc::ServerContext* c,
                                           const v1::StartTransferRequest* req,
                                           v1::ControlFile* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return controller_->StartTransfer(p, req->id(), req->to_region(),
                                      req->control_outgoing_number());
  });
}

grpc::Status ControlHandler::ConfirmTransfer(grpc::ServerContext* c,
                                             const v1::ConfirmTransferRequest* req,
                                             v1::ControlFile* resp) {
  return HandleUnary(c, resp,
                     [&](const P& p) { return controller_->ConfirmTransfer(p, req->id()); });
}

grpc::Status ControlHandler::WeeklyReport(grpc::ServerContext* c,
                                          const v1::WeeklyReportRequest* req,
                                          v1::WeeklyControlReport* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return controller_->WeeklyReport(p, req->service_line(), req->week_start());
  });
}

grpc::Status ControlHandler::Watch(grpc::ServerContext* c, const v1::ControlWatchRequest* req,
                                   grpc::ServerWriter<v1::ControlStreamEvent>* writer) {
  absl::StatusOr<P> caller = grpc_util::Caller(c);
  if (!caller.ok()) return grpc_util::ToGrpcStatus(caller.status());
  std::string cursor = req->cursor();
  while (!c->IsCancelled()) {
    absl::StatusOr<std::vector<v1::ControlStreamEvent>> events =
        LiveEventsAfter(controller_->redis(), cursor, 256);
    if (!events.ok()) return grpc_util::ToGrpcStatus(events.status());
    for (const auto& e : *events) {
      if (controller_->Concerns(*caller, e) && !writer->Write(e)) return grpc::Status::OK;
    }
    // Control events are rare (minutes apart); a short poll is cheap.
    if (events->empty()) absl::SleepFor(absl::Milliseconds(200));
  }
  return grpc::Status::OK;
}

grpc::Status CoordinationHandler::CreateResolution(grpc::ServerContext* c,
                                                   const v1::Resolution* req,
                                                   v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->Create(p, *req); });
}

grpc::Status CoordinationHandler::GetResolution(grpc::ServerContext* c,
                                                const v1::GetResolutionRequest* req,
                                                v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->Get(p, req->id()); });
}

grpc::Status CoordinationHandler::SignResolution(grpc::ServerContext* c,
                                                 const v1::GetResolutionRequest* req,
                                                 v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->Sign(p, req->id()); });
}

grpc::Status CoordinationHandler::ExtendMeasure(grpc::ServerContext* c,
                                                const v1::ExtendMeasureRequest* req,
                                                v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->Extend(p, *req); });
}

grpc::Status CoordinationHandler::ReportMeasure(grpc::ServerContext* c,
                                                const v1::ReportMeasureRequest* req,
                                                v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->Report(p, *req); });
}

grpc::Status CoordinationHandler::RemoveMeasure(grpc::ServerContext* c,
                                                const v1::RemoveMeasureRequest* req,
                                                v1::Resolution* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->RemoveMeasure(p, *req); });
}

grpc::Status CoordinationHandler::RecordCouncilMeeting(grpc::ServerContext* c,
                                                       const v1::CouncilMeeting* req,
                                                       v1::CouncilMeeting* resp) {
  return HandleUnary(c, resp,
                     [&](const P& p) { return coordinator_->RecordCouncilMeeting(p, *req); });
}

grpc::Status CoordinationHandler::CouncilCalendar(grpc::ServerContext* c,
                                                  const v1::CouncilCalendarRequest* req,
                                                  v1::CouncilCalendarResponse* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->CouncilCalendar(p, *req); });
}

grpc::Status CoordinationHandler::RecordWorkPlan(grpc::ServerContext* c, const v1::WorkPlan* req,
                                                 v1::WorkPlan* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return coordinator_->RecordWorkPlan(p, *req); });
}

}  // namespace opsreport::control
