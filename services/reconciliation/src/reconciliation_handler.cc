#include "reconciliation_handler.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/handler.h"
#include "opsreport/grpc_util/status.h"

namespace opsreport::reconciliation_service {
namespace {

using grpc_util::HandleUnary;

// A spooled upload, removed whatever happens.
class SpoolFile {
 public:
  explicit SpoolFile(const std::string& dir) : path_(dir + "/opsreport-extract-XXXXXX") {
    fd_ = mkstemp(path_.data());
  }
  ~SpoolFile() {
    if (fd_ >= 0) close(fd_);
    if (fd_ >= 0) unlink(path_.c_str());
  }
  bool ok() const { return fd_ >= 0; }
  bool Write(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = write(fd_, data.data() + done, data.size() - done);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace

grpc::Status ReconciliationHandler::UploadExtract(grpc::ServerContext* c,
                                                  grpc::ServerReader<v1::ExtractChunk>* reader,
                                                  v1::ExtractReceipt* resp) {
  absl::StatusOr<auth::Principal> caller = grpc_util::Caller(c);
  if (!caller.ok()) return grpc_util::ToGrpcStatus(caller.status());
  if (absl::Status s = ReconciliationService::CheckUploader(*caller); !s.ok()) {
    return grpc_util::ToGrpcStatus(s);
  }
  v1::ExtractChunk chunk;
  if (!reader->Read(&chunk) || !chunk.has_header()) {
    return grpc_util::ToGrpcStatus(
        absl::InvalidArgumentError("header: the first chunk must carry the extract's header"));
  }
  const v1::ExtractHeader header = chunk.header();
  if (absl::Status s = ReconciliationService::ValidateHeader(header); !s.ok()) {
    return grpc_util::ToGrpcStatus(s);
  }
  // Spooled to disk: validation reads the whole extract before anything is
  // applied, and memory must not grow with its size.
  SpoolFile spool(spool_dir_);
  if (!spool.ok()) {
    return grpc_util::ToGrpcStatus(
        absl::InternalError("cannot create a spool file in " + spool_dir_));
  }
  int64_t bytes = 0;
  int64_t index = 1;
  while (reader->Read(&chunk)) {
    if (!chunk.has_data()) {
      return grpc_util::ToGrpcStatus(absl::InvalidArgumentError(
          absl::StrCat("chunks[", index, "]: only the first chunk carries a header")));
    }
    bytes += static_cast<int64_t>(chunk.data().size());
    if (bytes > max_bytes_) {
      return grpc_util::ToGrpcStatus(absl::InvalidArgumentError(
          absl::StrCat("extract: larger than the limit of ", max_bytes_, " bytes")));
    }
    if (!spool.Write(chunk.data())) {
      return grpc_util::ToGrpcStatus(absl::InternalError("cannot write the spool file"));
    }
    ++index;
  }
  std::ifstream in(spool.path(), std::ios::binary);
  absl::StatusOr<v1::ExtractReceipt> receipt = service_->IngestExtract(in, header);
  if (!receipt.ok()) return grpc_util::ToGrpcStatus(receipt.status());
  *resp = *std::move(receipt);
  return grpc::Status::OK;
}

grpc::Status ReconciliationHandler::StartRun(grpc::ServerContext* c, const v1::RunRequest* req,
                                             v1::Run* resp) {
  return HandleUnary(c, resp,
                     [&](const auth::Principal& p) { return service_->StartRun(p, *req); });
}

grpc::Status ReconciliationHandler::GetRun(grpc::ServerContext* c, const v1::GetRunRequest* req,
                                           v1::Run* resp) {
  return HandleUnary(c, resp,
                     [&](const auth::Principal& p) { return service_->GetRun(p, req->run_id()); });
}

grpc::Status ReconciliationHandler::WatchRun(grpc::ServerContext* c, const v1::GetRunRequest* req,
                                             grpc::ServerWriter<v1::Run>* writer) {
  absl::StatusOr<auth::Principal> caller = grpc_util::Caller(c);
  if (!caller.ok()) return grpc_util::ToGrpcStatus(caller.status());
  std::string last;
  while (!c->IsCancelled()) {
    absl::StatusOr<v1::Run> run = service_->GetRun(*caller, req->run_id());
    if (!run.ok()) return grpc_util::ToGrpcStatus(run.status());
    std::string now = run->SerializeAsString();
    if (now != last) {
      if (!writer->Write(*run)) return grpc::Status::OK;
      last = std::move(now);
    }
    if (run->state() == v1::RUN_STATE_DONE || run->state() == v1::RUN_STATE_FAILED) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  return grpc::Status::OK;
}

grpc::Status ReconciliationHandler::ListDiscrepancies(grpc::ServerContext* c,
                                                      const v1::ListDiscrepanciesRequest* req,
                                                      v1::ListDiscrepanciesResponse* resp) {
  return HandleUnary(
      c, resp, [&](const auth::Principal& p) { return service_->ListDiscrepancies(p, *req); });
}

grpc::Status ReconciliationHandler::GetMonthlyReport(grpc::ServerContext* c,
                                                     const v1::MonthlyReportRequest* req,
                                                     v1::MonthlyReport* resp) {
  return HandleUnary(c, resp,
                     [&](const auth::Principal& p) { return service_->GetMonthlyReport(p, *req); });
}

grpc::Status ReconciliationHandler::SubmitMonthlyReport(grpc::ServerContext* c,
                                                        const v1::SubmitMonthlyReportRequest* req,
                                                        v1::RegionMonthStatus* resp) {
  return HandleUnary(
      c, resp, [&](const auth::Principal& p) { return service_->SubmitMonthlyReport(p, *req); });
}

grpc::Status ReconciliationHandler::GetMonthlyStatus(grpc::ServerContext* c,
                                                     const v1::MonthlyStatusRequest* req,
                                                     v1::MonthlyStatusResponse* resp) {
  return HandleUnary(c, resp,
                     [&](const auth::Principal& p) { return service_->GetMonthlyStatus(p, *req); });
}

grpc::Status ReconciliationHandler::GetMinistryReconciliation(
    grpc::ServerContext* c, const v1::MinistryReconciliationRequest* req,
    v1::MinistryReconciliation* resp) {
  return HandleUnary(c, resp, [&](const auth::Principal& p) {
    return service_->GetMinistryReconciliation(p, *req);
  });
}

}  // namespace opsreport::reconciliation_service
