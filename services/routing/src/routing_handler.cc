#include "routing_handler.h"

#include "opsreport/grpc_util/handler.h"

namespace opsreport::routing {

using grpc_util::HandleUnary;
using P = auth::Principal;

grpc::Status RoutingHandler::ListInbox(grpc::ServerContext* c, const v1::ListInboxRequest* req,
                                       v1::ListInboxResponse* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->ListInbox(p, req->unit_code(), req->include_done(), req->limit());
  });
}

grpc::Status RoutingHandler::GetCase(grpc::ServerContext* c, const v1::GetCaseRequest* req,
                                     v1::CaseView* resp) {
  return HandleUnary(c, resp,
                     [&](const P& p) { return router_->GetCase(p, req->root_report_id()); });
}

grpc::Status RoutingHandler::Acknowledge(grpc::ServerContext* c, const v1::ItemRequest* req,
                                         v1::InboxItem* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->Acknowledge(p, req->unit_code(), req->item_id());
  });
}

grpc::Status RoutingHandler::AnswerReconciliationRequest(
    grpc::ServerContext* c, const v1::AnswerReconciliationRequestRequest* req,
    v1::ReconciliationInboxItem* resp) {
  return HandleUnary(c, resp, [&](const P& p) { return router_->AnswerReconciliation(p, *req); });
}

grpc::Status RoutingHandler::RequestData(grpc::ServerContext* c, const v1::RequestDataRequest* req,
                                         v1::InboxItem* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->RequestData(p, req->unit_code(), req->item_id(), req->question());
  });
}

grpc::Status RoutingHandler::Forward(grpc::ServerContext* c, const v1::ForwardRequest* req,
                                     v1::InboxItem* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->Forward(p, req->unit_code(), req->item_id(), req->signature());
  });
}

grpc::Status RoutingHandler::ListBreaches(grpc::ServerContext* c,
                                          const v1::ListBreachesRequest* req,
                                          v1::ListBreachesResponse* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->ListBreaches(p, req->unit_code(), req->limit());
  });
}

grpc::Status RoutingHandler::DailySummary(grpc::ServerContext* c,
                                          const v1::DailySummaryRequest* req,
                                          v1::DailySummaryResponse* resp) {
  return HandleUnary(
      c, resp, [&](const P& p) { return router_->DailySummary(p, req->unit_code(), req->day()); });
}

grpc::Status RoutingHandler::MorningCheck(grpc::ServerContext* c,
                                          const v1::MorningCheckRequest* req,
                                          v1::MorningCheckResponse* resp) {
  return HandleUnary(c, resp, [&](const P& p) {
    return router_->MorningCheck(p, req->region_code(), req->day());
  });
}

grpc::Status RoutingHandler::Watch(grpc::ServerContext* c, const v1::WatchRequest* req,
                                   grpc::ServerWriter<v1::RoutingEvent>* writer) {
  absl::StatusOr<P> caller = grpc_util::Caller(c);
  if (!caller.ok()) return grpc_util::ToGrpcStatus(caller.status());
  absl::Status allowed = router_->CheckWatch(*caller, req->unit_code());
  if (!allowed.ok()) return grpc_util::ToGrpcStatus(allowed);
  std::string cursor = req->cursor();
  // Reads the event stream in Redis, so any replica can serve a watcher and a
  // watcher can resume from its last cursor; woken at once by this process's
  // own events, and at least every watch_poll_ for other replicas'.
  while (!c->IsCancelled()) {
    const uint64_t seen = router_->events().generation();
    absl::StatusOr<std::vector<v1::RoutingEvent>> events =
        router_->EventsFor(req->unit_code(), cursor, 256);
    if (!events.ok()) return grpc_util::ToGrpcStatus(events.status());
    for (const auto& e : *events) {
      if (!writer->Write(e)) return grpc::Status::OK;
    }
    if (events->empty()) router_->events().WaitPast(seen, watch_poll_);
  }
  return grpc::Status::OK;
}

}  // namespace opsreport::routing
