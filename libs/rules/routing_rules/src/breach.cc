// Breach evaluation: when a deadline counts as missed and which level caused it.
#include "opsreport/calendar/deadline_calculator.h"
#include "opsreport/routing_rules/deadlines.h"

namespace opsreport::routing_rules {
namespace {

bool Late(std::optional<absl::Time> at, absl::Time due) {
  return !at.has_value() || calendar::IsOverdue(due, *at);
}

}  // namespace

std::optional<Breach> Evaluate(const Deadline& deadline, std::optional<absl::Time> met_at,
                               absl::Time now) {
  if (met_at.has_value()) {
    if (!calendar::IsOverdue(deadline.due, *met_at)) return std::nullopt;
    return Breach{deadline, deadline.unit_responsible, met_at, *met_at - deadline.due};
  }
  if (!calendar::IsOverdue(deadline.due, now)) return std::nullopt;
  return Breach{deadline, deadline.unit_responsible, std::nullopt, now - deadline.due};
}

std::optional<Breach> EvaluateChain(const Deadline& deadline, const Route& route,
                                    std::optional<absl::Time> filed_at,
                                    const std::vector<HopProgress>& progress, absl::Time now) {
  auto hop_progress = [&](size_t i) -> HopProgress {
    HopProgress p = i < progress.size() ? progress[i] : HopProgress{};
    // The first hop leaves when intake accepts the filing.
    if (i == 0 && !p.sent_at.has_value()) p.sent_at = filed_at;
    return p;
  };
  std::optional<absl::Time> met_at =
      route.chain.empty() ? filed_at : hop_progress(route.chain.size() - 1).received_at;
  std::optional<Breach> breach = Evaluate(deadline, met_at, now);
  if (!breach.has_value()) return breach;

  // Walk the report's steps in order; the first one not done by `due` is
  // where it stood when the deadline passed.
  if (Late(filed_at, deadline.due)) {
    breach->unit = route.origin_unit;
    return breach;
  }
  for (size_t i = 0; i < route.chain.size(); ++i) {
    const HopProgress p = hop_progress(i);
    if (Late(p.sent_at, deadline.due)) {
      breach->unit = route.chain[i].from_unit;
      return breach;
    }
    if (Late(p.received_at, deadline.due)) {
      breach->unit = route.chain[i].to_unit;
      return breach;
    }
  }
  return breach;
}

}  // namespace opsreport::routing_rules
