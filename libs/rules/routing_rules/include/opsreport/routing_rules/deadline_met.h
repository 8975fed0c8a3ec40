#pragma once
// What meets each deadline of deadlines.h, and so whether it was missed: an
// acknowledgement or a forward (per hop), the final level's acknowledgement
// (002 §1.2), the filing itself (002 §2.6-2.7), a supplement (002 §8.3,
// §9.3-9.4) or the hourly update series (002 §2.2). The service stores the
// records and calls these when a deadline starts, when a desk acts and when
// a timer falls due; every instant is passed in.

#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/routing_rules/deadlines.h"
#include "opsreport/routing_rules/route.h"
#include "opsreport/v1/common.pb.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::routing_rules {

// The stored records of a case that decide its deadlines.
struct CaseFacts {
  Route route;
  v1::AcceptedDocument document;                  // the one the deadline is on
  std::vector<v1::AcceptedDocument> supplements;  // the case's, in acceptance order
  // The document's inbox items at the LevelsDeciding units; any other is ignored.
  std::vector<v1::InboxItem> items;
};

// The units whose inbox items for the document decide `deadline` (what the
// caller loads into CaseFacts::items): the receiver of a hop deadline, every
// chain level for the catalogue deadline, none for the others.
std::vector<std::string> LevelsDeciding(const Deadline& deadline, const Route& route);

// How the service keeps watch over a deadline once it has started.
enum class Watch {
  kAtFiling,  // the filing itself meets it or not: judged at once, no timer (kOneHour)
  kSeries,    // one timer series per case, continued by JudgeOngoingUpdate (kOngoingUpdate)
  kTimer,     // a timer per deadline, judged by JudgeDeadline when it falls due
};
Watch WatchOf(const Deadline& deadline);

// The breach of `deadline`, if it was missed, judged at `now` (Evaluate's
// boundary: met exactly at `due` is on time):
//  - kHopReceipt: met when the receiving level acknowledged (its auto-reply;
//    a hop that merely landed in the inbox is not received by anyone yet);
//  - kHopAcknowledgement: met when it forwarded the hop or, at the final
//    level, acknowledged it;
//  - kCatalogueDeadline: met when the final level acknowledged; the breach
//    names the level holding the report then (EvaluateChain, 002 §1.2);
//  - kOneHour: met by the filing, at the document's accepted_at (§2.6-2.7);
//  - kFireSupplement: met by the case's first supplement, whatever it
//    carries (§8.3);
//  - kErdrSupplement: met only by a supplement carrying the ЄРДР entry
//    (§9.3-9.4);
//  - kOngoingUpdate: as JudgeOngoingUpdate.
// nullopt for a deadline met on time, not yet due, or of an unknown kind.
std::optional<Breach> JudgeDeadline(const Deadline& deadline, const CaseFacts& facts,
                                    const DeadlinePolicy& policy, absl::Time now);

// An hourly update of an ongoing event falling due (002 §2.2).
struct OngoingVerdict {
  std::optional<Breach> breach;
  // The next update of the series; nullopt once a supplement marked the
  // event over.
  std::optional<Deadline> next;
};
// The update due at `update.due` is met by the first supplement accepted
// after the previous one was due (due - ongoing_update_interval); the series
// goes on from the latest such supplement, or from `update.due` when none
// came, until the latest says the event is no longer ongoing.
OngoingVerdict JudgeOngoingUpdate(const Deadline& update, const CaseFacts& facts,
                                  const DeadlinePolicy& policy, absl::Time now);

// What a level's desk does with a chain item in its inbox.
enum class DeskAct { kAcknowledge, kForward };

// The deadlines of `item`'s document that `act` at `at` meets on time, so
// their timers need not fire; a late act leaves its timer to raise the
// breach with the time it was met. `item` is the level's item before the
// act. Acknowledging meets the hop's receipt and, at the final level, its
// acknowledgement and the catalogue deadline (002 §1.2); forwarding meets
// the acknowledgement. `catalogue_item` is asked for the report's item only
// when the act can meet the catalogue deadline, and its error is returned.
absl::StatusOr<std::vector<Deadline>> MetOnTimeBy(
    DeskAct act, const v1::InboxItem& item, absl::Time at, const DeadlinePolicy& policy,
    absl::FunctionRef<absl::StatusOr<v1::CatalogueItem>()> catalogue_item);

}  // namespace opsreport::routing_rules
