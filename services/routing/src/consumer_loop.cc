#include "consumer_loop.h"

#include "absl/time/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::routing {
namespace {

// Every receipt is fire-and-forget: a lost one only means the sender sends
// again, the record is found applied, and is answered again.
void Answer(kafka::Producer& producer, const std::string& topic, const std::string& key,
            const google::protobuf::Message& receipt) {
  producer.SendAsync(topic, key, receipt.SerializeAsString(), [](absl::Status) {});
}

}  // namespace

absl::Status ApplyRecord(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                         const kafka::Message& message) {
  if (message.topic == topics.accepted) {
    v1::AcceptedDocument doc;
    if (!doc.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("accepted document does not parse");
    }
    RETURN_IF_ERROR(router.OnAccepted(doc));
    v1::AcceptedReceipt receipt;
    receipt.set_document_id(doc.id());
    receipt.set_receiver("opsreport-routing");
    *receipt.mutable_applied_at() = base::ToProto(absl::Now());
    Answer(producer, topics.accepted_receipts, message.key, receipt);
    return absl::OkStatus();
  }
  if (message.topic == topics.hops) {
    v1::Hop hop;
    if (!hop.ParseFromString(message.payload))
      return absl::InvalidArgumentError("hop does not parse");
    ASSIGN_OR_RETURN(v1::HopReceipt receipt, router.OnHop(hop));
    Answer(producer, topics.receipts, message.key, receipt);
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
      // Refused for good: said so, so the reconciliation stops re-sending it
      // and shows why on its run.
      v1::ReconciliationRequestReceipt refused;
      refused.set_request_id(request.id());
      refused.set_unit_code(request.unit_code());
      *refused.mutable_applied_at() = base::ToProto(absl::Now());
      refused.set_rejected(std::string(receipt.status().message()));
      Answer(producer, topics.reconciliation_receipts, message.key, refused);
    }
    if (!receipt.ok()) return receipt.status();
    Answer(producer, topics.reconciliation_receipts, receipt->unit_code(), *receipt);
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
