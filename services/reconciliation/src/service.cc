#include "service.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/register_extract/extract_reader.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::reconciliation_service {
namespace {

constexpr size_t kApplyBatch = 500;

register_extract::ExtractKind KindOf(v1::ExtractKind kind) {
  switch (kind) {
    case v1::EXTRACT_KIND_RESULTS:
      return register_extract::ExtractKind::kResults;
    case v1::EXTRACT_KIND_SUSPECTS:
      return register_extract::ExtractKind::kSuspects;
    default:
      return register_extract::ExtractKind::kEntries;
  }
}

}  // namespace

ReconciliationService::ReconciliationService(redis::Client* client, const org::OrgDirectory* org,
                                             const catalogue::Catalogue* catalogue,
                                             const base::Clock* clock, ServiceOptions options,
                                             outbox::Sink requests, consumer::HoldStore* holds)
    : client_(client),
      org_(org),
      catalogue_(catalogue),
      clock_(clock),
      options_(std::move(options)),
      records_(client, org, catalogue, holds),
      runs_(client),
      months_(client),
      schedule_(client),
      extracts_(client),
      requests_(std::move(requests)),
      dispatcher_(MakeDispatcher()),
      timers_(client, "recon") {}

ReconciliationService::~ReconciliationService() { StopWorker(); }

absl::Status ReconciliationService::CheckSees(const auth::Principal& caller,
                                              const std::string& unit) const {
  if (org_->Find(unit) == nullptr) {
    return absl::InvalidArgumentError("unit_code: unknown unit '" + unit + "'");
  }
  if (caller.unit_code == unit || org_->InSubtree(caller.unit_code, unit)) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(absl::StrCat("unit ", caller.unit_code, " may not see ", unit,
                                                  ": only the unit itself and those above it"));
}

absl::Status ReconciliationService::CheckUploader(const auth::Principal& caller) {
  if (caller.role == auth::Role::kHqAnalyst || caller.role == auth::Role::kService) {
    return absl::OkStatus();
  }
  return absl::PermissionDeniedError(
      "register extracts come from the analytics units (role hq_analyst) (002 §3.7, §7.7)");
}

absl::Status ReconciliationService::ValidateHeader(const v1::ExtractHeader& header) {
  base::Violations v;
  if (header.kind() == v1::EXTRACT_KIND_UNSPECIFIED) {
    v.Add("header.kind", "must be entries, results or suspects");
  }
  if (header.format() == v1::EXTRACT_FORMAT_UNSPECIFIED) {
    v.Add("header.format", "must be csv or json_lines");
  }
  if (header.name().size() > 255) v.Add("header.name", "is longer than 255 bytes");
  return v.ToStatus("extract header");
}

absl::StatusOr<v1::ExtractReceipt> ReconciliationService::IngestExtract(
    std::istream& in, const v1::ExtractHeader& header) {
  RETURN_IF_ERROR(ValidateHeader(header));
  register_extract::ExtractOptions options;
  options.format = header.format() == v1::EXTRACT_FORMAT_JSON_LINES
                       ? register_extract::ExtractFormat::kJsonLines
                       : register_extract::ExtractFormat::kCsv;
  options.kind = KindOf(header.kind());
  options.name = header.name().empty() ? "register extract" : header.name();
  options.known_unit = [this](std::string_view code) { return org_->Find(code) != nullptr; };

  absl::MutexLock lock(&ingest_mu_);
  // Pass 1: the whole extract, nothing applied.
  ASSIGN_OR_RETURN(register_extract::ExtractSummary summary,
                   register_extract::ValidateExtract(in, *catalogue_, options));
  ASSIGN_OR_RETURN(std::optional<v1::ExtractReceipt> seen, extracts_.Receipt(summary.fingerprint));
  if (seen) {
    seen->set_already_applied(true);
    return *seen;
  }
  // Pass 2: apply. Each batch is atomic and every row's effect idempotent,
  // so an apply cut short by a crash is completed by sending it again.
  in.clear();
  in.seekg(0);
  if (!in) return absl::InternalError("the spooled extract cannot be re-read");
  register_extract::ExtractReader reader(in, *catalogue_, options);
  std::vector<v1::RegisterEntry> batch;
  v1::RegisterEntry entry;
  while (reader.Next(entry)) {
    batch.push_back(entry);
    if (batch.size() >= kApplyBatch) {
      RETURN_IF_ERROR(records_.ApplyEntries(batch, options.kind));
      batch.clear();
    }
  }
  RETURN_IF_ERROR(reader.status());
  if (reader.fingerprint() != summary.fingerprint) {
    return absl::AbortedError("the extract changed while it was applied");
  }
  if (!batch.empty()) RETURN_IF_ERROR(records_.ApplyEntries(batch, options.kind));
  v1::ExtractReceipt receipt;
  receipt.set_fingerprint(summary.fingerprint);
  receipt.set_rows(summary.rows);
  *receipt.mutable_applied_at() = base::ToProto(clock_->Now());
  receipt.set_name(options.name);
  receipt.set_kind(header.kind());
  RETURN_IF_ERROR(extracts_.SaveReceipt(receipt));
  return receipt;
}

service::Dispatcher ReconciliationService::MakeDispatcher() {
  service::Dispatcher d;
  d.On<v1::AcceptedDocument>(topics::kReportsAccepted, options_.accepted_topic,
                             [this](const v1::AcceptedDocument& doc, const kafka::Message& m) {
                               return records_.ApplyDocument(doc, m, clock_->Now());
                             })
      .On<v1::InboxItem>(topics::kRoutingDelivered, options_.delivered_topic,
                         [this](const v1::InboxItem& item, const kafka::Message& m) {
                           return OnDelivered(item, m);
                         })
      // Never held: a receipt answers a request written to our outbox before it was sent.
      .On<v1::ReconciliationRequestReceipt>(
          topics::kReconciliationReceipts, options_.receipts_topic,
          [this](const v1::ReconciliationRequestReceipt& receipt, const kafka::Message&) {
            return OnRequestReceipt(receipt);
          });
  return d;
}

absl::Status ReconciliationService::OnRecord(const kafka::Message& message) {
  return dispatcher_(message);
}

absl::Status ReconciliationService::OnDelivered(const v1::InboxItem& item,
                                                const kafka::Message& message) {
  const v1::AcceptedDocument& doc = item.hop().document();
  if (!doc.has_special_report()) return absl::OkStatus();  // supplements follow their report
  return records_.MarkReachedMinistry(item, message, clock_->Now());
}

absl::Status ReconciliationService::OnRequestReceipt(
    const v1::ReconciliationRequestReceipt& receipt) {
  if (receipt.request_id().empty()) {
    return absl::InvalidArgumentError("request receipt names no request");
  }
  if (!receipt.rejected().empty()) RETURN_IF_ERROR(RecordRejection(receipt));
  return requests_.store->Clear({receipt.request_id()});
}

absl::Status ReconciliationService::RecordRejection(
    const v1::ReconciliationRequestReceipt& receipt) {
  ASSIGN_OR_RETURN(std::optional<v1::ReconciliationRequest> request,
                   runs_.LoadRequest(receipt.request_id()));
  if (!request) return absl::OkStatus();  // not one of ours (or long gone): nothing to show it on
  std::cerr << "opsreport-reconciliation: routing refused request " << receipt.request_id() << ": "
            << receipt.rejected() << std::endl;
  return runs_.AddRejection(request->run_id(), receipt.request_id(), receipt.rejected());
}

}  // namespace opsreport::reconciliation_service
