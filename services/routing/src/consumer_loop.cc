#include "consumer_loop.h"

#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::routing {

absl::Status ApplyRecord(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                         const kafka::Message& message) {
  if (message.topic == topics.accepted) {
    v1::AcceptedDocument doc;
    if (!doc.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("accepted document does not parse");
    }
    RETURN_IF_ERROR(router.OnAccepted(doc));
    // Fire-and-forget, as for hops: without it intake sends the document
    // again, which is found applied and answered again.
    v1::AcceptedReceipt receipt;
    receipt.set_document_id(doc.id());
    receipt.set_receiver("opsreport-routing");
    *receipt.mutable_applied_at() = base::ToProto(absl::Now());
    producer.SendAsync(topics.accepted_receipts, message.key, receipt.SerializeAsString(),
                       [](absl::Status) {});
    return absl::OkStatus();
  }
  if (message.topic == topics.hops) {
    v1::Hop hop;
    if (!hop.ParseFromString(message.payload))
      return absl::InvalidArgumentError("hop does not parse");
    absl::StatusOr<v1::HopReceipt> receipt = router.OnHop(hop);
    if (!receipt.ok()) return receipt.status();
    // Fire-and-forget: a lost receipt only means the hop is sent again,
    // found applied, and answered again.
    producer.SendAsync(topics.receipts, message.key, receipt->SerializeAsString(),
                       [](absl::Status) {});
    return absl::OkStatus();
  }
  if (message.topic == topics.reconciliation_requests) {
    v1::ReconciliationRequest request;
    if (!request.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("reconciliation request does not parse");
    }
    absl::StatusOr<v1::ReconciliationRequestReceipt> receipt =
        router.OnReconciliationRequest(request);
    if (absl::IsInvalidArgument(receipt.status()) && !request.id().empty()) {
      // Refused for good: said so once, so the reconciliation stops re-sending
      // it and shows why on its run.
      v1::ReconciliationRequestReceipt refused;
      refused.set_request_id(request.id());
      refused.set_unit_code(request.unit_code());
      *refused.mutable_applied_at() = base::ToProto(absl::Now());
      refused.set_rejected(std::string(receipt.status().message()));
      producer.SendAsync(topics.reconciliation_receipts, message.key, refused.SerializeAsString(),
                         [](absl::Status) {});
    }
    if (!receipt.ok()) return receipt.status();
    // Fire-and-forget, as for hops: without it the reconciliation sends the
    // request again, which is found applied and answered again.
    producer.SendAsync(topics.reconciliation_receipts, receipt->unit_code(),
                       receipt->SerializeAsString(), [](absl::Status) {});
    return absl::OkStatus();
  }
  if (message.topic == topics.receipts) {
    v1::HopReceipt receipt;
    if (!receipt.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("receipt does not parse");
    }
    return router.OnReceipts({receipt});
  }
  return absl::InvalidArgumentError("record from an unexpected topic " + message.topic);
}

}  // namespace opsreport::routing
