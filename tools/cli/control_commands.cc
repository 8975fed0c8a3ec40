// The control and coordination commands of opsreport-cli. Structured input
// (a removal, a resolution, a council meeting) is read as protobuf JSON from
// --file, so every field of the API is reachable.
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "cli.h"
#include "google/protobuf/util/json_util.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/control.grpc.pb.h"

namespace opsreport::cli {
namespace {

bool ReadJson(const std::string& path, google::protobuf::Message* message) {
  std::ifstream in(path);
  if (!in) return false;
  std::stringstream text;
  text << in.rdbuf();
  return google::protobuf::util::JsonStringToMessage(text.str(), message).ok();
}

template <typename Stub, typename Request, typename Response, typename Call>
int Unary(const Options& o, const Request& request, Call call, Response* response) {
  auto stub = Stub::NewStub(grpc::CreateChannel(o.control, grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  grpc::Status s = ((*stub).*call)(&ctx, request, response);
  if (!s.ok()) return PrintStatus(s);
  std::cout << ToJson(*response);
  return 0;
}

}  // namespace

bool IsControlCommand(const std::string& command) {
  static const std::set<std::string> kCommands = {"files",
                                                  "file",
                                                  "remove",
                                                  "transfer",
                                                  "confirm-transfer",
                                                  "weekly",
                                                  "create-resolution",
                                                  "resolution",
                                                  "sign",
                                                  "extend",
                                                  "report",
                                                  "remove-measure",
                                                  "record-meeting",
                                                  "council-calendar",
                                                  "control-watch"};
  return kCommands.count(command) > 0;
}

int RunControlCommand(const std::string& command, const Options& o) {
  using v1::Control;
  using v1::Coordination;
  if (command == "files") {
    v1::ListFilesRequest r;
    r.set_region(o.unit);
    r.set_include_removed(o.all);
    v1::ListFilesResponse resp;
    return Unary<Control>(o, r, &Control::Stub::ListFiles, &resp);
  }
  if (command == "file" || command == "confirm-transfer") {
    v1::ControlFile resp;
    if (command == "file") {
      v1::GetFileRequest r;
      r.set_id(o.id);
      return Unary<Control>(o, r, &Control::Stub::GetFile, &resp);
    }
    v1::ConfirmTransferRequest r;
    r.set_id(o.id);
    return Unary<Control>(o, r, &Control::Stub::ConfirmTransfer, &resp);
  }
  if (command == "remove") {
    v1::RemoveRequest r;
    r.set_id(o.id);
    if (!ReadJson(o.file, r.mutable_removal())) return Fail("--file: not a Removal in JSON");
    v1::ControlFile resp;
    return Unary<Control>(o, r, &Control::Stub::Remove, &resp);
  }
  if (command == "transfer") {
    v1::StartTransferRequest r;
    r.set_id(o.id);
    r.set_to_region(o.unit);
    r.set_control_outgoing_number(o.outgoing);
    v1::ControlFile resp;
    return Unary<Control>(o, r, &Control::Stub::StartTransfer, &resp);
  }
  if (command == "weekly") {
    v1::WeeklyReportRequest r;
    r.set_service_line(o.item);
    r.set_week_start(o.day);
    v1::WeeklyControlReport resp;
    auto stub = Control::NewStub(grpc::CreateChannel(o.control, grpc_util::ChannelCredentials()));
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, o.token);
    grpc::Status s = stub->WeeklyReport(&ctx, r, &resp);
    if (!s.ok()) return PrintStatus(s);
    std::cout << (o.json ? ToJson(resp) : resp.text()) << std::endl;
    return 0;
  }
  if (command == "create-resolution") {
    v1::Resolution r;
    if (!ReadJson(o.file, &r)) return Fail("--file: not a Resolution in JSON");
    v1::Resolution resp;
    return Unary<Coordination>(o, r, &Coordination::Stub::CreateResolution, &resp);
  }
  if (command == "resolution" || command == "sign") {
    v1::GetResolutionRequest r;
    r.set_id(o.id);
    v1::Resolution resp;
    return Unary<Coordination>(o, r,
                               command == "sign" ? &Coordination::Stub::SignResolution
                                                 : &Coordination::Stub::GetResolution,
                               &resp);
  }
  if (command == "extend" || command == "report" || command == "remove-measure") {
    v1::Resolution resp;
    if (command == "extend") {
      v1::ExtendMeasureRequest r;
      if (!ReadJson(o.file, &r)) return Fail("--file: not an ExtendMeasureRequest in JSON");
      return Unary<Coordination>(o, r, &Coordination::Stub::ExtendMeasure, &resp);
    }
    if (command == "report") {
      v1::ReportMeasureRequest r;
      r.set_resolution_id(o.id);
      r.set_measure_id(o.item);
      r.set_text(o.question);
      return Unary<Coordination>(o, r, &Coordination::Stub::ReportMeasure, &resp);
    }
    v1::RemoveMeasureRequest r;
    r.set_resolution_id(o.id);
    r.set_measure_id(o.item);
    r.set_note(o.question);
    return Unary<Coordination>(o, r, &Coordination::Stub::RemoveMeasure, &resp);
  }
  if (command == "record-meeting") {
    v1::CouncilMeeting r;
    if (!ReadJson(o.file, &r)) return Fail("--file: not a CouncilMeeting in JSON");
    v1::CouncilMeeting resp;
    return Unary<Coordination>(o, r, &Coordination::Stub::RecordCouncilMeeting, &resp);
  }
  if (command == "council-calendar") {
    v1::CouncilCalendarRequest r;
    r.set_jurisdiction(o.unit);
    r.set_from(o.day);
    r.set_to(o.outgoing);
    v1::CouncilCalendarResponse resp;
    return Unary<Coordination>(o, r, &Coordination::Stub::CouncilCalendar, &resp);
  }
  // control-watch: until interrupted.
  auto stub = Control::NewStub(grpc::CreateChannel(o.control, grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  v1::ControlWatchRequest r;
  auto reader = stub->Watch(&ctx, r);
  v1::ControlStreamEvent e;
  while (reader->Read(&e)) std::cout << ToJson(e) << std::flush;
  grpc::Status s = reader->Finish();
  return s.ok() ? 0 : PrintStatus(s);
}

}  // namespace opsreport::cli
