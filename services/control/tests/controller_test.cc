// The control files use cases over a real redis-server with a fake clock.
#include "controller.h"

#include "control_fixture.h"
#include "delivery_consumer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/kafka_fake/fake_broker.h"

namespace opsreport::control {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST_F(ControllerTest, ACrimeReachingTheMinistryOpensOneFile) {
  ASSERT_OK(Deliver(Delivered("r1")));
  ASSERT_OK(Deliver(Delivered("r1")));        // redelivered
  ASSERT_OK(Deliver(Delivered("e1", "25")));  // a strike: an event, no КК article
  ASSERT_OK_AND_ASSIGN(v1::ListFilesResponse all, controller_->ListFiles(As("0001"), {}));
  ASSERT_EQ(all.files_size(), 1);
  EXPECT_EQ(all.files(0).outgoing_number(), "1000/2026/Пr1");
  EXPECT_EQ(all.files(0).state(), v1::CONTROL_STATE_OPEN);
  EXPECT_THAT(Kinds(), ElementsAre("r1 opened"));
}

// Each delivery applied, found applied or held is acknowledged to routing
// (which re-sends it until then: a hold is durable); one that can never be
// applied is not.
TEST_F(ControllerTest, EveryAppliedOrHeldDeliveryIsAcknowledgedToRouting) {
  kafka::FakeBroker broker;
  std::unique_ptr<kafka::Producer> producer = broker.NewProducer();
  const std::string receipts = "opsreport.routing.receipts";
  kafka::Message record = Record(Delivered("r5"));
  ASSERT_OK(ApplyDelivery(*controller_, *producer, receipts, record));  // held: no hop receipt yet
  ASSERT_OK(controller_->OnHopReceipt(Ack(Delivered("r5"))));
  ASSERT_OK(ApplyDelivery(*controller_, *producer, receipts, record));  // re-sent
  kafka::Message forged = record;
  v1::InboxItem copy = Delivered("r5");
  copy.mutable_hop()->set_kind(v1::HOP_KIND_COPY);
  forged.payload = copy.SerializeAsString();
  EXPECT_THAT(ApplyDelivery(*controller_, *producer, receipts, forged),
              StatusIs(absl::StatusCode::kInvalidArgument));
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
  EXPECT_THAT(Kinds(), ElementsAre("r5 opened"));
}

TEST_F(ControllerTest, OnlyTheMinistryRemovesAndOnlyOnALawfulGround) {
  ASSERT_OK(Deliver(Delivered("r2")));
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
  ASSERT_OK(Deliver(Delivered("r3")));
  v1::InboxItem supp = Requalified("r3", "s3");
  ASSERT_OK(Deliver(supp));
  ASSERT_OK(Deliver(supp));
  ASSERT_OK_AND_ASSIGN(v1::ControlFile f, controller_->GetFile(As("0001"), "r3"));
  EXPECT_EQ(f.state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_EQ(f.removal().ground(), v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  EXPECT_TRUE(f.removal().automatic());
  EXPECT_THAT(Kinds(), ElementsAre("r3 opened", "r3 removed"));
}

TEST_F(ControllerTest, TransferConfirmedMovesTheFileAndNeverConfirmedIsOverdueOnce) {
  ASSERT_OK(Deliver(Delivered("r4")));
  ASSERT_OK(Deliver(Delivered("r5")));
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
  ASSERT_OK(Deliver(Delivered("r7")));
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
  ASSERT_OK(Deliver(Delivered("r6")));
  EXPECT_THAT(controller_->WeeklyReport(As("1000"), "criminal_police", "2026-03-09"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::WeeklyControlReport report,
                       controller_->WeeklyReport(As("0001"), "criminal_police", "2026-03-09"));
  ASSERT_EQ(report.open_size(), 1);
  EXPECT_THAT(report.text(), HasSubstr("1000/2026/Пr6"));
}

}  // namespace
}  // namespace opsreport::control
