#include "extract_store.h"

#include "keys.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::reconciliation_service {

absl::StatusOr<std::optional<v1::ExtractReceipt>> ExtractStore::Receipt(
    const std::string& fingerprint) {
  ASSIGN_OR_RETURN(redis::Reply seen, client_->Command({"GET", keys::Extract(fingerprint)}));
  if (seen.is_nil()) return std::nullopt;
  v1::ExtractReceipt receipt;
  if (!receipt.ParseFromString(seen.str)) return absl::DataLossError("extract receipt corrupt");
  return receipt;
}

absl::Status ExtractStore::SaveReceipt(const v1::ExtractReceipt& receipt) {
  return client_
      ->Command({"SET", keys::Extract(receipt.fingerprint()), receipt.SerializeAsString(), "NX"})
      .status();
}

}  // namespace opsreport::reconciliation_service
