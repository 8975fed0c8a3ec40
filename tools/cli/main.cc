// opsreport-cli: the operator's command line.
//   opsreport-cli token --key_file=F --unit=1001 --officer="..." [--role=duty_officer] [--hours=12]
//   opsreport-cli submit-telegram --intake=HOST:PORT --token=T --file=F --idempotency_key=K
//   opsreport-cli get --intake=HOST:PORT --token=T (--id=ID | --outgoing=NUMBER)
//   opsreport-cli render --intake=HOST:PORT --token=T (--id=ID | --outgoing=NUMBER)
// Routing (--routing=HOST:PORT, default 127.0.0.1:50052; --token=T):
//   inbox --unit=U [--all] | ack --unit=U --item=ID | ask --unit=U --item=ID --question=Q
//   forward --unit=U --item=ID --signer="..." [--capacity=head|acting]
//   case --id=ROOT | breaches --unit=U | summary --unit=U --day=YYYY-MM-DD [--json]
//   morning-check --unit=REGION --day=YYYY-MM-DD | watch --unit=U
//   answer --unit=U --id=REQUEST --question=ANSWER [--outgoing=LETTER_NUMBER]
//     (the asked unit closes a reconciliation request by hand)
// Control (--control=HOST:PORT, default 127.0.0.1:50053; JSON input via --file):
//   files [--unit=REGION] [--all] | file --id=ID | remove --id=ID --file=removal.json
//   transfer --id=ID --unit=TO_REGION --outgoing=CONTROL_NUMBER | confirm-transfer --id=ID
//   weekly --item=SERVICE_LINE --day=MONDAY [--json] | control-watch
//   create-resolution --file=F | resolution|sign --id=ID | extend --file=F
//   report|remove-measure --id=RES --item=MEASURE --question=TEXT
//   record-meeting --file=F | council-calendar --unit=KZ --day=FROM --outgoing=TO
// Reconciliation (--reconciliation=HOST:PORT, default 127.0.0.1:50054):
//   recon-upload --file=entries.csv|.jsonl --kind=entries|results|suspects
//   recon-run --kind=daily|monthly|ministry [--unit=U] --period=DAY|MONTH [--rerun] [--watch]
//   recon-watch --id=RUN | recon-discrepancies --id=RUN
//   recon-report --unit=REGION --period=YYYY-MM [--format=text|csv|json]
//   recon-submit --unit=REGION --period=YYYY-MM --signer="..." [--capacity=head|acting]
//   recon-status --period=YYYY-MM | recon-ministry --period=YYYY-MM [--format=text|csv|json]
// Any service's consumer loops (--service=HOST:PORT; an operator's token, --role=operator):
//   consumers [--json]  (serving or stuck and why, held and parked counts, oldest of each)
//   parked [--limit=N] [--page=TOKEN] [--json] | held [--limit=N] [--json]
//   replay (--id=ID[,ID...] | --all)  (applies parked records again, each once)
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/config/config.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/intake.grpc.pb.h"

using opsreport::cli::Options;

namespace {

opsreport::config::Schema MakeSchema(Options& o) {
  opsreport::config::Schema s;
  s.String("key_file", &o.key_file, "credential key (token)")
      .String("unit", &o.unit, "unit code (token)")
      .String("officer", &o.officer, "officer full name (token)")
      .String("role", &o.role,
              "duty_officer|head|acting_head|hq_analyst|chair|secretary|service|operator")
      .Int("hours", &o.hours, "credential validity in hours", 1, 24 * 30)
      .String("intake", &o.intake, "intake address")
      .String("token", &o.token, "caller credential")
      .String("file", &o.file, "telegram text file")
      .String("idempotency_key", &o.idempotency_key, "idempotency key of the submission")
      .String("id", &o.id, "report id")
      .String("outgoing", &o.outgoing, "outgoing number")
      .String("routing", &o.routing, "routing address")
      .String("control", &o.control, "control address")
      .String("reconciliation", &o.reconciliation, "reconciliation address")
      .String("kind", &o.kind,
              "extract kind (entries|results|suspects) or job (daily|monthly|ministry)")
      .String("period", &o.period, "YYYY-MM-DD (daily) or YYYY-MM (monthly, ministry)")
      .String("format", &o.format, "text|csv|json (reports)")
      .Bool("rerun", &o.rerun, "run a finished job again (recon-run)")
      .Bool("watch", &o.watch, "follow the run's progress until it ends (recon-run)")
      .String("item", &o.item, "inbox item id")
      .String("question", &o.question, "what is missing (ask)")
      .String("signer", &o.signer, "head or acting head signing the forward")
      .String("capacity", &o.capacity, "head|acting")
      .String("day", &o.day, "YYYY-MM-DD, Kyiv")
      .Bool("all", &o.all, "include completed items (inbox)")
      .Bool("json", &o.json, "JSON instead of text (summary)")
      .String("service", &o.service, "a service's gRPC address (consumers, parked, held, replay)")
      .Int("limit", &o.limit, "how many records to list (parked, held)", 0, 1000)
      .String("page", &o.page, "the next page's token (parked)");
  return s;
}

}  // namespace

