#pragma once
// The receipts of applied extracts, by the SHA-256 of their bytes:
// recon:extract:<sha256> holds the ExtractReceipt (keys.h). It is written
// only once the whole extract is applied, so an apply cut short leaves none
// and the same bytes sent again complete it.

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"
#include "opsreport/v1/reconciliation.pb.h"

namespace opsreport::reconciliation_service {

class ExtractStore {
 public:
  // Not owned; must outlive the store.
  explicit ExtractStore(redis::Client* client) : client_(client) {}

  absl::StatusOr<std::optional<v1::ExtractReceipt>> Receipt(const std::string& fingerprint);
  // The first receipt stays: a concurrent apply of the same bytes keeps it.
  absl::Status SaveReceipt(const v1::ExtractReceipt& receipt);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::reconciliation_service
