#pragma once
// The deadlines a routed document must meet (002 §1.2, §2.2, §2.6–2.7, §8.3,
// plus configurable per-hop receipt and acknowledgement times) and the breach
// evaluator. Pure functions of their inputs: every instant is passed in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/config/config.h"
#include "opsreport/routing_rules/route.h"
#include "opsreport/v1/common.pb.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::routing_rules {

// Deadline kinds.
// The whole chain reaches its final unit within the item's deadline from the
// first receipt of the information at the origin (002 §1.2).
inline constexpr char kCatalogueDeadline[] = "catalogue";
// The receiving level takes delivery (auto-reply) of a hop.
inline constexpr char kHopReceipt[] = "hop_receipt";
// The receiving level's duty officer acknowledges it and, below the final
// level, forwards it up.
inline constexpr char kHopAcknowledgement[] = "hop_acknowledgement";
// A report on one of the ЄРДР events of 002 §2.6–2.7 within one hour.
inline constexpr char kOneHour[] = "one_hour";
// A fire's supplement within 10 days of the event (002 §8.3).
inline constexpr char kFireSupplement[] = "fire_supplement";
// The next update of a long-running event (002 §2.2).
inline constexpr char kOngoingUpdate[] = "ongoing_update";
// A report filed before its ЄРДР entry: the supplement carrying the entry is
// mandatory (002 §9.3-9.4); its absence past the policy's time is flagged.
inline constexpr char kErdrSupplement[] = "erdr_supplement";

// The defaults are those of production (deploy/routing.conf); the
// configuration key of each is in its comment (DeclarePolicyKeys).
struct HopPolicy {
  absl::Duration receipt = absl::Minutes(2);           // hop_receipt
  absl::Duration acknowledgement = absl::Minutes(10);  // hop_acknowledgement
};

struct DeadlinePolicy {
  HopPolicy hop;
  absl::Duration one_hour = absl::Hours(1);                 // one_hour, §2.6–2.7
  absl::Duration ongoing_update_interval = absl::Hours(1);  // ongoing_update_interval, §2.2
  int64_t fire_supplement_days = 10;  // fire_supplement_days, §8.3, Kyiv calendar days
  absl::Duration erdr_supplement = absl::Hours(24);  // erdr_supplement, §9.3-9.4
};

// INVALID_ARGUMENT naming every bad field ("policy.hop.receipt", ...):
// durations must be positive, acknowledgement no shorter than receipt.
absl::Status ValidatePolicy(const DeadlinePolicy& policy);

// Declares the policy's configuration keys (hop_receipt, hop_acknowledgement,
// one_hour, ongoing_update_interval, fire_supplement_days, erdr_supplement)
// into `schema`, defaulting to what `policy` holds and applied into it, and
// the cross-check "policy" reporting ValidatePolicy's faults with the other
// faults of the configuration. `policy` must outlive the schema's Apply.
void DeclarePolicyKeys(config::Schema& schema, DeadlinePolicy& policy);

struct Deadline {
  std::string kind;              // one of the k* kinds above
  std::string unit_responsible;  // the level whose act meets it
  absl::Time due;
  int hop_seq = 0;      // the Hop::seq of a hop deadline; 0 otherwise
  std::string section;  // the rule, e.g. "002 §1.2"
  bool operator==(const Deadline&) const = default;
};

// The deadlines that start when `doc` is accepted at its origin (the route's
// first hop is sent then, at doc.accepted_at):
//  - a special report without a 1-hour trigger: kCatalogueDeadline,
//    statement_received_at + item.deadline_minutes, on the origin;
//  - a special report with a OneHourTrigger: kOneHour, erdr.entered_at + 1h
//    (for ONE_HOUR_TRIGGER_FROM_PROSECUTOR the hour runs from the receipt of
//    the proceedings, statement_received_at, 002 §2.7) instead of the
//    catalogue deadline, whose first receipt lies in the past;
//  - a requalification supplement: kOneHour from its erdr.entered_at
//    (002 §2.6, last paragraph);
//  - an item with content rule "8.3": kFireSupplement, content.occurred_at
//    (statement_received_at when not established) + 10 Kyiv calendar days;
//  - a special report marked ongoing: kOngoingUpdate, accepted_at + 1h;
//  - a special report about a crime (the item lists КК articles) filed with
//    erdr_not_established: kErdrSupplement, accepted_at + erdr_supplement;
//  - the first hop's kHopReceipt and kHopAcknowledgement on its receiver.
// Later hops get theirs from HopDeadlines when they are sent; later hourly
// updates from NextOngoingUpdate. For a supplement, `item` is the catalogue
// item of its original report. INVALID_ARGUMENT naming every missing anchor
// ("special_report.statement_received_at", ...), a document of another unit
// than the route's origin, an item other than the report's, or a bad policy.
absl::StatusOr<std::vector<Deadline>> DeadlinesFor(const Route& route,
                                                   const v1::CatalogueItem& item,
                                                   const v1::AcceptedDocument& doc,
                                                   const DeadlinePolicy& policy);

// A hop sent at `sent_at` is received by its to_unit by sent_at + receipt and
// acknowledged (and forwarded) by sent_at + acknowledgement.
std::vector<Deadline> HopDeadlines(const Hop& hop, absl::Time sent_at, const HopPolicy& policy);

// While an event stays ongoing, the update after the one made at
// `previous_update_at` (002 §2.2).
Deadline NextOngoingUpdate(std::string_view origin_unit, absl::Time previous_update_at,
                           const DeadlinePolicy& policy);

struct Breach {
  Deadline deadline;
  std::string unit;                  // the level that caused it
  std::optional<absl::Time> met_at;  // set when met late; nullopt while still unmet
  absl::Duration late_by;            // met_at - due, or now - due while unmet
  bool operator==(const Breach&) const = default;
};

// Met exactly at `due` is on time, one second (one nanosecond) later is a
// breach; unmet, it is a breach once `now` is past `due`. The breach names
// the deadline's responsible unit.
std::optional<Breach> Evaluate(const Deadline& deadline, std::optional<absl::Time> met_at,
                               absl::Time now);

// What has happened to each hop of a route so far (index i is chain[i]).
struct HopProgress {
  std::optional<absl::Time> sent_at;      // the from_unit forwarded it
  std::optional<absl::Time> received_at;  // the to_unit took delivery (auto-reply)
};

// Evaluates the catalogue deadline against the whole chain: met when the
// final unit received it (for an empty chain, when the origin filed it at
// `filed_at`). A breach names the level that held the report when the
// deadline passed: the origin if it filed late, a from_unit that forwarded
// late, or a to_unit that did not take delivery in time. `progress` may be
// shorter than the chain (later hops not yet sent).
std::optional<Breach> EvaluateChain(const Deadline& deadline, const Route& route,
                                    std::optional<absl::Time> filed_at,
                                    const std::vector<HopProgress>& progress, absl::Time now);

}  // namespace opsreport::routing_rules
