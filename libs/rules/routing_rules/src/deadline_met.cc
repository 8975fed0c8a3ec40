// What meets each deadline, and so whether it was missed.
#include "opsreport/routing_rules/deadline_met.h"

#include <utility>

#include "due_times.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/deadline_calculator.h"

namespace opsreport::routing_rules {
namespace {

using base::ToTime;

bool IsHopDeadline(const Deadline& d) {
  return d.kind == kHopReceipt || d.kind == kHopAcknowledgement;
}

const v1::InboxItem* ItemAt(const CaseFacts& facts, const std::string& unit) {
  for (const v1::InboxItem& item : facts.items) {
    if (item.unit_code() == unit) return &item;
  }
  return nullptr;
}

// The auto-reply is the receiving officer's acknowledgement; a hop that
// merely landed in the inbox has been received by no one yet.
std::optional<absl::Time> AcknowledgedAt(const v1::InboxItem* item) {
  if (item == nullptr || !item->auto_reply().has_received_at() ||
      item->state() == v1::INBOX_STATE_RECEIVED) {
    return std::nullopt;
  }
  return ToTime(item->auto_reply().received_at());
}

std::optional<absl::Time> ForwardedAt(const v1::InboxItem* item) {
  if (item == nullptr || !item->has_forwarded_at()) return std::nullopt;
  return ToTime(item->forwarded_at());
}

// Below the final level a hop is done once forwarded up; the final level
// has nowhere to send it, so its acknowledgement completes it.
std::optional<absl::Time> HopMetAt(const Deadline& d, const v1::InboxItem* item) {
  if (d.kind == kHopAcknowledgement && item != nullptr && !item->final()) return ForwardedAt(item);
  return AcknowledgedAt(item);
}

// 002 §1.2: the chain has reached its end when the final level acknowledged;
// each hop but the first left when the level below forwarded it.
std::optional<Breach> JudgeChain(const Deadline& d, const CaseFacts& facts, absl::Time now) {
  const absl::Time filed = ToTime(facts.document.accepted_at());
  std::vector<HopProgress> progress;
  for (size_t i = 0; i < facts.route.chain.size(); ++i) {
    const Hop& hop = facts.route.chain[i];
    const std::optional<absl::Time> sent =
        i == 0 ? std::optional(filed) : ForwardedAt(ItemAt(facts, hop.from_unit));
    if (!sent) break;
    progress.push_back({sent, AcknowledgedAt(ItemAt(facts, hop.to_unit))});
  }
  return EvaluateChain(d, facts.route, filed, progress, now);
}

// Any supplement is the fire's supplement (002 §8.3); the ЄРДР supplement
// is only one that carries the entry (002 §9.3-9.4).
std::optional<absl::Time> SupplementMetAt(const Deadline& d, const CaseFacts& facts) {
  for (const v1::AcceptedDocument& s : facts.supplements) {
    if (d.kind == kErdrSupplement && !s.supplement().erdr().has_entered_at()) continue;
    return ToTime(s.accepted_at());
  }
  return std::nullopt;
}

bool MeetsHopDeadline(DeskAct act, const Deadline& d, bool final_level) {
  if (d.kind == kHopReceipt) return act == DeskAct::kAcknowledge;
  return act == DeskAct::kForward || final_level;
}

// The final level's acknowledgement of a report completes its chain.
absl::Status AddCatalogueMet(const v1::InboxItem& item, absl::Time at,
                             absl::FunctionRef<absl::StatusOr<v1::CatalogueItem>()> catalogue_item,
                             std::vector<Deadline>& met) {
  const v1::AcceptedDocument& doc = item.hop().document();
  if (!item.final() || !doc.has_special_report()) return absl::OkStatus();
  ASSIGN_OR_RETURN(v1::CatalogueItem cat, catalogue_item());
  const v1::SpecialReport& r = doc.special_report();
  // A report under the 1-hour rule has no catalogue deadline (002 §2.6-2.7).
  if (!r.has_statement_received_at() || r.one_hour_trigger() != v1::ONE_HOUR_TRIGGER_UNSPECIFIED) {
    return absl::OkStatus();
  }
  Deadline d{kCatalogueDeadline, doc.unit_code(), internal::CatalogueDue(r, cat), 0, "002 §1.2"};
  if (!calendar::IsOverdue(d.due, at)) met.push_back(std::move(d));
  return absl::OkStatus();
}

}  // namespace

std::vector<std::string> LevelsDeciding(const Deadline& deadline, const Route& route) {
  if (IsHopDeadline(deadline)) return {deadline.unit_responsible};
  std::vector<std::string> units;
  if (deadline.kind == kCatalogueDeadline) {
    for (const Hop& hop : route.chain) units.push_back(hop.to_unit);
  }
  return units;
}

Watch WatchOf(const Deadline& deadline) {
  if (deadline.kind == kOneHour) return Watch::kAtFiling;
  if (deadline.kind == kOngoingUpdate) return Watch::kSeries;
  return Watch::kTimer;
}

std::optional<Breach> JudgeDeadline(const Deadline& deadline, const CaseFacts& facts,
                                    const DeadlinePolicy& policy, absl::Time now) {
  const std::string& kind = deadline.kind;
  if (IsHopDeadline(deadline)) {
    return Evaluate(deadline, HopMetAt(deadline, ItemAt(facts, deadline.unit_responsible)), now);
  }
  if (kind == kCatalogueDeadline) return JudgeChain(deadline, facts, now);
  // 002 §2.6-2.7: the report is the act the hour asks for.
  if (kind == kOneHour) return Evaluate(deadline, ToTime(facts.document.accepted_at()), now);
  if (kind == kFireSupplement || kind == kErdrSupplement) {
    return Evaluate(deadline, SupplementMetAt(deadline, facts), now);
  }
  if (kind == kOngoingUpdate) return JudgeOngoingUpdate(deadline, facts, policy, now).breach;
  return std::nullopt;
}

OngoingVerdict JudgeOngoingUpdate(const Deadline& update, const CaseFacts& facts,
                                  const DeadlinePolicy& policy, absl::Time now) {
  const absl::Time since = update.due - policy.ongoing_update_interval;
  std::optional<absl::Time> first;
  const v1::AcceptedDocument* last = nullptr;
  for (const v1::AcceptedDocument& s : facts.supplements) {
    const absl::Time at = ToTime(s.accepted_at());
    if (at <= since) continue;
    if (!first) first = at;
    last = &s;
  }
  OngoingVerdict verdict{Evaluate(update, first, now), std::nullopt};
  // 002 §2.2: updates are due until the event is over; a late update still
  // restarts the hour, a missing one leaves it running from the due time.
  if (last != nullptr && !last->supplement().ongoing()) return verdict;
  const absl::Time from = last != nullptr ? ToTime(last->accepted_at()) : update.due;
  verdict.next = NextOngoingUpdate(facts.route.origin_unit, from, policy);
  return verdict;
}

absl::StatusOr<std::vector<Deadline>> MetOnTimeBy(
    DeskAct act, const v1::InboxItem& item, absl::Time at, const DeadlinePolicy& policy,
    absl::FunctionRef<absl::StatusOr<v1::CatalogueItem>()> catalogue_item) {
  std::vector<Deadline> met;
  const v1::Hop& hop = item.hop();
  // Copies, notices and questions carry no deadlines of their own.
  if (hop.kind() != v1::HOP_KIND_CHAIN) return met;
  const Hop chain_hop{hop.seq(), hop.from_unit(), hop.to_unit()};
  for (Deadline& d : HopDeadlines(chain_hop, ToTime(hop.sent_at()), policy.hop)) {
    if (MeetsHopDeadline(act, d, item.final()) && !calendar::IsOverdue(d.due, at)) {
      met.push_back(std::move(d));
    }
  }
  if (act == DeskAct::kAcknowledge) {
    RETURN_IF_ERROR(AddCatalogueMet(item, at, catalogue_item, met));
  }
  return met;
}

}  // namespace opsreport::routing_rules
