#include "intake_outbox.h"

#include "opsreport/base/status_macros.h"

namespace opsreport::intake {

outbox::Message ToMessage(const v1::AcceptedDocument& doc) {
  // Empty topic: the relay's default, the configured accepted-documents topic.
  return {doc.id(), "", doc.root_report_id(), doc.SerializeAsString()};
}

absl::StatusOr<std::optional<outbox::Message>> IntakeOutbox::Load(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<v1::AcceptedDocument> doc, store_->Get(id));
  if (!doc) return std::nullopt;
  return ToMessage(*doc);
}

absl::Status ClearOnReceipt(outbox::Relay& relay, const v1::AcceptedReceipt& receipt) {
  if (receipt.document_id().empty()) {
    return absl::InvalidArgumentError("accepted receipt names no document");
  }
  relay.Acknowledged(receipt.document_id());
  return absl::OkStatus();
}

absl::Status ClearOnReceipt(outbox::Relay& relay, const kafka::Message& message) {
  v1::AcceptedReceipt receipt;
  if (!receipt.ParseFromString(message.payload)) {
    return absl::InvalidArgumentError("accepted receipt does not parse");
  }
  return ClearOnReceipt(relay, receipt);
}

}  // namespace opsreport::intake
