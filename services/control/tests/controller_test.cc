// The control files use cases over a real redis-server with a fake clock.
#include "controller.h"

#include "delivery_consumer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::control {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kT = absl::FromUnixSeconds(1773144000);

auth::Principal As(const std::string& unit) {
  return {unit, "Черговий " + unit, auth::Role::kDutyOfficer, absl::InfiniteFuture()};
}

v1::InboxItem Delivered(const std::string& id, const std::string& item = "1") {
  v1::InboxItem i;
  i.set_unit_code("0001");
  v1::Hop* hop = i.mutable_hop();
  hop->set_id(id + ":chain:0001:2");
  hop->set_kind(v1::HOP_KIND_CHAIN);
  hop->set_from_unit("1000");
  hop->set_to_unit("0001");
  hop->set_sender_outgoing_number("1000/2026/П" + id);
  v1::AcceptedDocument* doc = hop->mutable_document();
  doc->set_id(id);
  doc->set_root_report_id(id);
  doc->set_unit_code("1001");
  doc->set_outgoing_number("1001/2026/" + id);
  *doc->mutable_special_report() = fixtures::MurderReport(kT - absl::Hours(2));
  doc->mutable_special_report()->set_catalogue_number(item);
  return i;
}

v1::Removal Closure() {
  v1::Removal r;
  r.set_ground(v1::REMOVAL_GROUND_CLOSED_INSUFFICIENT_EVIDENCE);
  r.set_decided_on("2026-03-12");
  r.mutable_document()->set_kind("постанова про закриття");
  r.mutable_document()->set_number("12");
  r.mutable_document()->set_date("2026-03-12");
  r.set_decided_by("слідчий");
  return r;
}

class ControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis());
    store_ = std::make_unique<outbox::RedisStore>(client_.get(), "control:pub");
    controller_ = NewController();
  }
  std::unique_ptr<Controller> NewController() {
    return std::make_unique<Controller>(
        &data_.org, &data_.catalogue, client_.get(), &clock_, ControllerOptions{},
        outbox::Sink{store_.get(), [this](const outbox::Message& m) { published_.push_back(m); }});
  }
  std::vector<std::string> Kinds() {
    std::vector<std::string> out;
    for (const auto& m : published_) {
      v1::ControlEvent e;
      EXPECT_TRUE(e.ParseFromString(m.payload));
      out.push_back(e.file().id() + " " + e.kind());
    }
    return out;
  }
  int FireDue() {
    auto due = controller_->timers().ClaimDueLeased(clock_.Now(), absl::Seconds(30), 100);
    EXPECT_OK(due);
    for (const auto& t : *due) {
      EXPECT_OK(controller_->OnTimer(t));
      EXPECT_OK(controller_->timers().Ack(t.id));
    }
    return static_cast<int>(due->size());
  }

  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  base::FakeClock clock_{kT};
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<outbox::RedisStore> store_;
  std::unique_ptr<Controller> controller_;
  std::vector<outbox::Message> published_;
};

TEST_F(ControllerTest, ACrimeReachingTheMinistryOpensOneFile) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r1")));
  ASSERT_OK(controller_->OnDelivered(Delivered("r1")));        // redelivered
  ASSERT_OK(controller_->OnDelivered(Delivered("e1", "25")));  // a strike: an event, no КК article
  ASSERT_OK_AND_ASSIGN(v1::ListFilesResponse all, controller_->ListFiles(As("0001"), {}));
  ASSERT_EQ(all.files_size(), 1);
  EXPECT_EQ(all.files(0).outgoing_number(), "1000/2026/Пr1");
  EXPECT_EQ(all.files(0).state(), v1::CONTROL_STATE_OPEN);
  EXPECT_THAT(Kinds(), ElementsAre("r1 opened"));
}

