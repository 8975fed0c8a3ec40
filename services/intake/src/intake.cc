#include "intake.h"

#include <openssl/sha.h>

#include "absl/random/random.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/time_util.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::intake {
namespace {

using google::protobuf::util::TimeUtil;

constexpr size_t kMaxIdempotencyKey = 128;

void CheckIdempotencyKey(const std::string& key, base::Violations& out) {
  if (key.empty()) {
    out.Add("idempotency_key", "must not be empty: choose one per document and reuse it on retry");
  } else if (key.size() > kMaxIdempotencyKey) {
    out.Add("idempotency_key", absl::StrCat("is too long: at most ", kMaxIdempotencyKey, " bytes"));
  }
}

std::string NewId() {
  static absl::Mutex mu;
  static absl::BitGen gen;
  absl::MutexLock lock(&mu);
  return absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(gen), absl::Uniform<uint64_t>(gen));
}

}  // namespace

std::string Fingerprint(const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

Intake::Intake(const report_rules::ReportValidator* validator, const org::OrgDirectory* org,
               ReportStore* store, const base::Clock* clock,
               std::function<void(v1::AcceptedDocument)> on_accepted, absl::Duration outbox_lease)
    : validator_(validator),
      org_(org),
      store_(store),
      clock_(clock),
      on_accepted_(std::move(on_accepted)),
      outbox_lease_(outbox_lease) {}

absl::Status Intake::CheckMayFile(const auth::Principal& caller,
                                  const std::string& unit_code) const {
  // Duty desks file for their own unit only (002 §1.5: informing goes through duty units).
  switch (caller.role) {
    case auth::Role::kDutyOfficer:
    case auth::Role::kHead:
    case auth::Role::kActingHead:
    case auth::Role::kService:
      break;
    default:
      return absl::PermissionDeniedError(
          absl::StrCat("role ", std::string(auth::RoleName(caller.role)),
                       " may not file reports; a duty unit files them"));
  }
  if (!unit_code.empty() && unit_code != caller.unit_code) {
    return absl::PermissionDeniedError(
        absl::StrCat("caller of unit ", caller.unit_code, " may not file for unit ", unit_code));
  }
  return absl::OkStatus();
}

v1::AcceptedDocument Intake::NewDocument(const auth::Principal& caller,
                                         const std::string& key) const {
  v1::AcceptedDocument doc;
  doc.set_id(NewId());
  doc.set_idempotency_key(key);
  doc.set_unit_code(caller.unit_code);
  doc.set_submitted_by(caller.officer);
  *doc.mutable_accepted_at() = TimeUtil::NanosecondsToTimestamp(absl::ToUnixNanos(clock_->Now()));
  return doc;
}

absl::StatusOr<v1::SubmitResponse> Intake::Store(v1::AcceptedDocument doc,
                                                 const std::string& fingerprint,
                                                 const std::string& original_outgoing_number) {
  AcceptRequest request;
  request.year = static_cast<int>(absl::ToCivilYear(clock_->Now(), calendar::KyivZone()).year());
  request.fingerprint = fingerprint;
  request.original_outgoing_number = original_outgoing_number;
  request.outbox_due = clock_->Now() + outbox_lease_;
  request.document = std::move(doc);
  ASSIGN_OR_RETURN(AcceptOutcome outcome, store_->Accept(request));
  if (!outcome.duplicate && on_accepted_) {
    ApplyNumbers(request.document, outcome.registration_number, outcome.outgoing_number);
    on_accepted_(std::move(request.document));
  }
  v1::SubmitResponse response;
  response.set_report_id(outcome.report_id);
  response.set_registration_number(outcome.registration_number);
  response.set_outgoing_number(outcome.outgoing_number);
  response.set_duplicate(outcome.duplicate);
  return response;
}

absl::StatusOr<v1::SubmitResponse> Intake::SubmitSpecialReport(
    const auth::Principal& caller, const v1::SubmitSpecialReportRequest& r) {
  RETURN_IF_ERROR(CheckMayFile(caller, r.report().unit_code()));
  base::Violations violations = validator_->ValidateSpecialReport(r.report());
  CheckIdempotencyKey(r.idempotency_key(), violations);
  RETURN_IF_ERROR(violations.ToStatus("special report"));
  v1::AcceptedDocument doc = NewDocument(caller, r.idempotency_key());
  doc.set_root_report_id(doc.id());
  *doc.mutable_special_report() = r.report();
  return Store(std::move(doc), Fingerprint(r.report()), "");
}

absl::StatusOr<v1::SubmitResponse> Intake::SubmitSupplement(const auth::Principal& caller,
                                                            const v1::SubmitSupplementRequest& r) {
  const v1::Supplement& s = r.supplement();
  RETURN_IF_ERROR(CheckMayFile(caller, s.unit_code()));
  std::optional<v1::AcceptedDocument> original;
  if (!s.original_outgoing_number().empty()) {
    ASSIGN_OR_RETURN(std::optional<std::string> id,
                     store_->FindByOutgoingNumber(s.original_outgoing_number()));
    if (id) {
      ASSIGN_OR_RETURN(original, store_->Get(*id));
    }
  }
  base::Violations violations = validator_->ValidateSupplement(s, original ? &*original : nullptr);
  CheckIdempotencyKey(r.idempotency_key(), violations);
  RETURN_IF_ERROR(violations.ToStatus("supplement"));
  v1::AcceptedDocument doc = NewDocument(caller, r.idempotency_key());
  doc.set_root_report_id(original->id());
  *doc.mutable_supplement() = s;
  return Store(std::move(doc), Fingerprint(s), s.original_outgoing_number());
}

absl::StatusOr<v1::SubmitResponse> Intake::SubmitTelegram(const auth::Principal& caller,
                                                          const v1::SubmitTelegramRequest& r) {
  ASSIGN_OR_RETURN(telegram::DocumentKind kind, telegram::DetectKind(r.text()));
  if (kind == telegram::DocumentKind::kSupplement) {
    v1::SubmitSupplementRequest request;
    request.set_idempotency_key(r.idempotency_key());
    ASSIGN_OR_RETURN(*request.mutable_supplement(), telegram::ParseSupplement(r.text()));
    // A legacy telegram names its unit through the sender's credential.
    if (request.supplement().unit_code().empty()) {
      request.mutable_supplement()->set_unit_code(caller.unit_code);
    }
    return SubmitSupplement(caller, request);
  }
  v1::SubmitSpecialReportRequest request;
  request.set_idempotency_key(r.idempotency_key());
  ASSIGN_OR_RETURN(*request.mutable_report(), telegram::ParseSpecialReport(r.text()));
  if (request.report().unit_code().empty()) {
    request.mutable_report()->set_unit_code(request.report().coding_line().unit_code());
  }
  return SubmitSpecialReport(caller, request);
}

absl::StatusOr<v1::GetReportResponse> Intake::GetReport(const auth::Principal& caller,
                                                        const v1::GetReportRequest& r) {
  std::string id;
  switch (r.key_case()) {
    case v1::GetReportRequest::kReportId:
      id = r.report_id();
      break;
    case v1::GetReportRequest::kOutgoingNumber: {
      ASSIGN_OR_RETURN(std::optional<std::string> found,
                       store_->FindByOutgoingNumber(r.outgoing_number()));
      if (!found) {
        return absl::NotFoundError(
            absl::StrCat("no report with outgoing number ", r.outgoing_number()));
      }
      id = *found;
      break;
    }
    default:
      break;
  }
  if (id.empty()) {
    return absl::InvalidArgumentError("request rejected: give report_id or outgoing_number");
  }
  ASSIGN_OR_RETURN(std::optional<v1::AcceptedDocument> doc, store_->Get(id));
  if (!doc) return absl::NotFoundError(absl::StrCat("no report with id ", id));
  // A unit sees itself and its subtree; the Ministry sees all.
  if (!org_->InSubtree(caller.unit_code, doc->unit_code())) {
    return absl::PermissionDeniedError(absl::StrCat(
        "unit ", caller.unit_code, " may not read reports of unit ", doc->unit_code()));
  }
  v1::GetReportResponse response;
  ASSIGN_OR_RETURN(std::vector<std::string> supplements, store_->Supplements(id));
  for (auto& s : supplements) response.add_supplement_ids(std::move(s));
  *response.mutable_document() = *std::move(doc);
  return response;
}

absl::StatusOr<std::string> Intake::RenderTelegram(const auth::Principal& caller,
                                                   const v1::GetReportRequest& r) {
  ASSIGN_OR_RETURN(v1::GetReportResponse found, GetReport(caller, r));
  const v1::AcceptedDocument& doc = found.document();
  return doc.has_special_report() ? telegram::RenderSpecialReport(doc.special_report())
                                  : telegram::RenderSupplement(doc.supplement());
}

}  // namespace opsreport::intake
