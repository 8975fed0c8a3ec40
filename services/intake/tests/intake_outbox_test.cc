// Intake's outbox through the generic relay: what is published, and that
// documents of a process that died before publishing are sent from the store.
#include "intake_outbox.h"

#include "gtest/gtest.h"
#include "memory_report_store.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "opsreport/outbox/relay.h"

namespace opsreport::intake {
namespace {

constexpr absl::Duration kLease = absl::Seconds(30);

class IntakeOutboxTest : public ::testing::Test {
 protected:
  // Accepts a document the way intake does: outbox entry leased, numbers assigned.
  v1::AcceptedDocument Accept(const std::string& id, const std::string& root) {
    AcceptRequest r;
    r.document.set_id(id);
    r.document.set_root_report_id(root);
    r.document.set_unit_code("1001");
    r.document.set_idempotency_key(id);
    r.document.mutable_special_report()->set_unit_code("1001");
    r.year = 2026;
    r.fingerprint = id;
    r.outbox_due = clock_.Now() + kLease;
    AcceptOutcome outcome = *store_.Accept(r);
    ApplyNumbers(r.document, outcome.registration_number, outcome.outgoing_number);
    return r.document;
  }

  MemoryReportStore store_;
  IntakeOutbox outbox_{&store_};
  kafka::FakeBroker broker_;
  std::unique_ptr<kafka::Producer> producer_ = broker_.NewProducer();
  base::FakeClock clock_{absl::FromUnixSeconds(1773144000)};
  outbox::Relay relay_{&outbox_,
                       producer_.get(),
                       &clock_,
                       {"accepted", absl::Milliseconds(10), kLease, 10, absl::ZeroDuration()}};
};

TEST_F(IntakeOutboxTest, PublishesWholeDocumentKeyedByRootReport) {
  relay_.Enqueue(ToMessage(Accept("r1", "r1")));
  relay_.Enqueue(ToMessage(Accept("s1", "r1")));
  EXPECT_EQ(*relay_.RunOnce(), 2);
  auto messages = broker_.Messages("accepted");
  ASSERT_EQ(messages.size(), 2u);
  v1::AcceptedDocument doc;
  ASSERT_TRUE(doc.ParseFromString(messages[1].payload));
  EXPECT_EQ(doc.id(), "s1");
  EXPECT_EQ(messages[1].key, "r1") << "a supplement shares its report's key";
  EXPECT_EQ(doc.outgoing_number(), "1001/2026/2");
  EXPECT_EQ(*store_.OutboxSize(), 0);
}

TEST_F(IntakeOutboxTest, DocumentsOfADeadProcessAreLoadedFromTheStore) {
  Accept("lost", "lost");  // accepted, never handed over
  clock_.Advance(kLease);
  EXPECT_EQ(*relay_.RunOnce(), 1);
  auto messages = broker_.Messages("accepted");
  ASSERT_EQ(messages.size(), 1u);
  v1::AcceptedDocument doc;
  ASSERT_TRUE(doc.ParseFromString(messages[0].payload));
  EXPECT_EQ(doc.registration_number(), 1);
  EXPECT_EQ(*store_.OutboxSize(), 0);
}

// Delivered means applied by routing: the broker's confirmation leaves the
// document leased, it is sent again when the lease ends, and only routing's
// receipt clears it.
TEST_F(IntakeOutboxTest, OnlyRoutingsReceiptClearsADocument) {
  outbox::Relay relay{&outbox_,
                      producer_.get(),
                      &clock_,
                      {"accepted", absl::Milliseconds(10), kLease, 10, absl::ZeroDuration(),
                       outbox::RelayOptions::ClearOn::kReceiver}};
  relay.Enqueue(ToMessage(Accept("r1", "r1")));
  relay.Enqueue(ToMessage(Accept("r2", "r2")));
  EXPECT_EQ(*relay.RunOnce(), 2);
  EXPECT_EQ(*store_.OutboxSize(), 2) << "the broker has them; routing has not said so";

  v1::AcceptedReceipt receipt;
  receipt.set_document_id("r1");
  ASSERT_TRUE(ClearOnReceipt(relay, {"receipts", 0, 0, "r1", receipt.SerializeAsString()}).ok());
  EXPECT_EQ(*store_.OutboxSize(), 2) << "cleared with the relay's next pass";
  EXPECT_EQ(*relay.RunOnce(), 0);
  EXPECT_EQ(*store_.OutboxSize(), 1);
  EXPECT_EQ(ClearOnReceipt(relay, {"receipts", 0, 1, "r1", "\xff garbage"}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ClearOnReceipt(relay, {"receipts", 0, 2, "r1", ""}).code(),
            absl::StatusCode::kInvalidArgument)
      << "a receipt naming no document";

  clock_.Advance(kLease);
  EXPECT_EQ(*relay.RunOnce(), 1) << "the unanswered one is sent again";
  auto messages = broker_.Messages("accepted");
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[2].key, "r2");
  receipt.set_document_id("r2");
  ASSERT_TRUE(ClearOnReceipt(relay, {"receipts", 0, 3, "r2", receipt.SerializeAsString()}).ok());
  relay.Stop();  // a clean stop clears what was acknowledged
  EXPECT_EQ(*store_.OutboxSize(), 0);
}

}  // namespace
}  // namespace opsreport::intake
