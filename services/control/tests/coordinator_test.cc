// Coordination resolutions through the service over a real redis-server:
// signing, extensions at their boundary, reports, removal with written
// notices, reminders that repeat until the measure is closed, a restart.
#include "coordinator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coordination_rules/extension.h"
#include "opsreport/coordination_rules/meeting_deadlines.h"
#include "opsreport/coordination_rules/signing.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::control {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kChair[] = "Прокурор області Ковальчук";
const absl::Time kMeeting =
    absl::FromCivil(absl::CivilHour(2026, 3, 2, 10), calendar::KyivZone());  // a Monday
const absl::Time kDeadline =
    absl::FromCivil(absl::CivilHour(2026, 3, 27, 18), calendar::KyivZone());  // a Friday

auth::Principal Person(const std::string& name, const std::string& unit = "1000") {
  return {unit, name, auth::Role::kChair, absl::InfiniteFuture()};
}

google::protobuf::Timestamp Ts(absl::Time t) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(t));
  return ts;
}

v1::Resolution Draft(const std::string& id, const std::string& jurisdiction = "UA") {
  v1::Resolution r;
  r.set_id(id);
  r.set_jurisdiction(jurisdiction);
  r.set_title("Протидія злочинності у сфері обігу наркотиків");
  *r.mutable_meeting_at() = Ts(kMeeting);
  r.set_chair(kChair);
  r.add_participants("Начальник ГУМВС Олійник");
  r.add_participants("Начальник СБУ Мельник");
  v1::Measure* m = r.add_measures();
  m->set_id("1");
  m->set_text("Провести спільні відпрацювання");
  m->add_executors("1000");
  *m->mutable_deadline() = Ts(kDeadline);
  m->set_report_form("письмова інформація головуючому");
  return r;
}

class CoordinatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* f : {"data/coordination_ua.conf", "data/coordination_kz.conf"}) {
      ASSERT_OK_AND_ASSIGN(coordination_rules::RuleSet rules,
                           coordination_rules::RuleSet::LoadFile(f));
      std::string j = rules.jurisdiction;
      rules_.emplace(std::move(j), std::move(rules));
    }
    ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis());
    store_ = std::make_unique<outbox::RedisStore>(client_.get(), "coord:pub");
    coordinator_ = NewCoordinator();
  }
  std::unique_ptr<Coordinator> NewCoordinator() {
    return std::make_unique<Coordinator>(
        &fixtures::SampleRuleData().org, rules_, client_.get(), &clock_, CoordinatorOptions{},
        outbox::Sink{store_.get(), [this](const outbox::Message& m) { published_.push_back(m); }});
  }
  // Announced events, "kind measure"; `measures_only` leaves out signing.
  std::vector<std::string> Events(bool measures_only = false) {
    std::vector<std::string> out;
    for (const auto& m : published_) {
      v1::CoordinationEvent e;
      EXPECT_TRUE(e.ParseFromString(m.payload));
      if (measures_only && e.measure_id().empty()) continue;
      out.push_back(e.kind() + (e.measure_id().empty() ? "" : " " + e.measure_id()));
    }
    return out;
  }
  void FireDue() {
    auto due = coordinator_->timers().ClaimDueLeased(clock_.Now(), absl::Seconds(30), 100);
    ASSERT_OK(due);
    for (const auto& t : *due) {
      ASSERT_OK(coordinator_->OnTimer(t));
      ASSERT_OK(coordinator_->timers().Ack(t.id));
    }
  }

  std::map<std::string, coordination_rules::RuleSet> rules_;
  base::FakeClock clock_{kMeeting + absl::Hours(2)};
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<outbox::RedisStore> store_;
  std::unique_ptr<Coordinator> coordinator_;
  std::vector<outbox::Message> published_;
};

