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

// Applied, found applied, or (a supplement read before its report) held
// until the report is: each is durable, so each is answered.
absl::Status OnAccepted(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                        const v1::AcceptedDocument& doc, const kafka::Message& message) {
  RETURN_IF_ERROR(router.OnAccepted(doc, message));
  v1::AcceptedReceipt receipt;
  receipt.set_document_id(doc.id());
  receipt.set_receiver("opsreport-routing");
  *receipt.mutable_applied_at() = base::ToProto(absl::Now());
  Answer(producer, topics.accepted_receipts, message.key, receipt);
  return absl::OkStatus();
}

absl::Status OnRequest(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                       const v1::ReconciliationRequest& request, const kafka::Message& message) {
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

}  // namespace

service::Dispatcher RecordDispatcher(Router& router, kafka::Producer& producer,
                                     const ConsumerTopics& topics) {
  service::Dispatcher d;
  d.On<v1::AcceptedDocument>(topics::kReportsAccepted, topics.accepted,
                             [&](const v1::AcceptedDocument& doc, const kafka::Message& m) {
                               return OnAccepted(router, producer, topics, doc, m);
                             })
      // No hold: routing writes a hop in the step that creates or updates its
      // case, so a hop of an unknown case is forged (INVALID_ARGUMENT, parked).
      .On<v1::Hop>(topics::kRoutingHops, topics.hops,
                   [&](const v1::Hop& hop, const kafka::Message& m) -> absl::Status {
                     ASSIGN_OR_RETURN(v1::HopReceipt receipt, router.OnHop(hop));
                     Answer(producer, topics.receipts, m.key, receipt);
                     return absl::OkStatus();
                   })
      // No hold: a request needs no earlier record (its unit is rule data;
      // only documents filed after it answer it, so none is awaited).
      .On<v1::ReconciliationRequest>(
          topics::kReconciliationRequests, topics.reconciliation_requests,
          [&](const v1::ReconciliationRequest& request, const kafka::Message& m) {
            return OnRequest(router, producer, topics, request, m);
          })
      // No hold: a receipt answers a hop that was in our outbox before it was
      // sent; an unknown id (a repeat) clears nothing and is OK.
      .On<v1::HopReceipt>(topics::kRoutingReceipts, topics.receipts,
                          [&](const v1::HopReceipt& receipt, const kafka::Message&) {
                            return router.OnReceipts({receipt});
                          });
  return d;
}

absl::Status ApplyRecord(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                         const kafka::Message& message) {
  return RecordDispatcher(router, producer, topics)(message);
}

}  // namespace opsreport::routing
