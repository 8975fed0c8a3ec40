#include "opsreport/consumer/consumers_service.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/grpc_util/handler.h"

namespace opsreport::consumer {
namespace {

constexpr int kMaxPage = 1000;

absl::Status RequireOperator(const auth::Principal& caller) {
  if (caller.role == auth::Role::kOperator || caller.role == auth::Role::kService) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      absl::StrCat("role ", std::string(auth::RoleName(caller.role)),
                   " may not see or replay consumer records; an operator does"));
}

}  // namespace

absl::StatusOr<v1::ConsumerStatus> Consumers::Status(const auth::Principal& caller) const {
  RETURN_IF_ERROR(RequireOperator(caller));
  v1::ConsumerStatus status;
  status.set_service(s_.service);
  const absl::Time now = absl::Now();
  if (s_.loops != nullptr) {
    for (const auto& loop : *s_.loops) {
      kafka::LoopSnapshot snap = loop->Snapshot();
      v1::ConsumerLoopStatus* l = status.add_loops();
      l->set_name(snap.name);
      l->set_applied(snap.applied);
      l->set_parked(snap.parked);
      *l->mutable_last_advanced_at() = base::ToProto(snap.last_advanced_at);
      l->set_retrying(snap.current.empty() || snap.last_error.empty() ? "" : snap.current);
      l->set_last_error(snap.last_error);
      l->set_stalled(loop->Stalled(now, s_.stall_limit).has_value());
    }
  }
  if (s_.parking != nullptr) {
    ASSIGN_OR_RETURN(int64_t parked, s_.parking->Count());
    status.set_parked(parked);
    ASSIGN_OR_RETURN(std::optional<absl::Time> oldest, s_.parking->OldestParkedAt());
    if (oldest) *status.mutable_oldest_parked_at() = base::ToProto(*oldest);
  }
  if (s_.holds != nullptr) {
    ASSIGN_OR_RETURN(int64_t held, s_.holds->Count());
    status.set_held(held);
    ASSIGN_OR_RETURN(std::optional<absl::Time> oldest, s_.holds->OldestHeldAt());
    if (oldest) *status.mutable_oldest_held_at() = base::ToProto(*oldest);
  }
  std::string reason = s_.not_serving_reason ? s_.not_serving_reason() : "";
  status.set_serving(reason.empty());
  status.set_stalled_reason(reason);
  return status;
}

absl::StatusOr<v1::ListParkedResponse> Consumers::ListParked(
    const auth::Principal& caller, const v1::ListParkedRequest& request) const {
  RETURN_IF_ERROR(RequireOperator(caller));
  if (request.limit() < 0 || request.limit() > kMaxPage) {
    return absl::InvalidArgumentError(absl::StrCat("limit: 0 to ", kMaxPage));
  }
  v1::ListParkedResponse response;
  if (s_.parking == nullptr) return response;
  ASSIGN_OR_RETURN(ParkingLot::Page page, s_.parking->List(request.limit(), request.page_token()));
  for (auto& r : page.records) *response.add_records() = std::move(r);
  response.set_next_page_token(page.next_page_token);
  response.set_total(page.total);
  return response;
}

absl::StatusOr<v1::ListHeldResponse> Consumers::ListHeld(const auth::Principal& caller,
                                                         const v1::ListHeldRequest& request) const {
  RETURN_IF_ERROR(RequireOperator(caller));
  if (request.limit() < 0 || request.limit() > kMaxPage) {
    return absl::InvalidArgumentError(absl::StrCat("limit: 0 to ", kMaxPage));
  }
  v1::ListHeldResponse response;
  if (s_.holds == nullptr) return response;
  ASSIGN_OR_RETURN(std::vector<v1::HeldRecord> held,
                   s_.holds->List(request.limit() == 0 ? 100 : request.limit()));
  for (auto& r : held) *response.add_records() = std::move(r);
  ASSIGN_OR_RETURN(int64_t total, s_.holds->Count());
  response.set_total(total);
  return response;
}

absl::StatusOr<v1::ReplayParkedResponse> Consumers::Replay(
    const auth::Principal& caller, const v1::ReplayParkedRequest& request) const {
  RETURN_IF_ERROR(RequireOperator(caller));
  if (request.all() == (request.ids_size() > 0)) {
    return absl::InvalidArgumentError("ids: name the parked records, or set all (not both)");
  }
  if (s_.loops == nullptr || s_.loops->empty()) {
    return absl::FailedPreconditionError(s_.service + " has no consumer loop to replay on");
  }
  // Every loop of a service applies every topic it reads, so the first one
  // replays. A record of a replayed key that its partition's own loop reads
  // meanwhile parks behind (or, the head gone, becomes the key's head) and
  // waits for the next replay: the key's order holds either way.
  ASSIGN_OR_RETURN(kafka::ReplayOutcome outcome,
                   s_.loops->front()->Replay({request.ids().begin(), request.ids().end()},
                                             request.all(), s_.replay_timeout));
  v1::ReplayParkedResponse response;
  for (const std::string& id : outcome.replayed) response.add_replayed(id);
  for (const kafka::Parked& p : outcome.still_parked) {
    *response.add_still_parked() = ToProto(p, s_.service, absl::Now());
  }
  return response;
}

grpc::Status ConsumersService::Status(grpc::ServerContext* context,
                                      const v1::ConsumerStatusRequest*,
                                      v1::ConsumerStatus* response) {
  return grpc_util::HandleUnary(
      context, response, [&](const auth::Principal& caller) { return consumers_.Status(caller); });
}

grpc::Status ConsumersService::ListParked(grpc::ServerContext* context,
                                          const v1::ListParkedRequest* request,
                                          v1::ListParkedResponse* response) {
  return grpc_util::HandleUnary(context, response, [&](const auth::Principal& caller) {
    return consumers_.ListParked(caller, *request);
  });
}

grpc::Status ConsumersService::ListHeld(grpc::ServerContext* context,
                                        const v1::ListHeldRequest* request,
                                        v1::ListHeldResponse* response) {
  return grpc_util::HandleUnary(context, response, [&](const auth::Principal& caller) {
    return consumers_.ListHeld(caller, *request);
  });
}

grpc::Status ConsumersService::ReplayParked(grpc::ServerContext* context,
                                            const v1::ReplayParkedRequest* request,
                                            v1::ReplayParkedResponse* response) {
  return grpc_util::HandleUnary(context, response, [&](const auth::Principal& caller) {
    return consumers_.Replay(caller, *request);
  });
}

}  // namespace opsreport::consumer
