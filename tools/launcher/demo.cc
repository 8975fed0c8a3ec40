#include "demo.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/intake.grpc.pb.h"
#include "opsreport/v1/routing.grpc.pb.h"

namespace opsreport::launcher {
namespace {

// The demo's errors name the step that failed.
absl::Status FromGrpc(const grpc::Status& s, const std::string& what) {
  absl::Status status = grpc_util::FromGrpcStatus(s);
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(what, ": ", status.message()));
}

// The regional desk takes the report once it has arrived, and its head signs
// the forward to the Ministry.
absl::Status ClimbToMinistry(const std::string& routing_address,
                             const auth::CredentialSigner& signer, const std::string& report_id) {
  auto stub =
      v1::Routing::NewStub(grpc::CreateChannel(routing_address, grpc_util::ChannelCredentials()));
  const std::string token = signer.Sign({fixtures::kRegionUnit, "Руденко Олена Вікторівна",
                                         auth::Role::kDutyOfficer, absl::Now() + absl::Hours(1)});
  v1::ItemRequest item;
  item.set_unit_code(fixtures::kRegionUnit);
  item.set_item_id(report_id);
  v1::InboxItem acked;
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (true) {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, token);
    grpc::Status s = stub->Acknowledge(&ctx, item, &acked);
    if (s.ok()) break;
    if (s.error_code() != grpc::StatusCode::NOT_FOUND || absl::Now() > give_up) {
      return FromGrpc(s, "demo acknowledgement at the region");
    }
    absl::SleepFor(absl::Milliseconds(200));  // still on its way up
  }
  v1::ForwardRequest forward;
  forward.set_unit_code(fixtures::kRegionUnit);
  forward.set_item_id(report_id);
  forward.mutable_signature()->mutable_officer()->set_full_name("Олійник Василь Андрійович");
  forward.mutable_signature()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
  forward.mutable_signature()->mutable_signed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  v1::InboxItem forwarded;
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, token);
  RETURN_IF_ERROR(FromGrpc(stub->Forward(&ctx, forward, &forwarded), "demo forward"));
  std::cout << "demo: region " << fixtures::kRegionUnit << " acknowledged and forwarded it as "
            << forwarded.forward_outgoing_number() << std::endl;
  return absl::OkStatus();
}

}  // namespace

absl::Status LoadDemoData(const std::string& intake_address, const std::string& routing_address,
                          const std::string& key_file) {
  ASSIGN_OR_RETURN(auth::CredentialSigner signer, auth::CredentialSigner::FromKeyFile(key_file));
  auth::Principal duty{fixtures::kDistrictUnit, fixtures::kDistrictDutyOfficer,
                       auth::Role::kDutyOfficer, absl::Now() + absl::Hours(1)};
  std::string token = signer.Sign(duty);
  auto channel = grpc::CreateChannel(intake_address, grpc_util::ChannelCredentials());
  auto stub = v1::Intake::NewStub(channel);

  // Received an hour ago, so every time in the reports is in the past.
  absl::Time received = absl::Now() - absl::Hours(1);
  // The reports are built from `received` to the minute, so the keys carry
  // that minute: a restart within it is a no-op, a later one files a new set
  // (a key fixed per day would name a different document and be refused).
  std::string minute = absl::FormatTime("%Y%m%d%H%M", received, calendar::KyivZone());
  auto submit = [&](const std::string& key, const v1::SpecialReport& report,
                    v1::SubmitResponse& response) {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, token);
    v1::SubmitSpecialReportRequest request;
    request.set_idempotency_key(key);
    *request.mutable_report() = report;
    return FromGrpc(stub->SubmitSpecialReport(&ctx, request, &response), key);
  };
  v1::SubmitResponse murder, fire, supplement;
  RETURN_IF_ERROR(
      submit(absl::StrCat("demo-", minute, "-murder"), fixtures::MurderReport(received), murder));
  RETURN_IF_ERROR(
      submit(absl::StrCat("demo-", minute, "-fire"), fixtures::FireReport(received), fire));

  v1::GetReportRequest get;
  get.set_report_id(murder.report_id());
  v1::GetReportResponse original;
  {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, token);
    RETURN_IF_ERROR(FromGrpc(stub->GetReport(&ctx, get, &original), "get demo report"));
  }
  absl::Time accepted = absl::FromUnixSeconds(original.document().accepted_at().seconds());
  {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, token);
    v1::SubmitSupplementRequest request;
    request.set_idempotency_key(absl::StrCat("demo-", minute, "-murder-supplement"));
    *request.mutable_supplement() = fixtures::ErdrSupplement(
        murder.outgoing_number(), absl::FormatTime("%Y-%m-%d", accepted, calendar::KyivZone()),
        murder.registration_number(), accepted);
    RETURN_IF_ERROR(
        FromGrpc(stub->SubmitSupplement(&ctx, request, &supplement), "demo supplement"));
  }
  std::cout << "demo: murder report " << murder.outgoing_number() << " (id " << murder.report_id()
            << "), fire report " << fire.outgoing_number() << ", supplement "
            << supplement.outgoing_number() << (murder.duplicate() ? " (already loaded)" : "")
            << std::endl;
  return ClimbToMinistry(routing_address, signer, murder.report_id());
}

}  // namespace opsreport::launcher
