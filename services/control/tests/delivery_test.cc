// What control verifies of a delivery before it creates state, and what it
// holds until routing's receipt of the hop, or the report's own delivery,
// is there (real redis-server, fake clock).
#include <functional>

#include "control_fixture.h"
#include "control_store.h"
#include "delivery_check.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::control {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const fixtures::RuleData& Data() { return fixtures::SampleRuleData(); }

absl::Status Check(const v1::InboxItem& item, const std::string& key) {
  return CheckDelivery(item, key, Data().org, Data().catalogue);
}

struct Forgery {
  std::string what;
  std::function<void(v1::InboxItem&)> change;
  std::string named;  // the field the refusal names
};

std::vector<Forgery> Forgeries() {
  return {
      {"a copy, not the chain",
       [](v1::InboxItem& i) { i.mutable_hop()->set_kind(v1::HOP_KIND_COPY); }, "hop.kind"},
      {"a hop to a region", [](v1::InboxItem& i) { i.mutable_hop()->set_to_unit("1000"); },
       "hop.to_unit"},
      {"a region's inbox item", [](v1::InboxItem& i) { i.set_unit_code("1000"); }, "unit_code"},
      {"no hop id", [](v1::InboxItem& i) { i.mutable_hop()->clear_id(); }, "hop.id"},
      {"no document id", [](v1::InboxItem& i) { i.mutable_hop()->mutable_document()->clear_id(); },
       "hop.document.id"},
      {"a report that is not its own root",
       [](v1::InboxItem& i) { i.mutable_hop()->mutable_document()->set_id("other"); },
       "hop.document.root_report_id"},
      {"an unknown filing unit",
       [](v1::InboxItem& i) { i.mutable_hop()->mutable_document()->set_unit_code("9999"); },
       "hop.document.unit_code"},
      {"an unknown sending unit", [](v1::InboxItem& i) { i.mutable_hop()->set_from_unit("9998"); },
       "hop.from_unit"},
      {"an unknown catalogue item",
       [](v1::InboxItem& i) {
         i.mutable_hop()->mutable_document()->mutable_special_report()->set_catalogue_number(
             "99.9");
       },
       "hop.document.special_report.catalogue_number"},
      {"no document at all",
       [](v1::InboxItem& i) { i.mutable_hop()->mutable_document()->clear_special_report(); },
       "hop.document"},
  };
}

TEST(CheckDeliveryTest, ASelfConsistentDeliveryPasses) {
  EXPECT_OK(Check(Delivered("r1"), "r1"));
  EXPECT_OK(Check(Delivered("e1", "25"), "e1")) << "an event opens no file, but is a delivery";
  EXPECT_OK(Check(Requalified("r1", "s1"), "r1"));
}

TEST(CheckDeliveryTest, EachForgeryIsRefusedNamingWhatIsWrong) {
  for (const Forgery& f : Forgeries()) {
    v1::InboxItem item = Delivered("r1");
    f.change(item);
    absl::Status status = Check(item, "r1");
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument)) << f.what;
    EXPECT_THAT(std::string(status.message()), HasSubstr(f.named + ":")) << f.what;
  }
  EXPECT_THAT(Check(Delivered("r1"), "r2"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(Check(Delivered("r1"), "r2").message()), HasSubstr("key:"));
  // Every fault at once.
  v1::InboxItem item = Delivered("r1");
  item.mutable_hop()->set_kind(v1::HOP_KIND_NOTICE);
  item.mutable_hop()->mutable_document()->set_unit_code("9999");
  const std::string message(Check(item, "r1").message());
  EXPECT_THAT(message, HasSubstr("hop.kind:"));
  EXPECT_THAT(message, HasSubstr("hop.document.unit_code:"));
}

TEST(CheckDeliveryTest, ASupplementIsNotItsOwnRootAndItsRemovalMustBeLawful) {
  v1::InboxItem own_root = Requalified("r1", "s1");
  own_root.mutable_hop()->mutable_document()->set_root_report_id("s1");
  EXPECT_THAT(std::string(Check(own_root, "s1").message()),
              HasSubstr("hop.document.root_report_id:"));
  // A requalification out of the catalogue removes the file (§7.6.3): one
  // that names no decider could never prove that removal.
  v1::InboxItem unsigned_one = Requalified("r1", "s1");
  unsigned_one.mutable_hop()->mutable_document()->mutable_supplement()->clear_signed_by();
  absl::Status status = Check(unsigned_one, "r1");
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(status.message()), HasSubstr("removal.decided_by"));
}