TEST_F(CoordinatorTest, AgreedOnceTheChairAndEveryParticipantSignedElseOverdueWithTheMissing) {
  v1::Resolution bad = Draft("bad");
  bad.mutable_measures(0)->clear_executors();
  bad.mutable_measures(0)->clear_report_form();
  bad.set_jurisdiction("XX");
  absl::StatusOr<v1::Resolution> refused = coordinator_->Create(Person(kChair), bad);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(refused.status().message()),
              ::testing::AllOf(HasSubstr("jurisdiction"), HasSubstr("measures[0].executors"),
                               HasSubstr("measures[0].report_form")));
  EXPECT_THAT(coordinator_->Create(Person("Хтось"), Draft("r")),
              StatusIs(absl::StatusCode::kPermissionDenied));

  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->Create(Person(kChair), Draft("r")));
  EXPECT_FALSE(r.agreed());
  EXPECT_THAT(r.missing_signatures(),
              ElementsAre(kChair, "Начальник ГУМВС Олійник", "Начальник СБУ Мельник"));
  const absl::Time due = *coordination_rules::SigningDue(rules_.at("UA"), kMeeting);
  EXPECT_EQ(r.signing_due().seconds(), absl::ToUnixSeconds(due));
  ASSERT_OK(coordinator_->Sign(Person(kChair), "r").status());
  ASSERT_OK(coordinator_->Sign(Person("Начальник ГУМВС Олійник"), "r").status());
  EXPECT_THAT(coordinator_->Sign(Person("Сторонній"), "r"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Set(due);
  FireDue();
  EXPECT_THAT(Events(), ElementsAre()) << "not overdue at the due instant itself";
  clock_.Set(due + absl::Seconds(1));
  FireDue();
  FireDue();
  EXPECT_THAT(Events(), ElementsAre("signing_overdue"));
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Get(Person(kChair), "r"));
  EXPECT_TRUE(r.signing_overdue());
  EXPECT_THAT(r.missing_signatures(), ElementsAre("Начальник СБУ Мельник"));
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Sign(Person("Начальник СБУ Мельник"), "r"));
  EXPECT_TRUE(r.agreed());
}

TEST_F(CoordinatorTest, OnlyTheChairExtendsAndNoLaterThanTheRuleSetsLead) {
  ASSERT_OK(coordinator_->Create(Person(kChair), Draft("r")).status());
  const absl::Time cutoff = *coordination_rules::ExtensionCutoff(rules_.at("UA"), kDeadline);
  v1::ExtendMeasureRequest req;
  req.set_resolution_id("r");
  req.set_measure_id("1");
  req.set_proposed_by("Начальник ГУМВС Олійник");
  *req.mutable_new_deadline() = Ts(kDeadline + absl::Hours(24 * 14));
  clock_.Set(cutoff);
  EXPECT_THAT(coordinator_->Extend(Person("Начальник ГУМВС Олійник"), req),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::ExtendMeasureRequest stranger = req;
  stranger.set_proposed_by("Сторонній");
  EXPECT_THAT(coordinator_->Extend(Person(kChair), stranger),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Set(cutoff + absl::Seconds(1));
  EXPECT_THAT(coordinator_->Extend(Person(kChair), req),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  clock_.Set(cutoff);
  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->Extend(Person(kChair), req));
  EXPECT_EQ(r.measures(0).deadline().seconds(), req.new_deadline().seconds());
  ASSERT_EQ(r.notices_size(), 1);
  EXPECT_EQ(r.notices(0).kind(), "extended");
  EXPECT_EQ(r.notices(0).addressees_size(), 3);
  EXPECT_THAT(r.notices(0).text(), HasSubstr("Начальник ГУМВС Олійник"));
  EXPECT_THAT(Events(), ElementsAre("extended 1"));
}

TEST_F(CoordinatorTest, RemindersRepeatUntilTheChairRemovesTheMeasureAfterTheReports) {
  ASSERT_OK(coordinator_->Create(Person(kChair), Draft("r")).status());
  // Three days before the deadline, then daily, overdue after it.
  clock_.Set(kDeadline - absl::Hours(72));
  FireDue();
  clock_.Set(kDeadline - absl::Hours(48));
  FireDue();
  clock_.Set(kDeadline + absl::Hours(24));
  FireDue();
  EXPECT_THAT(Events(true), ElementsAre("reminder 1", "reminder 1", "overdue 1"));
  // A restart keeps the reminder series.
  coordinator_ = NewCoordinator();
  clock_.Set(kDeadline + absl::Hours(48));
  FireDue();
  EXPECT_EQ(Events(true).size(), 4u);

  v1::RemoveMeasureRequest remove;
  remove.set_resolution_id("r");
  remove.set_measure_id("1");
  remove.set_note("виконано");
  EXPECT_THAT(coordinator_->RemoveMeasure(Person(kChair), remove),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("reports")));
  v1::ReportMeasureRequest report;
  report.set_resolution_id("r");
  report.set_measure_id("1");
  report.set_text("Проведено 12 спільних відпрацювань");
  EXPECT_THAT(coordinator_->Report(Person("x", "1400"), report),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK(coordinator_->Report(Person("Черговий", "1000"), report).status());
  EXPECT_THAT(coordinator_->RemoveMeasure(Person("Начальник ГУМВС Олійник"), remove),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->RemoveMeasure(Person(kChair), remove));
  EXPECT_EQ(r.measures(0).state(), v1::MEASURE_STATE_REMOVED);
  EXPECT_EQ(r.notices(0).kind(), "removed");
  // Closed: no more reminders.
  clock_.Set(kDeadline + absl::Hours(24 * 10));
  FireDue();
  EXPECT_EQ(Events(true).back(), "removed 1");
  EXPECT_EQ(*coordinator_->timers().PendingCount(), 0) << "no reminder left";
}

TEST_F(CoordinatorTest, KazakhCoExecutorsOweTheLeadTheirMaterialsFiveDaysBefore) {
  v1::Resolution draft = Draft("kz-co", "KZ");
  draft.mutable_measures(0)->add_executors("1400");  // co-executor; 1000 leads
  ASSERT_OK(coordinator_->Create(Person(kChair), draft).status());
  const absl::Time due = *coordination_rules::CoexecutorMaterialsDue(rules_.at("KZ"), kDeadline);
  v1::ReportMeasureRequest report;
  report.set_resolution_id("kz-co");
  report.set_measure_id("1");
  report.set_text("Матеріали співвиконавця");
  clock_.Set(due);
  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->Report(Person("x", "1400"), report));
  EXPECT_FALSE(r.measures(0).reports(0).late());
  clock_.Set(due + absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Report(Person("x", "1400"), report));
  EXPECT_TRUE(r.measures(0).reports(1).late());
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Report(Person("x", "1000"), report));
  EXPECT_FALSE(r.measures(0).reports(2).late()) << "the lead executor reports to the chair";
}

