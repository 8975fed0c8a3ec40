// The reconciliation commands of opsreport-cli: extracts up, jobs run and
// followed, the monthly report in its three forms.
#include <fstream>
#include <iostream>
#include <set>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "cli.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/reconciliation.grpc.pb.h"

namespace opsreport::cli {
namespace {

using v1::Reconciliation;

std::unique_ptr<Reconciliation::Stub> Stub(const Options& o) {
  return Reconciliation::NewStub(
      grpc::CreateChannel(o.reconciliation, grpc_util::ChannelCredentials()));
}

template <typename Request, typename Response, typename Call>
int Unary(const Options& o, const Request& request, Call call, Response* response) {
  auto stub = Stub(o);
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  grpc::Status s = ((*stub).*call)(&ctx, request, response);
  if (!s.ok()) return PrintStatus(s);
  return 0;
}

v1::DocumentFormat Format(const Options& o) {
  if (o.format == "text" || o.format.empty()) return v1::DOCUMENT_FORMAT_TEXT;
  if (o.format == "csv") return v1::DOCUMENT_FORMAT_CSV;
  return v1::DOCUMENT_FORMAT_UNSPECIFIED;
}

int Upload(const Options& o) {
  v1::ExtractHeader header;
  header.set_name(o.file.substr(o.file.rfind('/') + 1));
  if (o.kind == "entries") header.set_kind(v1::EXTRACT_KIND_ENTRIES);
  if (o.kind == "results") header.set_kind(v1::EXTRACT_KIND_RESULTS);
  if (o.kind == "suspects") header.set_kind(v1::EXTRACT_KIND_SUSPECTS);
  header.set_format(absl::EndsWithIgnoreCase(o.file, ".csv") ? v1::EXTRACT_FORMAT_CSV
                                                             : v1::EXTRACT_FORMAT_JSON_LINES);
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Fail("cannot read " + o.file);
  auto stub = Stub(o);
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  v1::ExtractReceipt receipt;
  auto writer = stub->UploadExtract(&ctx, &receipt);
  v1::ExtractChunk chunk;
  *chunk.mutable_header() = header;
  writer->Write(chunk);
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() <= 0) break;
    chunk.set_data(buffer.data(), static_cast<size_t>(in.gcount()));
    if (!writer->Write(chunk)) break;  // the server refused; Finish says why
  }
  writer->WritesDone();
  grpc::Status s = writer->Finish();
  if (!s.ok()) return PrintStatus(s);
  std::cout << ToJson(receipt);
  return 0;
}

int Watch(const Options& o, const std::string& run_id) {
  auto stub = Stub(o);
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  v1::GetRunRequest r;
  r.set_run_id(run_id);
  auto reader = stub->WatchRun(&ctx, r);
  v1::Run run;
  while (reader->Read(&run)) {
    std::cout << run.id() << " " << v1::RunState_Name(run.state()) << " entries "
              << run.entries_read() << " reports " << run.reports_read() << " discrepancies "
              << run.discrepancies() << " requests " << run.requests()
              << (run.error().empty() ? "" : " error: " + run.error()) << std::endl;
  }
  grpc::Status s = reader->Finish();
  if (!s.ok()) return PrintStatus(s);
  return run.state() == v1::RUN_STATE_DONE ? 0 : 1;
}

}  // namespace

bool IsReconciliationCommand(const std::string& command) {
  static const std::set<std::string> kCommands = {
      "recon-upload", "recon-run",    "recon-watch",  "recon-discrepancies",
      "recon-report", "recon-submit", "recon-status", "recon-ministry"};
  return kCommands.count(command) > 0;
}

int RunReconciliationCommand(const std::string& command, const Options& o) {
  if (command == "recon-upload") return Upload(o);
  if (command == "recon-run") {
    v1::RunRequest r;
    if (o.kind == "daily") r.set_kind(v1::JOB_KIND_DAILY);
    if (o.kind == "monthly") r.set_kind(v1::JOB_KIND_MONTHLY);
    if (o.kind == "ministry") r.set_kind(v1::JOB_KIND_MINISTRY);
    r.set_unit_code(o.unit);
    r.set_period(o.period);
    r.set_rerun(o.rerun);
    v1::Run run;
    if (int rc = Unary(o, r, &Reconciliation::Stub::StartRun, &run); rc != 0) return rc;
    if (o.watch) return Watch(o, run.id());
    std::cout << ToJson(run);
    return 0;
  }
  if (command == "recon-watch") return Watch(o, o.id);
  if (command == "recon-discrepancies") {
    v1::ListDiscrepanciesRequest r;
    r.set_run_id(o.id);
    v1::ListDiscrepanciesResponse resp;
    if (int rc = Unary(o, r, &Reconciliation::Stub::ListDiscrepancies, &resp); rc != 0) return rc;
    std::cout << ToJson(resp);
    return 0;
  }
  if (command == "recon-report") {
    v1::MonthlyReportRequest r;
    r.set_region(o.unit);
    r.set_month(o.period);
    r.set_format(Format(o));
    v1::MonthlyReport resp;
    if (int rc = Unary(o, r, &Reconciliation::Stub::GetMonthlyReport, &resp); rc != 0) return rc;
    std::cout << (o.format == "json" ? ToJson(resp) : resp.document());
    return 0;
  }
  if (command == "recon-submit") {
    v1::SubmitMonthlyReportRequest r;
    r.set_region(o.unit);
    r.set_month(o.period);
    r.mutable_signature()->mutable_officer()->set_full_name(o.signer);
    r.mutable_signature()->set_capacity(o.capacity == "acting" ? v1::SIGNER_CAPACITY_ACTING
                                                               : v1::SIGNER_CAPACITY_HEAD);
    *r.mutable_signature()->mutable_signed_at() = base::ToProto(absl::Now());
    v1::RegionMonthStatus resp;
    if (int rc = Unary(o, r, &Reconciliation::Stub::SubmitMonthlyReport, &resp); rc != 0) {
      return rc;
    }
    std::cout << ToJson(resp);
    return 0;
  }
  if (command == "recon-status") {
    v1::MonthlyStatusRequest r;
    r.set_month(o.period);
    v1::MonthlyStatusResponse resp;
    if (int rc = Unary(o, r, &Reconciliation::Stub::GetMonthlyStatus, &resp); rc != 0) return rc;
    std::cout << ToJson(resp);
    return 0;
  }
  v1::MinistryReconciliationRequest r;  // recon-ministry
  r.set_month(o.period);
  r.set_format(Format(o));
  v1::MinistryReconciliation resp;
  if (int rc = Unary(o, r, &Reconciliation::Stub::GetMinistryReconciliation, &resp); rc != 0) {
    return rc;
  }
  std::cout << (o.format == "json" ? ToJson(resp) : resp.document());
  return 0;
}

}  // namespace opsreport::cli