// Each delivery applied, or found applied, is acknowledged to routing (which
// re-sends it until then); one that does not parse is not.
TEST_F(ControllerTest, EveryAppliedDeliveryIsAcknowledgedToRouting) {
  kafka::FakeBroker broker;
  std::unique_ptr<kafka::Producer> producer = broker.NewProducer();
  const std::string receipts = "opsreport.routing.receipts";
  kafka::Message record{"opsreport.routing.delivered", 0, 0, "r5",
                        Delivered("r5").SerializeAsString()};
  ASSERT_OK(ApplyDelivery(*controller_, *producer, receipts, record));
  ASSERT_OK(ApplyDelivery(*controller_, *producer, receipts, record));  // re-sent
  record.payload = "\xff not a delivery";
  EXPECT_THAT(ApplyDelivery(*controller_, *producer, receipts, record),
              StatusIs(absl::StatusCode::kInvalidArgument));
  std::vector<kafka::Message> sent = broker.Messages(receipts);
  ASSERT_EQ(sent.size(), 2u);
  for (const kafka::Message& m : sent) {
    v1::HopReceipt receipt;
    ASSERT_TRUE(receipt.ParseFromString(m.payload));
    EXPECT_EQ(receipt.hop_id(), "delivered:r5:chain:0001:2");
    EXPECT_EQ(receipt.receiver_unit(), "0001");
    EXPECT_EQ(m.key, "r5");
  }
  ASSERT_OK_AND_ASSIGN(v1::ListFilesResponse all, controller_->ListFiles(As("0001"), {}));
  EXPECT_EQ(all.files_size(), 1) << "applied once";
}

