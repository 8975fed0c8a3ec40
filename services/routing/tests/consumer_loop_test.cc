// The routing consumer's answer to intake: every accepted document applied
// (or found applied) is acknowledged on opsreport.reports.receipts, which is
// what clears intake's outbox; a record that was not applied gets nothing,
// so intake sends it again.
#include "consumer_loop.h"

#include "gmock/gmock.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "router_test.h"

namespace opsreport::routing {
namespace {

using ::opsreport::testing::StatusIs;

class AcceptedReceiptTest : public RouterTest {
 protected:
  std::vector<std::string> ReceiptIds() {
    std::vector<std::string> out;
    for (const kafka::Message& m : broker_.Messages(topics_.accepted_receipts)) {
      v1::AcceptedReceipt receipt;
      EXPECT_TRUE(receipt.ParseFromString(m.payload));
      EXPECT_EQ(receipt.receiver(), "opsreport-routing");
      out.push_back(m.key + "/" + receipt.document_id());
    }
    return out;
  }
  absl::Status Apply(const v1::AcceptedDocument& doc) {
    kafka::Message record{topics_.accepted, 0, 0, doc.root_report_id(), doc.SerializeAsString()};
    return ApplyRecord(*router_, *producer_, topics_, record);
  }

  kafka::FakeBroker broker_;
  std::unique_ptr<kafka::Producer> producer_ = broker_.NewProducer();
  const ConsumerTopics topics_;
};

TEST_F(AcceptedReceiptTest, EveryAppliedDocumentIsAcknowledgedAndARepeatAgain) {
  const v1::AcceptedDocument report = Report("r1");
  ASSERT_OK(Apply(report));
  ASSERT_OK(Apply(report));  // intake re-sent it: found applied, answered again
  ASSERT_OK(Apply(Supplement("s1", report, kAccepted + absl::Minutes(5))));
  EXPECT_THAT(ReceiptIds(), ::testing::ElementsAre("r1/r1", "r1/r1", "r1/s1"))
      << "keyed by the root report, as the documents are";
}

TEST_F(AcceptedReceiptTest, AHeldSupplementIsAcknowledgedWhatCannotBeAppliedIsNot) {
  // A supplement ahead of its report (intake re-sends the report after a
  // failed first send): held, durably, so answered like an applied one.
  const v1::AcceptedDocument report = Report("r2");
  const v1::AcceptedDocument supplement = Supplement("s2", report, kAccepted + absl::Minutes(5));
  kafka::Message record{topics_.accepted, 2, 41, "r2", supplement.SerializeAsString()};
  ASSERT_OK(ApplyRecord(*router_, *producer_, topics_, record));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::HeldRecord> held, holds_->List(10));
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].awaits(), "report r2");
  EXPECT_EQ(held[0].offset(), 41) << "held as read";
  kafka::Message garbage{topics_.accepted, 0, 0, "r2", "\xff not a document"};
  EXPECT_THAT(ApplyRecord(*router_, *producer_, topics_, garbage),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ReceiptIds(), ::testing::ElementsAre("r2/s2"));

  ASSERT_OK(Apply(report));
  ASSERT_OK(Apply(supplement));
  EXPECT_THAT(ReceiptIds(), ::testing::ElementsAre("r2/s2", "r2/r2", "r2/s2"));
  EXPECT_EQ(*holds_->Count(), 0);
  ASSERT_OK_AND_ASSIGN(std::optional<CaseRecord> kase, router_->store().LoadCase("r2"));
  ASSERT_TRUE(kase.has_value());
  ASSERT_EQ(kase->supplements.size(), 1u);
}

// A delivery to the Ministry waits in the hop outbox, sent again after the
// hop lease, until control's receipt for it comes back on the receipts topic.
TEST_F(AcceptedReceiptTest, ADeliveryToTheMinistryStaysUntilControlAnswers) {
  RouterOptions options;
  options.delivered_needs_receipt = true;
  router_ = MakeRouter(options);
  Climb(Report("r3"));
  EXPECT_EQ(HopOutboxSize(), 1) << "every hop answered; the delivery is not";
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> due,
      router_->hop_outbox().ClaimDue(clock_.Now() + options.hop_lease, absl::Seconds(1), 10));
  EXPECT_THAT(due, ::testing::ElementsAre("delivered:r3:chain:0001:2"));

  v1::HopReceipt receipt;
  receipt.set_hop_id("delivered:r3:chain:0001:2");
  receipt.set_receiver_unit("0001");
  kafka::Message record{topics_.receipts, 0, 0, "r3", receipt.SerializeAsString()};
  ASSERT_OK(ApplyRecord(*router_, *producer_, topics_, record));
  EXPECT_EQ(HopOutboxSize(), 0);
}

}  // namespace
}  // namespace opsreport::routing