class DeliveryTest : public ControllerTest {
 protected:
  int64_t Keys() {
    absl::StatusOr<redis::Reply> n = client_->Command({"DBSIZE"});
    EXPECT_OK(n);
    return n.ok() ? n->integer : -1;
  }
  int Files() {
    absl::StatusOr<v1::ListFilesResponse> all = controller_->ListFiles(As("0001"), [] {
      v1::ListFilesRequest r;
      r.set_include_removed(true);
      return r;
    }());
    EXPECT_OK(all);
    return all.ok() ? all->files_size() : -1;
  }
  std::vector<std::string> HeldFor() {
    absl::StatusOr<std::vector<v1::HeldRecord>> held = holds_->List(100);
    EXPECT_OK(held);
    std::vector<std::string> out;
    for (const auto& r : held.value_or(std::vector<v1::HeldRecord>{})) {
      out.push_back(r.id() + " awaits " + r.awaits());
    }
    return out;
  }
};

// Even about a hop routing did acknowledge, a forged record writes nothing.
TEST_F(DeliveryTest, AForgedDeliveryIsRefusedAndWritesNothing) {
  ASSERT_OK(controller_->OnHopReceipt(Ack(Delivered("r1"))));
  const int64_t keys = Keys();
  for (const Forgery& f : Forgeries()) {
    v1::InboxItem item = Delivered("r1");
    f.change(item);
    EXPECT_THAT(controller_->OnDelivered(item, Record(item)),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << f.what;
  }
  kafka::Message wrong_key = Record(Delivered("r1"));
  wrong_key.key = "r2";
  EXPECT_THAT(controller_->OnDelivered(Delivered("r1"), wrong_key),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Keys(), keys);
  EXPECT_EQ(Files(), 0);
  EXPECT_EQ(Held(), 0);
  EXPECT_THAT(published_, IsEmpty());
}

TEST_F(DeliveryTest, ADeliveryBeforeRoutingsReceiptIsHeldThenOpensOneFile) {
  const v1::InboxItem r1 = Delivered("r1");
  ASSERT_OK(controller_->OnDelivered(r1, Record(r1, 7)));
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(controller_->OnDelivered(r1, Record(r1, 8)));  // re-sent while it waits
  EXPECT_EQ(Files(), 0);
  EXPECT_THAT(HeldFor(), ElementsAre("delivered:r1:chain:0001:2 awaits hop r1:chain:0001:2"));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::HeldRecord> held, holds_->List(10));
  EXPECT_EQ(held[0].offset(), 7) << "held once, as first read";

  ASSERT_OK(controller_->OnHopReceipt(Ack(r1)));
  EXPECT_EQ(Files(), 1);
  EXPECT_EQ(Held(), 0);
  ASSERT_OK(controller_->OnHopReceipt(Ack(r1)));        // the receipt read again
  ASSERT_OK(controller_->OnDelivered(r1, Record(r1)));  // the delivery re-sent
  ASSERT_OK(controller_->OnDelivered(r1, Record(r1)));
  EXPECT_EQ(Files(), 1);
  EXPECT_EQ(Held(), 0);
  EXPECT_THAT(Kinds(), ElementsAre("r1 opened"));
  ASSERT_OK_AND_ASSIGN(v1::ControlFile f, controller_->GetFile(As("0001"), "r1"));
  EXPECT_EQ(f.outgoing_number(), "1000/2026/Пr1");
}

TEST_F(DeliveryTest, RoutingsReceiptBeforeTheDeliveryOpensItAtOnce) {
  const v1::InboxItem r2 = Delivered("r2");
  ASSERT_OK(controller_->OnHopReceipt(Ack(r2)));
  EXPECT_EQ(Files(), 0);
  ASSERT_OK(controller_->OnDelivered(r2, Record(r2)));
  EXPECT_EQ(Files(), 1);
  EXPECT_EQ(Held(), 0);
  EXPECT_THAT(Kinds(), ElementsAre("r2 opened"));
}

