#pragma once
// The routing service's Kafka side: accepted documents, hops and receipts,
// and the reconciliation's requests, each handed to the Router (every step
// deduplicated in Redis), with the receipt of each applied document, hop and
// request sent back.

#include <string>

#include "opsreport/kafka/message.h"
#include "opsreport/kafka/producer.h"
#include "router.h"

namespace opsreport::routing {

struct ConsumerTopics {
  std::string accepted = "opsreport.reports.accepted";
  std::string hops = "opsreport.routing.hops";
  std::string receipts = "opsreport.routing.receipts";
  std::string reconciliation_requests = "opsreport.reconciliation.requests";
  std::string reconciliation_receipts = "opsreport.reconciliation.receipts";  // out only
  std::string accepted_receipts = "opsreport.reports.receipts";               // out only
};

// The kafka::ApplyLoop handler: INVALID_ARGUMENT for a record that can never
// be applied, another error for a transient failure (retried), OK when the
// Router's step is stored.
absl::Status ApplyRecord(Router& router, kafka::Producer& producer, const ConsumerTopics& topics,
                         const kafka::Message& message);

}  // namespace opsreport::routing
