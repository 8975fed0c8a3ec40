#pragma once
// gRPC edge of the reconciliation service.

#include <string>

#include "opsreport/v1/reconciliation.grpc.pb.h"
#include "service.h"

namespace opsreport::reconciliation_service {

class ReconciliationHandler final : public v1::Reconciliation::Service {
 public:
  ReconciliationHandler(ReconciliationService* service, std::string spool_dir,
                        int64_t max_extract_bytes)
      : service_(service), spool_dir_(std::move(spool_dir)), max_bytes_(max_extract_bytes) {}

  grpc::Status UploadExtract(grpc::ServerContext* c, grpc::ServerReader<v1::ExtractChunk>* reader,
                             v1::ExtractReceipt* resp) override;
  grpc::Status StartRun(grpc::ServerContext* c, const v1::RunRequest* req, v1::Run* resp) override;
  grpc::Status GetRun(grpc::ServerContext* c, const v1::GetRunRequest* req, v1::Run* resp) override;
  grpc::Status WatchRun(grpc::ServerContext* c, const v1::GetRunRequest* req,
                        grpc::ServerWriter<v1::Run>* writer) override;
  grpc::Status ListDiscrepancies(grpc::ServerContext* c, const v1::ListDiscrepanciesRequest* req,
                                 v1::ListDiscrepanciesResponse* resp) override;
  grpc::Status GetMonthlyReport(grpc::ServerContext* c, const v1::MonthlyReportRequest* req,
                                v1::MonthlyReport* resp) override;
  grpc::Status SubmitMonthlyReport(grpc::ServerContext* c,
                                   const v1::SubmitMonthlyReportRequest* req,
                                   v1::RegionMonthStatus* resp) override;
  grpc::Status GetMonthlyStatus(grpc::ServerContext* c, const v1::MonthlyStatusRequest* req,
                                v1::MonthlyStatusResponse* resp) override;
  grpc::Status GetMinistryReconciliation(grpc::ServerContext* c,
                                         const v1::MinistryReconciliationRequest* req,
                                         v1::MinistryReconciliation* resp) override;

 private:
  ReconciliationService* service_;
  std::string spool_dir_;
  int64_t max_bytes_;
};

}  // namespace opsreport::reconciliation_service
