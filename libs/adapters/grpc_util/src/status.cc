#include "opsreport/grpc_util/status.h"

#include <string>

#include "absl/strings/cord.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::grpc_util {
namespace {

// absl::StatusCode and grpc::StatusCode share the canonical numbering 0..16.
constexpr int kMaxCanonicalCode = 16;

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  int raw = static_cast<int>(status.code());
  auto code = raw >= 0 && raw <= kMaxCanonicalCode ? static_cast<grpc::StatusCode>(raw)
                                                   : grpc::StatusCode::UNKNOWN;
  std::string message(status.message());
  std::vector<base::Violation> violations = base::ViolationsFromStatus(status);
  if (code != grpc::StatusCode::INVALID_ARGUMENT || violations.empty()) {
    return grpc::Status(code, message);
  }
  v1::Violations details;
  for (const base::Violation& v : violations) {
    v1::FieldViolation* out = details.add_violations();
    out->set_field(v.field);
    out->set_message(v.message);
  }
  return grpc::Status(code, message, details.SerializeAsString());
}

std::vector<base::Violation> ViolationsOf(const grpc::Status& status) {
  std::vector<base::Violation> out;
  if (status.error_code() != grpc::StatusCode::INVALID_ARGUMENT || status.error_details().empty()) {
    return out;
  }
  v1::Violations details;
  if (!details.ParseFromString(status.error_details())) return out;
  for (const v1::FieldViolation& v : details.violations()) {
    out.push_back({v.field(), v.message()});
  }
  return out;
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  std::vector<base::Violation> violations = ViolationsOf(status);
  if (!violations.empty()) {
    // Reuse base's payload format rather than restating it here.
    base::Violations collected;
    for (const base::Violation& v : violations) collected.Add(v.field, v.message);
    absl::Status carrier = collected.ToStatus("");
    out.SetPayload(base::Violations::kPayloadUrl,
                   *carrier.GetPayload(base::Violations::kPayloadUrl));
  }
  return out;
}

}  // namespace opsreport::grpc_util
