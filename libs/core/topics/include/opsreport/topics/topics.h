#pragma once
// The topic contract: every Kafka topic of the system, with the protobuf type
// of its payload, what its record key is, and who produces and consumes it.
// This is the one place a topic name is spelled in production code: service
// configs take their defaults from here (a deployment may rename a topic by
// config) and consumer loops dispatch on these entries (kafka/dispatcher.h),
// which checks that a handler's message type is the one declared here.
//
// Every record is keyed so that what must stay in order shares a partition:
// everything about one case (root report id) goes together.

#include <array>
#include <string_view>

namespace opsreport::topics {

struct Topic {
  std::string_view name;
  std::string_view payload;    // full protobuf message name
  std::string_view key;        // what the record key is
  std::string_view producers;  // services that write it
  std::string_view consumers;  // services that read it ("" = outside readers only)
  std::string_view purpose;
  // Records with one key must be applied in the order written (a report
  // before its supplements, a chain's hops in turn): when one of them is
  // parked, the later ones with its key are parked behind it, unapplied,
  // until it is replayed. Other topics' records pass a parked one.
  bool keeps_key_order = false;
};

// Documents accepted by intake; routing climbs them up the chain, the
// reconciliation projects them against the register (002 §3.7).
inline constexpr Topic kReportsAccepted{"opsreport.reports.accepted",
                                        "opsreport.v1.AcceptedDocument",
                                        "root report id",
                                        "intake",
                                        "routing, reconciliation",
                                        "special reports and supplements accepted by intake",
                                        true};

// Routing has applied an accepted document: only this clears intake's outbox.
inline constexpr Topic kReportsReceipts{"opsreport.reports.receipts",
                                        "opsreport.v1.AcceptedReceipt",
                                        "the accepted record's key (root report id)",
                                        "routing",
                                        "intake",
                                        "routing applied an accepted document"};

// One transmission between two levels of the chain (002 §1.2, §2.6-2.7).
inline constexpr Topic kRoutingHops{"opsreport.routing.hops",
                                    "opsreport.v1.Hop",
                                    "root report id",
                                    "routing",
                                    "routing",
                                    "a report or question moving between levels",
                                    true};

// The receiving level's auto-reply for a hop, and control's for a delivery
// ("delivered:<hop id>"): clears the sender's outbox entry. Control also reads
// routing's receipts of the Ministry's hops: what it verifies a delivery by.
inline constexpr Topic kRoutingReceipts{"opsreport.routing.receipts",
                                        "opsreport.v1.HopReceipt",
                                        "the hop record's key (root report id)",
                                        "routing, control",
                                        "routing, control",
                                        "receivers' receipts of hops and deliveries"};

// A missed deadline, blamed on the level that held the report.
inline constexpr Topic kRoutingBreaches{
    "opsreport.routing.breaches",     "opsreport.v1.Breach", "root report id", "routing", "",
    "missed deadlines for dashboards"};

// The chain reached the Ministry: opens control files (002 §7.6) and marks
// the report as reached in the reconciliation.
inline constexpr Topic kRoutingDelivered{"opsreport.routing.delivered",
                                         "opsreport.v1.InboxItem",
                                         "root report id",
                                         "routing",
                                         "control, reconciliation",
                                         "a report delivered to the Ministry's desk",
                                         true};

// The reconciliation asks a unit about a discrepancy (002 §3.7, §7.8).
inline constexpr Topic kReconciliationRequests{"opsreport.reconciliation.requests",
                                               "opsreport.v1.ReconciliationRequest",
                                               "unit code",
                                               "reconciliation",
                                               "routing",
                                               "requests to units found by a reconciliation run"};

// Routing applied (or refused, naming the fields) a reconciliation request.
inline constexpr Topic kReconciliationReceipts{"opsreport.reconciliation.receipts",
                                               "opsreport.v1.ReconciliationRequestReceipt",
                                               "unit code",
                                               "routing",
                                               "reconciliation",
                                               "receipts of reconciliation requests"};

// Control file lifecycle (opened, removed, handed over...).
inline constexpr Topic kControlEvents{
    "opsreport.control.events",    "opsreport.v1.ControlEvent", "control file id", "control", "",
    "Ministry control file events"};

// Coordination measures and council events.
inline constexpr Topic kCoordinationEvents{"opsreport.coordination.events",
                                           "opsreport.v1.CoordinationEvent",
                                           "resolution id",
                                           "control",
                                           "",
                                           "coordination resolutions, measures and meetings"};

// Records a consumer could not apply and parked (opsreport.v1.Consumers):
// a copy for operators' tooling; the parking store is what is replayed.
inline constexpr Topic kDeadLetters{"opsreport.dead-letters",
                                    "opsreport.v1.ParkedRecord",
                                    "the parked record's id (topic/partition@offset)",
                                    "every consuming service",
                                    "",
                                    "records parked by a consumer, with the last error"};

inline constexpr std::array<const Topic*, 11> kAll = {
    &kReportsAccepted,        &kReportsReceipts,        &kRoutingHops,
    &kRoutingReceipts,        &kRoutingBreaches,        &kRoutingDelivered,
    &kReconciliationRequests, &kReconciliationReceipts, &kControlEvents,
    &kCoordinationEvents,     &kDeadLetters};

}  // namespace opsreport::topics
