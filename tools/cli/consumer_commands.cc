// The operator's commands of opsreport-cli for any service's consumer loops
// (opsreport.v1.Consumers): status, parked and held records, replay.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "cli.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/consumer.grpc.pb.h"

namespace opsreport::cli {
namespace {

using v1::Consumers;

std::string Age(const google::protobuf::Timestamp& at) {
  if (at.seconds() == 0 && at.nanos() == 0) return "-";
  return absl::FormatDuration(absl::Trunc(absl::Now() - base::ToTime(at), absl::Seconds(1)));
}

template <typename Request, typename Response, typename Call>
int Unary(const Options& o, const Request& request, Call call, Response* response) {
  if (o.service.empty())
    return Fail("--service=HOST:PORT (the service's gRPC address) is required");
  auto stub = Consumers::NewStub(grpc::CreateChannel(o.service, grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  grpc::Status s = ((*stub).*call)(&ctx, request, response);
  if (!s.ok()) return PrintStatus(s);
  return 0;
}

void PrintParked(const v1::ParkedRecord& r) {
  std::cout << r.id() << "  " << v1::ParkedRecord::Cause_Name(r.cause()) << "  key " << r.key()
            << "  parked " << Age(r.parked_at()) << " ago, " << r.attempts() << " attempt(s)\n"
            << "    " << r.error() << "\n";
}

int Status(const Options& o) {
  v1::ConsumerStatus status;
  if (int rc = Unary(o, v1::ConsumerStatusRequest{}, &Consumers::Stub::Status, &status)) return rc;
  if (o.json) {
    std::cout << ToJson(status);
    return 0;
  }
  std::cout << status.service() << ": " << (status.serving() ? "SERVING" : "NOT_SERVING")
            << (status.stalled_reason().empty() ? "" : " (" + status.stalled_reason() + ")")
            << "\n  held   " << status.held() << " (oldest " << Age(status.oldest_held_at())
            << ")\n  parked " << status.parked() << " (oldest " << Age(status.oldest_parked_at())
            << ")\n";
  for (const v1::ConsumerLoopStatus& l : status.loops()) {
    std::cout << "  loop " << l.name() << ": applied " << l.applied() << ", parked " << l.parked()
              << ", last advanced " << Age(l.last_advanced_at()) << " ago"
              << (l.stalled() ? ", STALLED" : "")
              << (l.retrying().empty() ? "" : ", retrying " + l.retrying() + ": " + l.last_error())
              << "\n";
  }
  return 0;
}

int Parked(const Options& o) {
  v1::ListParkedRequest request;
  request.set_limit(static_cast<int32_t>(o.limit));
  request.set_page_token(o.page);
  v1::ListParkedResponse response;
  if (int rc = Unary(o, request, &Consumers::Stub::ListParked, &response)) return rc;
  if (o.json) {
    std::cout << ToJson(response);
    return 0;
  }
  std::cout << response.total() << " parked\n";
  for (const auto& r : response.records()) PrintParked(r);
  if (!response.next_page_token().empty()) {
    std::cout << "more: --page=" << response.next_page_token() << "\n";
  }
  return 0;
}

int Held(const Options& o) {
  v1::ListHeldRequest request;
  request.set_limit(static_cast<int32_t>(o.limit));
  v1::ListHeldResponse response;
  if (int rc = Unary(o, request, &Consumers::Stub::ListHeld, &response)) return rc;
  if (o.json) {
    std::cout << ToJson(response);
    return 0;
  }
  std::cout << response.total() << " held\n";
  for (const auto& r : response.records()) {
    std::cout << r.topic() << "/" << r.partition() << "@" << r.offset() << "  " << r.id()
              << "  awaits " << r.awaits() << ", held " << Age(r.held_at()) << "\n";
  }
  return 0;
}

int Replay(const Options& o) {
  v1::ReplayParkedRequest request;
  request.set_all(o.all);
  if (!o.id.empty()) {
    for (absl::string_view id : absl::StrSplit(o.id, ',', absl::SkipEmpty())) {
      request.add_ids(std::string(id));
    }
  }
  if (o.all == !o.id.empty()) return Fail("replay: give --id=ID[,ID...] or --all");
  v1::ReplayParkedResponse response;
  if (int rc = Unary(o, request, &Consumers::Stub::ReplayParked, &response)) return rc;
  if (o.json) {
    std::cout << ToJson(response);
    return 0;
  }
  for (const auto& id : response.replayed()) std::cout << "replayed " << id << "\n";
  for (const auto& r : response.still_parked()) {
    std::cout << "still parked ";
    PrintParked(r);
  }
  return response.still_parked_size() == 0 ? 0 : 1;
}

}  // namespace

bool IsConsumerCommand(const std::string& command) {
  return command == "consumers" || command == "parked" || command == "held" || command == "replay";
}

int RunConsumerCommand(const std::string& command, const Options& o) {
  if (command == "consumers") return Status(o);
  if (command == "parked") return Parked(o);
  if (command == "held") return Held(o);
  return Replay(o);
}

}  // namespace opsreport::cli
