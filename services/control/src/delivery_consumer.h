#pragma once
// Control's Kafka side: routing's deliveries to the Ministry are applied to
// the control files once, and each applied, found applied or held delivery
// is answered with a HopReceipt for "delivered:<hop id>", which clears it
// from routing's outbox (a hold is durable: it need not come again). Until
// then routing sends it again.

#include <string>

#include "controller.h"
#include "opsreport/kafka/message.h"
#include "opsreport/kafka/producer.h"

namespace opsreport::control {

// The consumer loop's handler. INVALID_ARGUMENT for a record that can never
// be applied (parked; no receipt); another error for a transient failure.
// An empty `receipts_topic` sends no receipt.
absl::Status ApplyDelivery(Controller& controller, kafka::Producer& producer,
                           const std::string& receipts_topic, const kafka::Message& message);
// The same for a delivery already parsed (the service::Dispatcher's handler).
absl::Status ApplyDelivery(Controller& controller, kafka::Producer& producer,
                           const std::string& receipts_topic, const v1::InboxItem& item,
                           const kafka::Message& message);

}  // namespace opsreport::control
