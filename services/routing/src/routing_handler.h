#pragma once
// gRPC edge of routing: authenticate, call the Router, convert the status.

#include "opsreport/v1/routing.grpc.pb.h"
#include "router.h"

namespace opsreport::routing {

class RoutingHandler final : public v1::Routing::Service {
 public:
  explicit RoutingHandler(Router* router, absl::Duration watch_poll = absl::Milliseconds(100))
      : router_(router), watch_poll_(watch_poll) {}

  grpc::Status ListInbox(grpc::ServerContext* c, const v1::ListInboxRequest* req,
                         v1::ListInboxResponse* resp) override;
  grpc::Status GetCase(grpc::ServerContext* c, const v1::GetCaseRequest* req,
                       v1::CaseView* resp) override;
  grpc::Status AnswerReconciliationRequest(grpc::ServerContext* c,
                                           const v1::AnswerReconciliationRequestRequest* req,
                                           v1::ReconciliationInboxItem* resp) override;
  grpc::Status Acknowledge(grpc::ServerContext* c, const v1::ItemRequest* req,
                           v1::InboxItem* resp) override;
  grpc::Status RequestData(grpc::ServerContext* c, const v1::RequestDataRequest* req,
                           v1::InboxItem* resp) override;
  grpc::Status Forward(grpc::ServerContext* c, const v1::ForwardRequest* req,
                       v1::InboxItem* resp) override;
  grpc::Status ListBreaches(grpc::ServerContext* c, const v1::ListBreachesRequest* req,
                            v1::ListBreachesResponse* resp) override;
  grpc::Status DailySummary(grpc::ServerContext* c, const v1::DailySummaryRequest* req,
                            v1::DailySummaryResponse* resp) override;
  grpc::Status MorningCheck(grpc::ServerContext* c, const v1::MorningCheckRequest* req,
                            v1::MorningCheckResponse* resp) override;
  grpc::Status Watch(grpc::ServerContext* c, const v1::WatchRequest* req,
                     grpc::ServerWriter<v1::RoutingEvent>* writer) override;

 private:
  Router* router_;
  absl::Duration watch_poll_;
};

}  // namespace opsreport::routing
