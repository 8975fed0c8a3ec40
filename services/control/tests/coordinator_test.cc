// Coordination resolutions through the service over a real redis-server:
// signing, extensions at their boundary, reports, removal with written
// notices, reminders that repeat until the measure is closed, a restart.
#include "coordinator.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coordination_rules/extension.h"
#include "opsreport/coordination_rules/signing.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
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
  static void SetUpTestSuite() {
    auto server = testing::RedisServer::Start({.appendfsync = "everysec"});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server).release();
  }
  static void TearDownTestSuite() { delete server_; }
  void SetUp() override {
    for (const char* f : {"data/coordination_ua.conf", "data/coordination_kz.conf"}) {
      ASSERT_OK_AND_ASSIGN(coordination_rules::RuleSet rules,
                           coordination_rules::RuleSet::LoadFile(f));
      std::string j = rules.jurisdiction;
      rules_.emplace(std::move(j), std::move(rules));
    }
    ASSERT_OK_AND_ASSIGN(redis::RedisConfig config, redis::ParseRedisAddress(server_->address()));
    ASSERT_OK_AND_ASSIGN(client_, redis::NewRedisClient(config));
    ASSERT_OK(client_->Command({"FLUSHALL"}));
    coordinator_ = NewCoordinator();
  }
  std::unique_ptr<Coordinator> NewCoordinator() {
    return std::make_unique<Coordinator>(
        &fixtures::SampleRuleData().org, rules_, client_.get(), &clock_, CoordinatorOptions{},
        [this](const outbox::Message& m) { published_.push_back(m); });
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

  static testing::RedisServer* server_;
  std::map<std::string, coordination_rules::RuleSet> rules_;
  base::FakeClock clock_{kMeeting + absl::Hours(2)};
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<Coordinator> coordinator_;
  std::vector<outbox::Message> published_;
};
testing::RedisServer* CoordinatorTest::server_ = nullptr;

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

TEST_F(CoordinatorTest, KazakhProtocolIsSignedByTheChairAlone) {
  ASSERT_OK_AND_ASSIGN(v1::Resolution r, coordinator_->Create(Person(kChair), Draft("kz", "KZ")));
  EXPECT_THAT(r.missing_signatures(), ElementsAre(kChair));
  ASSERT_OK_AND_ASSIGN(r, coordinator_->Sign(Person(kChair), "kz"));
  EXPECT_TRUE(r.agreed());
}

}  // namespace
}  // namespace opsreport::control
