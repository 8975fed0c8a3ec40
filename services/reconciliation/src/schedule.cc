// Scheduled runs on durable timers: daily at daily_time for the day before,
// monthly on the check day for the month before, the Ministry's after the
// regions' reports are due. A timer re-arms the next one in the same step.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/redis/mutation.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

struct Next {
  std::string id;
  absl::Time due;
};

absl::Time DayOfNextMonth(absl::CivilMonth month, int day, TimeOfDay at) {
  absl::CivilMonth next = month + 1;
  return KyivAt(absl::CivilDay(next.year(), next.month(), day), at);
}

}  // namespace

absl::Status ReconciliationService::EnsureScheduled() {
  const absl::Time now = clock_->Now();
  const absl::CivilDay today = KyivDayOf(now);
  absl::CivilDay day = today;
  if (KyivAt(day, options_.daily_time) <= now) ++day;
  absl::CivilMonth month = absl::CivilMonth(today) - 1;
  if (DayOfNextMonth(month, options_.check_due_day, options_.monthly_time) <= now) ++month;
  absl::CivilMonth ministry = absl::CivilMonth(today) - 1;
  if (DayOfNextMonth(ministry, options_.ministry_day, options_.monthly_time) <= now) ++ministry;
  const std::vector<std::pair<std::string, Next>> wanted = {
      {"daily", {"daily:" + DayKey(day), KyivAt(day, options_.daily_time)}},
      {"monthly",
       {"monthly:" + MonthKey(month),
        DayOfNextMonth(month, options_.check_due_day, options_.monthly_time)}},
      {"ministry",
       {"ministry:" + MonthKey(ministry),
        DayOfNextMonth(ministry, options_.ministry_day, options_.monthly_time)}}};
  for (const auto& [kind, next] : wanted) {
    ASSIGN_OR_RETURN(std::optional<std::string> marker, schedule_.Next(kind));
    if (marker) {
      ASSIGN_OR_RETURN(std::optional<timers::Timer> armed, timers_.Get(*marker));
      if (armed) continue;  // armed earlier; if overdue it fires now
    }
    redis::Mutation m;
    RETURN_IF_ERROR(timers_.ScheduleIn(m, {next.id, next.due, ""}));
    ScheduleStore::PutNext(m, kind, next.id);
    RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  }
  return absl::OkStatus();
}

absl::Status ReconciliationService::OnTimer(const timers::Timer& timer) {
  std::vector<std::string> parts = absl::StrSplit(timer.id, absl::MaxSplits(':', 1));
  if (parts.size() != 2) return absl::OkStatus();  // not ours: nothing to do
  const std::string& kind = parts[0];
  Next next;
  if (kind == "daily") {
    ASSIGN_OR_RETURN(absl::CivilDay day, ParseDay(parts[1]));
    std::vector<std::string> units = options_.daily_units;
    if (units.empty()) units = records_.Regions();
    for (const std::string& unit : units) {
      v1::RunRequest r;
      r.set_kind(v1::JOB_KIND_DAILY);
      r.set_unit_code(unit);
      r.set_period(DayKey(day - 1));
      RETURN_IF_ERROR(QueueRun(r).status());
    }
    next = {"daily:" + DayKey(day + 1), KyivAt(day + 1, options_.daily_time)};
  } else if (kind == "monthly") {
    ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(parts[1]));
    for (const std::string& region : records_.Regions()) {
      v1::RunRequest r;
      r.set_kind(v1::JOB_KIND_MONTHLY);
      r.set_unit_code(region);
      r.set_period(MonthKey(month));
      RETURN_IF_ERROR(QueueRun(r).status());
    }
    next = {"monthly:" + MonthKey(month + 1),
            DayOfNextMonth(month + 1, options_.check_due_day, options_.monthly_time)};
  } else if (kind == "ministry") {
    ASSIGN_OR_RETURN(absl::CivilMonth month, ParseMonth(parts[1]));
    v1::RunRequest r;
    r.set_kind(v1::JOB_KIND_MINISTRY);
    r.set_period(MonthKey(month));
    RETURN_IF_ERROR(QueueRun(r).status());
    next = {"ministry:" + MonthKey(month + 1),
            DayOfNextMonth(month + 1, options_.ministry_day, options_.monthly_time)};
  } else {
    return absl::OkStatus();
  }
  redis::Mutation m;
  RETURN_IF_ERROR(timers_.ScheduleIn(m, {next.id, next.due, ""}));
  ScheduleStore::PutNext(m, kind, next.id);
  return redis::Apply(*client_, m).status();
}

}  // namespace opsreport::reconciliation_service