TEST_F(CoordinatorTest, KazakhProtocolIsSignedByTheChairAlone) {
  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->Create(Person(kChair), Draft("kz", "KZ")));
  EXPECT_THAT(r.missing_signatures(), ElementsAre(kChair));
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Sign(Person(kChair), "kz"));
  EXPECT_TRUE(r.agreed());
}

v1::CouncilMeeting Council(const std::string& id, absl::Time held, int present) {
  v1::CouncilMeeting m;
  m.set_id(id);
  m.set_jurisdiction("KZ");
  *m.mutable_held_at() = Ts(held);
  m.set_chair(kChair);
  for (int i = 1; i <= 6; ++i) m.add_permanent_members(absl::StrCat("Член ", i));
  for (int i = 1; i <= present; ++i) m.add_present(absl::StrCat("Член ", i));
  return m;
}

TEST_F(CoordinatorTest, CouncilQuorumIsTwoThirdsAndATieGoesTheChairsWay) {
  const absl::Time held = kMeeting + absl::Hours(24 * 44);
  clock_.Set(held + absl::Hours(2));
  v1::CouncilMeeting six = Council("kz-1", held, 6);
  v1::CouncilDecision* tie = six.add_decisions();
  tie->set_text("Затвердити план");
  tie->set_votes_for(3);
  tie->set_votes_against(3);
  tie->set_chair_vote(v1::BALLOT_FOR);
  v1::CouncilDecision* lost = six.add_decisions();
  lost->set_votes_for(3);
  lost->set_votes_against(3);
  lost->set_chair_vote(v1::BALLOT_AGAINST);
  ASSERT_OK_AND_ASSIGN(v1::CouncilMeeting m,
                       coordinator_->RecordCouncilMeeting(Person(kChair), six));
  EXPECT_TRUE(m.quorum());
  EXPECT_EQ(m.quorum_size(), 4);
  EXPECT_TRUE(m.decisions(0).adopted()) << "3-3, the chair for";
  EXPECT_FALSE(m.decisions(1).adopted()) << "3-3, the chair against";

  ASSERT_OK_AND_ASSIGN(
      m, coordinator_->RecordCouncilMeeting(Person(kChair), Council("kz-4", held, 4)));
  EXPECT_TRUE(m.quorum()) << "4 of 6";
  v1::CouncilMeeting three = Council("kz-2", held, 3);
  v1::CouncilDecision* majority = three.add_decisions();
  majority->set_votes_for(2);
  majority->set_votes_against(1);
  ASSERT_OK_AND_ASSIGN(m, coordinator_->RecordCouncilMeeting(Person(kChair), three));
  EXPECT_FALSE(m.quorum());
  EXPECT_FALSE(m.decisions(0).adopted()) << "without a quorum nothing is decided";
  EXPECT_THAT(m.violations(), ::testing::Contains(HasSubstr("no quorum: 3 of 6")));

  EXPECT_THAT(coordinator_->RecordCouncilMeeting(Person(kChair), six),
              StatusIs(absl::StatusCode::kAlreadyExists));
  v1::CouncilMeeting stranger = Council("kz-3", held, 4);
  stranger.add_present("Сторонній");
  EXPECT_THAT(coordinator_->RecordCouncilMeeting(Person(kChair), stranger),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("present[4]")));
}