TEST_F(ControllerTest, OnlyTheMinistryRemovesAndOnlyOnALawfulGround) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r2")));
  EXPECT_THAT(controller_->Remove(As("1000"), "r2", Closure()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::Removal bad = Closure();
  bad.set_ground(v1::REMOVAL_GROUND_UNSPECIFIED);
  bad.clear_document();
  absl::StatusOr<v1::ControlFile> refused = controller_->Remove(As("0001"), "r2", bad);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(refused.status().message()),
              ::testing::AllOf(HasSubstr("removal.ground"), HasSubstr("removal.document.kind")));
  ASSERT_OK_AND_ASSIGN(v1::ControlFile still, controller_->GetFile(As("0001"), "r2"));
  EXPECT_EQ(still.state(), v1::CONTROL_STATE_OPEN) << "a refusal changes nothing";
  ASSERT_OK_AND_ASSIGN(v1::ControlFile removed, controller_->Remove(As("0002"), "r2", Closure()));
  EXPECT_EQ(removed.state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_EQ(removed.removal().recorded_by_unit(), "0002");
  EXPECT_THAT(controller_->Remove(As("0001"), "r2", Closure()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(controller_->Remove(As("0001"), "nope", Closure()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ControllerTest, RequalificationSupplementOutsideTheCatalogueRemovesTheFile) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r3")));
  v1::InboxItem supp = Delivered("r3");
  supp.mutable_hop()->set_id("s3:chain:0001:2");
  v1::AcceptedDocument* doc = supp.mutable_hop()->mutable_document();
  doc->set_id("s3");
  doc->mutable_accepted_at()->set_seconds(absl::ToUnixSeconds(kT));
  *doc->mutable_supplement() = fixtures::ErdrSupplement("1001/2026/r3", "2026-03-10", 3, kT);
  doc->mutable_supplement()->set_requalification(true);
  doc->mutable_supplement()->mutable_new_coding_line()->set_cc_article("125");
  ASSERT_OK(controller_->OnDelivered(supp));
  ASSERT_OK(controller_->OnDelivered(supp));
  ASSERT_OK_AND_ASSIGN(v1::ControlFile f, controller_->GetFile(As("0001"), "r3"));
  EXPECT_EQ(f.state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_EQ(f.removal().ground(), v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  EXPECT_TRUE(f.removal().automatic());
  EXPECT_THAT(Kinds(), ElementsAre("r3 opened", "r3 removed"));
}

TEST_F(ControllerTest, TransferConfirmedMovesTheFileAndNeverConfirmedIsOverdueOnce) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r4")));
  ASSERT_OK(controller_->OnDelivered(Delivered("r5")));
  ASSERT_OK(controller_->StartTransfer(As("1000"), "r4", "1400", "1000/2026/Пr4").status());
  ASSERT_OK(controller_->StartTransfer(As("1000"), "r5", "2600", "1000/2026/Пr5").status());
  EXPECT_THAT(controller_->StartTransfer(As("1000"), "r4", "2600", "1000/2026/Пr4"),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(controller_->ConfirmTransfer(As("2600"), "r4"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Advance(absl::Hours(5));
  ASSERT_OK_AND_ASSIGN(v1::ControlFile taken, controller_->ConfirmTransfer(As("1400"), "r4"));
  EXPECT_EQ(taken.region(), "1400");
  ASSERT_OK(controller_->GetFile(As("1400"), "r4").status());
  EXPECT_THAT(controller_->GetFile(As("2600"), "r4"),
              StatusIs(absl::StatusCode::kPermissionDenied));

  // r5: 72 h allowed; at exactly 72 h it is not overdue, one second later it is.
  clock_.Set(kT + absl::Hours(72));
  FireDue();
  ASSERT_OK_AND_ASSIGN(v1::ListFilesResponse list, controller_->ListFiles(As("0001"), {}));
  EXPECT_THAT(list.overdue_transfer_ids(), ElementsAre());
  clock_.Set(kT + absl::Hours(72) + absl::Seconds(1));
  EXPECT_EQ(FireDue(), 1);
  ASSERT_OK_AND_ASSIGN(list, controller_->ListFiles(As("0001"), {}));
  EXPECT_THAT(list.overdue_transfer_ids(), ElementsAre("r5"));
  // After a restart (a new controller over the same Redis) nothing is lost or repeated.
  controller_ = NewController();
  FireDue();
  ASSERT_OK_AND_ASSIGN(v1::ControlFile r5, controller_->GetFile(As("2600"), "r5"));
  EXPECT_EQ(r5.state(), v1::CONTROL_STATE_IN_TRANSFER);
  int overdue = 0;
  for (const auto& k : Kinds()) overdue += k == "r5 transfer_overdue";
  EXPECT_EQ(overdue, 1);
  ASSERT_OK(controller_->ConfirmTransfer(As("2600"), "r5").status());
}

TEST_F(ControllerTest, LiveViewShowsEachBodyWhatConcernsIt) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r7")));
  ASSERT_OK(controller_->StartTransfer(As("1000"), "r7", "1400", "1000/2026/Пr7").status());
  std::string cursor = "0-0";
  ASSERT_OK_AND_ASSIGN(std::vector<v1::ControlStreamEvent> events,
                       LiveEventsAfter(*client_, cursor, 100));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].control().kind(), "opened");
  EXPECT_EQ(events[1].control().kind(), "transfer_started");
  EXPECT_EQ(cursor, events[1].cursor());
  auto seen_by = [&](const std::string& unit) {
    int n = 0;
    for (const auto& e : events) n += controller_->Concerns(As(unit), e);
    return n;
  };
  EXPECT_EQ(seen_by("0001"), 2);
  EXPECT_EQ(seen_by("1000"), 2);
  EXPECT_EQ(seen_by("1001"), 0) << "a district does not see its region's files";
  EXPECT_EQ(seen_by("2600"), 0);
  EXPECT_EQ(seen_by("1400"), 1) << "the receiving region sees the transfer, not the opening";
  ASSERT_OK_AND_ASSIGN(events, LiveEventsAfter(*client_, cursor, 100));
  EXPECT_TRUE(events.empty());
}

TEST_F(ControllerTest, WeeklyReportIsTheMinistrys) {
  ASSERT_OK(controller_->OnDelivered(Delivered("r6")));
  EXPECT_THAT(controller_->WeeklyReport(As("1000"), "criminal_police", "2026-03-09"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::WeeklyControlReport report,
                       controller_->WeeklyReport(As("0001"), "criminal_police", "2026-03-09"));
  ASSERT_EQ(report.open_size(), 1);
  EXPECT_THAT(report.text(), HasSubstr("1000/2026/Пr6"));
}

}  // namespace
}  // namespace opsreport::control
