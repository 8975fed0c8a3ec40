#pragma once
// Intake's outbox as seen by the generic relay: entries are the accepted
// documents themselves (ReportStore's outbox), published whole, keyed by the
// root report id so a report and its supplements keep their order.

#include "opsreport/kafka/message.h"
#include "opsreport/outbox/outbox.h"
#include "opsreport/outbox/relay.h"
#include "report_store.h"

namespace opsreport::intake {

// The outbox message announcing an accepted document (numbers filled in).
outbox::Message ToMessage(const v1::AcceptedDocument& doc);

class IntakeOutbox final : public outbox::Store {
 public:
  explicit IntakeOutbox(ReportStore* store) : store_(store) {}

  absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                    int limit) override {
    return store_->ClaimDue(now, lease, limit);
  }
  absl::StatusOr<std::optional<outbox::Message>> Load(const std::string& id) override;
  absl::Status Clear(const std::vector<std::string>& ids) override {
    return store_->Acknowledge(ids);
  }

 private:
  ReportStore* store_;
};

// The kafka::ApplyLoop handler for routing's AcceptedReceipts: the document
// leaves the outbox with the relay's next pass (one write for many).
// INVALID_ARGUMENT for a record that does not parse.
absl::Status ClearOnReceipt(outbox::Relay& relay, const kafka::Message& message);
absl::Status ClearOnReceipt(outbox::Relay& relay, const v1::AcceptedReceipt& receipt);

}  // namespace opsreport::intake
