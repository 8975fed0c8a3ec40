#pragma once
// Durable storage of accepted documents with their outbox. The one write,
// Accept, is a single atomic step: dedup by idempotency key, next serial
// number of (unit, year), the document, its outgoing-number index, the link
// to the original, and the outbox entry all commit together or not at all.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::intake {

struct AcceptOutcome {
  std::string report_id;
  int64_t registration_number = 0;
  std::string outgoing_number;
  bool duplicate = false;  // the idempotency key was seen before
};

struct AcceptRequest {
  // Without numbers: the store assigns them.
  v1::AcceptedDocument document;
  int year = 0;                          // Kyiv year of acceptance: the numbering period
  std::string fingerprint;               // digest of what the caller sent
  std::string original_outgoing_number;  // for a supplement; must exist
  // When the outbox entry falls due for the poller. Accepted documents are
  // handed to the relay in memory at once, so the entry starts out leased and
  // is only picked up by the poller if that fast path never confirms.
  absl::Time outbox_due;
};

class ReportStore {
 public:
  virtual ~ReportStore() = default;

  // ALREADY_EXISTS when the idempotency key was used for different content;
  // FAILED_PRECONDITION when a supplement's original vanished.
  virtual absl::StatusOr<AcceptOutcome> Accept(const AcceptRequest& request) = 0;
  // The document with its assigned numbers filled in, or nullopt.
  virtual absl::StatusOr<std::optional<v1::AcceptedDocument>> Get(const std::string& id) = 0;
  virtual absl::StatusOr<std::optional<std::string>> FindByOutgoingNumber(
      const std::string& outgoing_number) = 0;
  virtual absl::StatusOr<std::vector<std::string>> Supplements(const std::string& id) = 0;

  // Outbox. Claiming leases due entries until `now + lease` so that one
  // relay (of possibly several replicas) publishes each at a time; an entry
  // whose publish is never confirmed becomes due again when the lease ends.
  virtual absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                            int limit) = 0;
  // Removes confirmed entries, in one write.
  virtual absl::Status Acknowledge(const std::vector<std::string>& ids) = 0;
  virtual absl::StatusOr<int64_t> OutboxSize() = 0;
};

// Fills the numbers assigned by the store into the document and its body.
void ApplyNumbers(v1::AcceptedDocument& doc, int64_t registration_number,
                  const std::string& outgoing_number);

}  // namespace opsreport::intake
