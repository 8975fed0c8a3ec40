#pragma once
// ReportStore over Redis. Keys (all prefixed with "intake:"):
//   doc:<id>        hash: body (AcceptedDocument without numbers), fp, reg, out
//   out:<number>    -> id, the outgoing-number index
//   idem:<unit>:<k> -> id, the idempotency index
//   seq:<unit>:<y>  serial registration counter per unit per year
//   supp:<id>       list of supplement ids of a report
//   outbox          sorted set of ids scored by when to (re)publish, in ms
//   log             list of every accepted id in acceptance order

#include <memory>

#include "opsreport/redis/client.h"
#include "report_store.h"

namespace opsreport::intake {

class RedisReportStore final : public ReportStore {
 public:
  explicit RedisReportStore(redis::Client* client);

  absl::StatusOr<AcceptOutcome> Accept(const AcceptRequest& request) override;
  absl::StatusOr<std::optional<v1::AcceptedDocument>> Get(const std::string& id) override;
  absl::StatusOr<std::optional<std::string>> FindByOutgoingNumber(
      const std::string& outgoing_number) override;
  absl::StatusOr<std::vector<std::string>> Supplements(const std::string& id) override;
  absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                    int limit) override;
  absl::Status Acknowledge(const std::vector<std::string>& ids) override;
  absl::StatusOr<int64_t> OutboxSize() override;

 private:
  redis::Client* client_;
};

}  // namespace opsreport::intake