TEST_F(CoordinatorTest, CouncilMaterialsTwentyDaysBeforeAndAMissingQuarterIsFlagged) {
  const absl::Time held = kMeeting + absl::Hours(24 * 44);
  const absl::Time due = *coordination_rules::MaterialsDue(rules_.at("KZ"), held);
  clock_.Set(held + absl::Hours(2));
  v1::CouncilMeeting m = Council("kz-m", held, 5);
  v1::CouncilMaterial* on_time = m.add_materials();
  on_time->set_title("Довідка ДВС");
  *on_time->mutable_submitted_at() = Ts(due);
  on_time->set_pages(8);
  v1::CouncilMaterial* late = m.add_materials();
  late->set_title("Довідка КНБ");
  *late->mutable_submitted_at() = Ts(due + absl::Seconds(1));
  late->set_pages(9);
  ASSERT_OK_AND_ASSIGN(v1::CouncilMeeting out,
                       coordinator_->RecordCouncilMeeting(Person(kChair), m));
  std::string all;
  for (const auto& v : out.violations()) all += v + "\n";
  EXPECT_THAT(all, ::testing::Not(HasSubstr("'Довідка ДВС'")));
  EXPECT_THAT(all, HasSubstr("materials[1] 'Довідка КНБ': late"));
  EXPECT_THAT(all, HasSubstr("materials[1] 'Довідка КНБ': 9 pages"));

  // Returned for rework: back within 3 days, or flagged.
  v1::CouncilMeeting rework = Council("kz-r", held, 5);
  v1::CouncilMaterial* back = rework.add_materials();
  back->set_title("Довідка");
  *back->mutable_submitted_at() = Ts(due - absl::Hours(48));
  back->set_pages(5);
  *back->mutable_returned_at() = Ts(due - absl::Hours(24));
  const absl::Time rework_due =
      *coordination_rules::ReworkDue(rules_.at("KZ"), due - absl::Hours(24));
  *back->mutable_resubmitted_at() = Ts(rework_due + absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(out, coordinator_->RecordCouncilMeeting(Person(kChair), rework));
  EXPECT_THAT(out.violations(), ::testing::Contains(HasSubstr("'Довідка' rework: late")));
  EXPECT_THAT(out.violations(), ::testing::Contains(HasSubstr("agenda: missing")));

  // Held in Q2 2026 only: Q1, Q3 and Q4 of the year have no meeting.
  v1::CouncilCalendarRequest req;
  req.set_jurisdiction("KZ");
  req.set_from("2026-01-01");
  req.set_to("2027-01-01");
  ASSERT_OK_AND_ASSIGN(v1::CouncilCalendarResponse cal,
                       coordinator_->CouncilCalendar(Person(kChair), req));
  EXPECT_EQ(cal.meetings_size(), 2);
  EXPECT_THAT(cal.periods_without_meeting(), ElementsAre("2026-Q1", "2026-Q3", "2026-Q4"));
  EXPECT_THAT(cal.plan_periods_without_plan(), ElementsAre("2026-H1", "2026-H2"));

  // A half-year work plan (§11).
  v1::WorkPlan plan;
  plan.set_jurisdiction("KZ");
  plan.set_period_start("2026-07-15");
  plan.add_items("Стан протидії наркозлочинності");
  ASSERT_OK_AND_ASSIGN(v1::WorkPlan stored, coordinator_->RecordWorkPlan(Person(kChair), plan));
  EXPECT_EQ(stored.period(), "2026-H2");
  ASSERT_OK_AND_ASSIGN(cal, coordinator_->CouncilCalendar(Person(kChair), req));
  EXPECT_THAT(cal.plan_periods_without_plan(), ElementsAre("2026-H1"));
  plan.set_jurisdiction("UA");
  EXPECT_THAT(coordinator_->RecordWorkPlan(Person(kChair), plan),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace opsreport::control
