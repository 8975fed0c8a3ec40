#include "delivery_consumer.h"

#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::control {

absl::Status ApplyDelivery(Controller& controller, kafka::Producer& producer,
                           const std::string& receipts_topic, const kafka::Message& message) {
  v1::InboxItem item;
  if (!item.ParseFromString(message.payload)) {
    return absl::InvalidArgumentError("delivery does not parse");
  }
  return ApplyDelivery(controller, producer, receipts_topic, item, message);
}

absl::Status ApplyDelivery(Controller& controller, kafka::Producer& producer,
                           const std::string& receipts_topic, const v1::InboxItem& item,
                           const kafka::Message& message) {
  RETURN_IF_ERROR(controller.OnDelivered(item, message));
  if (receipts_topic.empty()) return absl::OkStatus();
  // Applied or held, the delivery is durable here. Fire-and-forget: a lost
  // receipt only means the delivery comes again, is found applied (or
  // held), and is answered again.
  v1::HopReceipt receipt;
  receipt.set_hop_id("delivered:" + item.hop().id());
  receipt.set_receiver_unit(item.hop().to_unit());
  *receipt.mutable_applied_at() = base::ToProto(absl::Now());
  producer.SendAsync(receipts_topic, message.key, receipt.SerializeAsString(), [](absl::Status) {});
  return absl::OkStatus();
}

}  // namespace opsreport::control
