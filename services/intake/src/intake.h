#pragma once
// The intake use cases without transport: who may file, validation, numbering
// through the store, and reads scoped to the caller's subtree. The gRPC
// handler is a thin edge over this class.

#include <functional>

#include "absl/status/statusor.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/base/clock.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/report_rules/report_validator.h"
#include "opsreport/v1/intake.pb.h"
#include "report_store.h"

namespace opsreport::intake {

class Intake {
 public:
  // `on_accepted` receives each newly accepted document with its numbers
  // (the relay's fast path); its outbox entry falls due `outbox_lease` later.
  Intake(const report_rules::ReportValidator* validator, const org::OrgDirectory* org,
         ReportStore* store, const base::Clock* clock,
         std::function<void(v1::AcceptedDocument)> on_accepted, absl::Duration outbox_lease);

  absl::StatusOr<v1::SubmitResponse> SubmitSpecialReport(const auth::Principal& caller,
                                                         const v1::SubmitSpecialReportRequest& r);
  absl::StatusOr<v1::SubmitResponse> SubmitSupplement(const auth::Principal& caller,
                                                      const v1::SubmitSupplementRequest& r);
  absl::StatusOr<v1::SubmitResponse> SubmitTelegram(const auth::Principal& caller,
                                                    const v1::SubmitTelegramRequest& r);
  absl::StatusOr<v1::GetReportResponse> GetReport(const auth::Principal& caller,
                                                  const v1::GetReportRequest& r);
  absl::StatusOr<std::string> RenderTelegram(const auth::Principal& caller,
                                             const v1::GetReportRequest& r);

 private:
  absl::Status CheckMayFile(const auth::Principal& caller, const std::string& unit_code) const;
  absl::StatusOr<v1::SubmitResponse> Store(v1::AcceptedDocument doc, const std::string& fingerprint,
                                           const std::string& original_outgoing_number);
  v1::AcceptedDocument NewDocument(const auth::Principal& caller, const std::string& key) const;

  const report_rules::ReportValidator* validator_;
  const org::OrgDirectory* org_;
  ReportStore* store_;
  const base::Clock* clock_;
  std::function<void(v1::AcceptedDocument)> on_accepted_;
  absl::Duration outbox_lease_;
};

// SHA-256 (hex) of the deterministic serialization: what an idempotent retry must repeat.
std::string Fingerprint(const google::protobuf::Message& message);

}  // namespace opsreport::intake