namespace opsreport::cli {

int Fail(const std::string& message) {
  std::cerr << "opsreport-cli: " << message << std::endl;
  return 1;
}

int PrintStatus(const grpc::Status& s) {
  std::cerr << "error " << s.error_code() << ": " << s.error_message() << std::endl;
  for (const auto& v : opsreport::grpc_util::ViolationsOf(s)) {
    std::cerr << "  " << v.field << ": " << v.message << std::endl;
  }
  return 1;
}

std::string ToJson(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::util::JsonPrintOptions opts;
  opts.add_whitespace = true;
  (void)google::protobuf::util::MessageToJsonString(m, &out, opts);
  return out;
}

}  // namespace opsreport::cli

using opsreport::cli::Fail;
using opsreport::cli::PrintStatus;
using opsreport::cli::ToJson;

int main(int argc, char** argv) {
  if (argc < 2)
    return Fail(
        "usage: opsreport-cli "
        "token|submit-telegram|get|render|inbox|ack|ask|forward|case|breaches|summary|morning-"
        "check|watch|answer|consumers|parked|held|replay|<control and recon-* commands> "
        "--key=value...");
  std::string command = argv[1];
  Options o;
  auto raw = opsreport::config::LoadFromArgs(argc - 1, argv + 1);
  absl::Status st = raw.ok() ? MakeSchema(o).Apply(*raw) : raw.status();
  if (!st.ok()) return Fail(std::string(st.message()));

  if (command == "token") {
    auto signer = opsreport::auth::CredentialSigner::FromKeyFile(o.key_file);
    if (!signer.ok()) return Fail(signer.status().ToString());
    auto role = opsreport::auth::ParseRole(o.role);
    if (!role.ok()) return Fail(role.status().ToString());
    if (o.unit.empty() || o.officer.empty()) return Fail("--unit and --officer are required");
    std::cout << signer->Sign({o.unit, o.officer, *role, absl::Now() + absl::Hours(o.hours)})
              << std::endl;
    return 0;
  }

  if (opsreport::cli::IsRoutingCommand(command))
    return opsreport::cli::RunRoutingCommand(command, o);
  if (opsreport::cli::IsControlCommand(command))
    return opsreport::cli::RunControlCommand(command, o);
  if (opsreport::cli::IsReconciliationCommand(command))
    return opsreport::cli::RunReconciliationCommand(command, o);
  if (opsreport::cli::IsConsumerCommand(command))
    return opsreport::cli::RunConsumerCommand(command, o);

  auto stub = opsreport::v1::Intake::NewStub(
      grpc::CreateChannel(o.intake, opsreport::grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  opsreport::grpc_util::AttachCredential(ctx, o.token);
  if (command == "submit-telegram") {
    std::ifstream in(o.file);
    if (!in) return Fail("cannot read --file " + o.file);
    std::stringstream text;
    text << in.rdbuf();
    opsreport::v1::SubmitTelegramRequest request;
    request.set_idempotency_key(o.idempotency_key);
    request.set_text(text.str());
    opsreport::v1::SubmitResponse response;
    grpc::Status s = stub->SubmitTelegram(&ctx, request, &response);
    if (!s.ok()) return PrintStatus(s);
    std::cout << ToJson(response);
    return 0;
  }
  opsreport::v1::GetReportRequest request;
  if (!o.id.empty()) {
    request.set_report_id(o.id);
  } else {
    request.set_outgoing_number(o.outgoing);
  }
  if (command == "get") {
    opsreport::v1::GetReportResponse response;
    grpc::Status s = stub->GetReport(&ctx, request, &response);
    if (!s.ok()) return PrintStatus(s);
    std::cout << ToJson(response);
    return 0;
  }
  if (command == "render") {
    opsreport::v1::RenderTelegramResponse response;
    grpc::Status s = stub->RenderTelegram(&ctx, request, &response);
    if (!s.ok()) return PrintStatus(s);
    std::cout << response.text() << std::endl;
    return 0;
  }
  return Fail("unknown command " + command);
}