// A closure (here a requalification out of the catalogue, §7.6.3) read
// before its report's delivery is not lost: it removes the file once the
// report's delivery has opened it.
TEST_F(DeliveryTest, ASupplementBeforeItsReportIsHeldAndRemovesTheFileOnceOpened) {
  const v1::InboxItem report = Delivered("r3");
  const v1::InboxItem closure = Requalified("r3", "s3");
  ASSERT_OK(controller_->OnHopReceipt(Ack(closure)));
  ASSERT_OK(controller_->OnDelivered(closure, Record(closure)));
  EXPECT_EQ(Files(), 0);
  EXPECT_THAT(HeldFor(), ElementsAre("delivered:s3:chain:0001:2 awaits report r3"));

  ASSERT_OK(Deliver(report));
  EXPECT_EQ(Held(), 0);
  ASSERT_OK_AND_ASSIGN(v1::ControlFile f, controller_->GetFile(As("0001"), "r3"));
  EXPECT_EQ(f.state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_EQ(f.removal().ground(), v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  EXPECT_EQ(f.removal().supplement_id(), "s3");
  ASSERT_OK(controller_->OnDelivered(closure, Record(closure)));  // re-sent
  EXPECT_THAT(Kinds(), ElementsAre("r3 opened", "r3 removed"));
}

// Before its hop's receipt and before its report: it waits for one, then
// the other, keeping the time it was first held (the hold limit counts
// from it).
TEST_F(DeliveryTest, ASupplementWaitsForItsReceiptThenForItsReport) {
  const v1::InboxItem report = Delivered("r4");
  const v1::InboxItem closure = Requalified("r4", "s4");
  ASSERT_OK(controller_->OnDelivered(closure, Record(closure)));
  ASSERT_OK(controller_->OnDelivered(report, Record(report)));
  EXPECT_THAT(HeldFor(),
              UnorderedElementsAre("delivered:s4:chain:0001:2 awaits hop s4:chain:0001:2",
                                   "delivered:r4:chain:0001:2 awaits hop r4:chain:0001:2"));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK(controller_->OnHopReceipt(Ack(closure)));
  EXPECT_THAT(HeldFor(),
              UnorderedElementsAre("delivered:s4:chain:0001:2 awaits report r4",
                                   "delivered:r4:chain:0001:2 awaits hop r4:chain:0001:2"));
  ASSERT_OK_AND_ASSIGN(consumer::HoldStore::Waiting waiting, holds_->Load("report r4"));
  ASSERT_EQ(waiting.records.size(), 1u);
  EXPECT_EQ(base::ToTime(waiting.records[0].held_at()), kT);
  EXPECT_EQ(Files(), 0);

  ASSERT_OK(controller_->OnHopReceipt(Ack(report)));
  EXPECT_EQ(Held(), 0);
  EXPECT_THAT(Kinds(), ElementsAre("r4 opened", "r4 removed"));
}

// A report that opens no file (an event) still lets its supplements apply.
TEST_F(DeliveryTest, AReportThatOpensNoFileReleasesItsSupplements) {
  const v1::InboxItem event = Delivered("e5", "25");
  v1::InboxItem supp = Requalified("e5", "s5");
  supp.mutable_hop()->mutable_document()->mutable_supplement()->set_requalification(false);
  ASSERT_OK(Deliver(supp));
  EXPECT_EQ(Held(), 1);
  ASSERT_OK(Deliver(event));
  EXPECT_EQ(Held(), 0);
  EXPECT_EQ(Files(), 0);
  EXPECT_THAT(published_, IsEmpty());
}

TEST_F(DeliveryTest, ReceiptsForOtherUnitsOrControlsOwnChangeNothing) {
  const v1::InboxItem r6 = Delivered("r6");
  ASSERT_OK(controller_->OnDelivered(r6, Record(r6)));
  const int64_t keys = Keys();
  v1::HopReceipt region = Ack(r6);
  region.set_receiver_unit("1000");  // the same hop id, but another level's receipt
  ASSERT_OK(controller_->OnHopReceipt(region));
  v1::HopReceipt own = Ack(r6);
  own.set_hop_id("delivered:" + r6.hop().id());  // control's answer to routing
  ASSERT_OK(controller_->OnHopReceipt(own));
  EXPECT_EQ(Keys(), keys);
  EXPECT_EQ(Files(), 0);
  EXPECT_EQ(Held(), 1);
  v1::HopReceipt nameless = Ack(r6);
  nameless.clear_hop_id();
  EXPECT_THAT(controller_->OnHopReceipt(nameless), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Keys(), keys);
}

// A crash after the receipt's mark, or after the report's application,
// before what was held for it was applied: reading the receipt, or the
// report's delivery, again applies it.
TEST_F(DeliveryTest, WhatWaitsIsAppliedWhenThePrerequisiteIsReadAgain) {
  const v1::InboxItem r7 = Delivered("r7");
  ASSERT_OK(controller_->OnDelivered(r7, Record(r7)));
  ControlStore store(client_.get());
  ASSERT_OK(store.MarkAcked(r7.hop().id(), absl::Hours(1)));  // then the crash
  EXPECT_EQ(Files(), 0);
  ASSERT_OK(controller_->OnHopReceipt(Ack(r7)));
  EXPECT_EQ(Files(), 1);
  EXPECT_EQ(Held(), 0);

  // The report was applied; the crash came before its held closure was.
  const v1::InboxItem closure = Requalified("r7", "s7");
  ASSERT_OK(controller_->OnHopReceipt(Ack(closure)));
  redis::Mutation m;
  holds_->Hold(m, consumer::HeldOf(Record(closure), "delivered:" + closure.hop().id(), "report r7",
                                   clock_.Now()));
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  controller_ = NewController();
  ASSERT_OK(controller_->OnDelivered(r7, Record(r7)));
  EXPECT_EQ(Held(), 0);
  ASSERT_OK_AND_ASSIGN(v1::ControlFile f, controller_->GetFile(As("0001"), "r7"));
  EXPECT_EQ(f.state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_THAT(Kinds(), ElementsAre("r7 opened", "r7 removed"));
}

}  // namespace
}  // namespace opsreport::control
