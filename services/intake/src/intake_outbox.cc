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

}  // namespace opsreport::intake
