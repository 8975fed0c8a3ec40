#include "terms.h"

#include "opsreport/calendar/deadline_calculator.h"

namespace opsreport::coordination_rules {

bool IsInfinite(absl::Time t) { return t == absl::InfiniteFuture() || t == absl::InfinitePast(); }

absl::CivilDay LocalDay(absl::TimeZone zone, absl::Time t) { return absl::CivilDay(zone.At(t).cs); }

absl::Time StartOfDay(absl::TimeZone zone, absl::CivilDay day) {
  const absl::TimeZone::TimeInfo info = zone.At(absl::CivilSecond(day));
  return info.kind == absl::TimeZone::TimeInfo::SKIPPED ? info.trans : info.pre;
}

absl::Time EndOfDay(absl::TimeZone zone, absl::CivilDay day) {
  return StartOfDay(zone, day + 1) - absl::Nanoseconds(1);
}

absl::Time AtWallTime(absl::TimeZone zone, absl::CivilSecond cs) {
  const absl::TimeZone::TimeInfo info = zone.At(cs);
  switch (info.kind) {
    case absl::TimeZone::TimeInfo::SKIPPED:
      return info.trans;
    case absl::TimeZone::TimeInfo::REPEATED:
      return info.post;
    case absl::TimeZone::TimeInfo::UNIQUE:
      break;
  }
  return info.pre;
}

bool CountsDays(const calendar::Deadline& d) {
  return d.unit == calendar::DeadlineUnit::kCalendarDays ||
         d.unit == calendar::DeadlineUnit::kWorkingDays;
}

calendar::Deadline Negated(const calendar::Deadline& d) { return {-d.amount, d.unit}; }

absl::Time TermEnd(const RuleSet& rules, absl::Time start, const calendar::Deadline& term) {
  if (IsInfinite(start)) return start;
  const calendar::DeadlineCalculator calc = rules.ForwardCalculator();
  if (!CountsDays(term)) return calc.DueAt(start, term);
  // The calculator keeps the start's wall time, so starting from the end of
  // the day lands on the end of the term's last day.
  return calc.DueAt(EndOfDay(rules.zone, LocalDay(rules.zone, start)), term);
}

absl::Time LeadBeforeDay(const RuleSet& rules, absl::Time event, const calendar::Deadline& lead) {
  if (IsInfinite(event)) return event;
  const calendar::DeadlineCalculator calc = rules.LeadCalculator();
  if (!CountsDays(lead)) return calc.DueAt(event, Negated(lead));
  return calc.DueAt(EndOfDay(rules.zone, LocalDay(rules.zone, event)), Negated(lead));
}

absl::Time LeadBefore(const RuleSet& rules, absl::Time event, const calendar::Deadline& lead) {
  if (IsInfinite(event)) return event;
  return rules.LeadCalculator().DueAt(event, Negated(lead));
}

}  // namespace opsreport::coordination_rules
