#pragma once
// In-memory ReportStore with the same semantics as the Redis one, for unit
// tests of the intake logic. Thread-safe.

#include <map>

#include "absl/synchronization/mutex.h"
#include "report_store.h"

namespace opsreport::intake {

class MemoryReportStore final : public ReportStore {
 public:
  absl::StatusOr<AcceptOutcome> Accept(const AcceptRequest& request) override;
  absl::StatusOr<std::optional<v1::AcceptedDocument>> Get(const std::string& id) override;
  absl::StatusOr<std::optional<std::string>> FindByOutgoingNumber(
      const std::string& outgoing_number) override;
  absl::StatusOr<std::vector<std::string>> Supplements(const std::string& id) override;
  absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                    int limit) override;
  absl::Status Acknowledge(const std::vector<std::string>& ids) override;
  absl::StatusOr<int64_t> OutboxSize() override;

  size_t DocumentCount() const;

 private:
  struct Stored {
    v1::AcceptedDocument doc;  // numbers applied
    std::string fingerprint;
  };
  mutable absl::Mutex mu_;
  std::map<std::string, Stored> docs_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> by_outgoing_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> by_idempotency_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, int64_t> sequences_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::vector<std::string>> supplements_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, absl::Time> outbox_ ABSL_GUARDED_BY(mu_);
};

}  // namespace opsreport::intake
