#pragma once
// Controlled measures of coordination resolutions, transport-free. One engine
// for every jurisdiction: the rule set (libs/rules/coordination_rules, loaded from
// data) decides who signs and by when, who extends and how late, and which
// days count. Each change is one redis::Mutation with its event (outbox) and
// its reminder timers; reminders repeat until the measure is closed.

#include <functional>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "coordination_store.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/coordination_rules/reminders.h"
#include "opsreport/coordination_rules/rule_set.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/client.h"
#include "opsreport/timers/timer_store.h"
#include "opsreport/topics/topics.h"
#include "opsreport/v1/control.pb.h"

namespace opsreport::control {

struct CoordinatorOptions {
  std::string events_topic{topics::kCoordinationEvents.name};
  // Reminders start `lead` before a measure's deadline and repeat every
  // `interval` (also after it, as overdue) until the measure is closed.
  coordination_rules::ReminderPolicy reminders{{3, calendar::DeadlineUnit::kCalendarDays},
                                               {1, calendar::DeadlineUnit::kCalendarDays},
                                               std::nullopt};
  absl::Duration publish_lease = absl::Seconds(30);
};

class Coordinator {
 public:
  // `rules` by jurisdiction ("UA", "KZ", ...).
  Coordinator(const org::OrgDirectory* org,
              std::map<std::string, coordination_rules::RuleSet> rules, redis::Client* redis,
              const base::Clock* clock, CoordinatorOptions options, outbox::Sink events);

  absl::StatusOr<v1::Resolution> Create(const auth::Principal& caller, v1::Resolution resolution);
  absl::StatusOr<v1::Resolution> Get(const auth::Principal& caller, const std::string& id);
  absl::StatusOr<v1::Resolution> Sign(const auth::Principal& caller, const std::string& id);
  absl::StatusOr<v1::Resolution> Extend(const auth::Principal& caller,
                                        const v1::ExtendMeasureRequest& request);
  absl::StatusOr<v1::Resolution> Report(const auth::Principal& caller,
                                        const v1::ReportMeasureRequest& request);
  absl::StatusOr<v1::Resolution> RemoveMeasure(const auth::Principal& caller,
                                               const v1::RemoveMeasureRequest& request);
  // Council meetings (council.cc).
  absl::StatusOr<v1::CouncilMeeting> RecordCouncilMeeting(const auth::Principal& caller,
                                                          v1::CouncilMeeting meeting);
  absl::StatusOr<v1::CouncilCalendarResponse> CouncilCalendar(
      const auth::Principal& caller, const v1::CouncilCalendarRequest& request);
  absl::StatusOr<v1::WorkPlan> RecordWorkPlan(const auth::Principal& caller, v1::WorkPlan plan);
  // Signing deadlines and measure reminders.
  absl::Status OnTimer(const timers::Timer& timer);

  timers::TimerStore& timers() { return timers_; }
  outbox::RedisStore& publish_outbox() { return *events_.store; }

 private:
  // NOT_FOUND when there is no resolution `id`.
  absl::StatusOr<StoredResolution> Load(const std::string& id);
  absl::StatusOr<const coordination_rules::RuleSet*> RulesOf(const v1::Resolution& r) const;
  absl::StatusOr<const coordination_rules::RuleSet*> RulesFor(
      const std::string& jurisdiction) const;
  absl::Status Annotate(v1::Resolution& r) const;  // the computed signing fields
  // The measure's next reminder at or after `from` (now, or just after the
  // reminder being sent), or none once it is closed.
  absl::Status ScheduleReminder(redis::Mutation& m, const v1::Resolution& r,
                                const v1::Measure& measure, absl::Time from) const;
  void AddEvent(redis::Mutation& m, std::vector<outbox::Message>& out, const std::string& id,
                const std::string& kind, const v1::Resolution& r, const std::string& measure,
                const std::string& text) const;
  template <typename Change>
  absl::StatusOr<v1::Resolution> Update(const std::string& id, Change change);

  const org::OrgDirectory* org_;
  std::map<std::string, coordination_rules::RuleSet> rules_;
  redis::Client* redis_;
  CoordinationStore store_;
  const base::Clock* clock_;
  CoordinatorOptions options_;
  outbox::Sink events_;
  mutable timers::TimerStore timers_;
};

}  // namespace opsreport::control
