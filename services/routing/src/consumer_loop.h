#pragma once
// The routing service's Kafka side: accepted documents, hops and receipts,
// and the reconciliation's requests, each handed to the Router (every step
// deduplicated in Redis), with the receipt of each applied document, hop and
// request sent back.

#include <string>

#include "opsreport/kafka/message.h"
#include "opsreport/kafka/producer.h"
#include "opsreport/service/dispatcher.h"
#include "opsreport/topics/topics.h"
#include "router.h"

namespace opsreport::routing {

// The configured names of routing's topics (defaults: the topic contract).
struct ConsumerTopics {
  std::string accepted{topics::kReportsAccepted.name};
  std::string hops{topics::kRoutingHops.name};
  std::string receipts{topics::kRoutingReceipts.name};
  std::string reconciliation_requests{topics::kReconciliationRequests.name};
  std::string reconciliation_receipts{topics::kReconciliationReceipts.name};  // out only
  std::string accepted_receipts{topics::kReportsReceipts.name};               // out only
};

// The kafka::ApplyLoop handler, dispatching on the topic contract:
// INVALID_ARGUMENT for a record that can never be applied (parked), another
// error for a transient failure (retried), OK when the Router's step is
// stored - a supplement read before its report is held for it, which is OK
// too. The router, producer and topics must outlive it.
service::Dispatcher RecordDispatcher(Router& router, kafka::Producer& producer,
                                     const ConsumerTopics& topics);

// One record through RecordDispatcher (for tests).
absl::Status ApplyRecord(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                         const kafka::Message& message);

}  // namespace opsreport::routing
