// What routing holds and what it refuses: a supplement read before its
// report (intake re-sent the report after a failed first send) waits for it
// and is applied, once, when the report is; a hop of an unknown case cannot
// be a hop ahead of its case (routing writes a hop with its case) and is
// refused, writing nothing.
#include "gmock/gmock.h"
#include "router_test.h"

namespace opsreport::routing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class RouterHoldsTest : public RouterTest {
 protected:
  int64_t HeldCount() {
    absl::StatusOr<int64_t> n = holds_->Count();
    EXPECT_OK(n);
    return n.ok() ? *n : -1;
  }
  std::vector<std::string> SupplementsOf(const std::string& root) {
    absl::StatusOr<std::optional<CaseRecord>> kase = router_->store().LoadCase(root);
    EXPECT_OK(kase);
    std::vector<std::string> out;
    if (!kase.ok() || !kase->has_value()) return out;
    for (const auto& s : (*kase)->supplements) out.push_back(s.id());
    return out;
  }
  int64_t KeyCount() {
    absl::StatusOr<redis::Reply> reply = client_->Command({"DBSIZE"});
    EXPECT_OK(reply);
    return reply.ok() ? reply->integer : -1;
  }
  // The live view's changes concerning `item_id`, as "<unit>:<change>".
  std::vector<std::string> ChangesOf(const std::string& item_id) {
    std::string cursor = "0-0";  // from the oldest kept
    absl::StatusOr<std::vector<v1::RoutingEvent>> events =
        router_->EventsFor(kMinistry, cursor, 1000);
    EXPECT_OK(events);
    std::vector<std::string> out;
    if (!events.ok()) return out;
    for (const auto& e : *events) {
      if (e.item().item_id() == item_id) out.push_back(e.unit_code() + ":" + e.change());
    }
    return out;
  }
};

TEST_F(RouterHoldsTest, ASupplementBeforeItsReportIsHeldThenAppliedOnceWithIt) {
  const v1::AcceptedDocument report = Report("h1");
  const v1::AcceptedDocument first = Supplement("h1-s1", report, kAccepted + absl::Minutes(5));
  const v1::AcceptedDocument second = Supplement("h1-s2", report, kAccepted + absl::Minutes(6));

  // Read before the report, the first one twice (a re-send): held, once.
  ASSERT_OK(router_->OnAccepted(first));
  ASSERT_OK(router_->OnAccepted(first));
  clock_.Advance(absl::Seconds(1));
  ASSERT_OK(router_->OnAccepted(second));
  EXPECT_EQ(HeldCount(), 2);
  ASSERT_OK_AND_ASSIGN(consumer::HoldStore::Waiting waiting, holds_->Load("report h1"));
  ASSERT_EQ(waiting.records.size(), 2u);
  EXPECT_EQ(waiting.records[0].id(), "doc:h1-s1");
  EXPECT_EQ(waiting.records[1].id(), "doc:h1-s2");
  // Nothing of the case exists yet, nothing was sent.
  ASSERT_OK_AND_ASSIGN(std::optional<CaseRecord> kase, router_->store().LoadCase("h1"));
  EXPECT_FALSE(kase.has_value());
  EXPECT_FALSE(Item(kDistrict, "h1-s1").has_value());
  EXPECT_TRUE(hops_.empty());
  EXPECT_EQ(HopOutboxSize(), 0);

  // The report comes: it and then its supplements, in held order.
  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(HeldCount(), 0);
  EXPECT_THAT(SupplementsOf("h1"), ElementsAre("h1-s1", "h1-s2"));
  ASSERT_TRUE(Item(kDistrict, "h1-s1").has_value());
  EXPECT_EQ(Pump(), 3) << "the report's hop and each supplement's";
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse region,
                       router_->ListInbox(Desk(kRegion), kRegion, true, 0));
  ASSERT_EQ(region.entries_size(), 1);
  EXPECT_EQ(region.entries(0).item().item_id(), "h1");
  ASSERT_EQ(region.entries(0).supplements_size(), 2);
  EXPECT_EQ(region.entries(0).supplements(0).item_id(), "h1-s1");
  EXPECT_EQ(region.entries(0).supplements(1).item_id(), "h1-s2");

  // Every record again - the report twice, the supplement again - changes nothing.
  ASSERT_OK(router_->OnAccepted(report));
  ASSERT_OK(router_->OnAccepted(first));
  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(Pump(), 0);
  EXPECT_EQ(HeldCount(), 0);
  EXPECT_THAT(SupplementsOf("h1"), ElementsAre("h1-s1", "h1-s2"));
  EXPECT_THAT(ChangesOf("h1-s1"), ElementsAre("1001:filed", "1000:received"))
      << "applied exactly once";
}

// A crash after the report's step, before its held supplement was applied:
// the report's redelivery (found applied) applies what waits for it.
TEST_F(RouterHoldsTest, TheReportFoundAppliedReleasesAHoldLeftByACrash) {
  const v1::AcceptedDocument report = Report("h2");
  const v1::AcceptedDocument supplement = Supplement("h2-s", report, kAccepted + absl::Minutes(5));
  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(Pump(), 1);
  // Held just before the report's step (the state the crash leaves).
  redis::Mutation m;
  holds_->Hold(m, consumer::HeldOf(
                      {"opsreport.reports.accepted", 3, 17, "h2", supplement.SerializeAsString()},
                      "doc:h2-s", "report h2", clock_.Now()));
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  EXPECT_FALSE(Item(kDistrict, "h2-s").has_value());

  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(HeldCount(), 0);
  EXPECT_THAT(SupplementsOf("h2"), ElementsAre("h2-s"));
  EXPECT_EQ(Pump(), 1);
  EXPECT_TRUE(Item(kRegion, "h2-s").has_value());
  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(Pump(), 0);
  EXPECT_THAT(ChangesOf("h2-s"), ElementsAre("1001:filed", "1000:received"));
}

// The same crash, and the supplement re-sent meanwhile was applied directly
// (its case existed): the report's redelivery only releases the hold.
TEST_F(RouterHoldsTest, AHoldOfASupplementAppliedSinceIsOnlyReleased) {
  const v1::AcceptedDocument report = Report("h3");
  const v1::AcceptedDocument supplement = Supplement("h3-s", report, kAccepted + absl::Minutes(5));
  ASSERT_OK(router_->OnAccepted(report));
  redis::Mutation m;
  holds_->Hold(m, consumer::HeldOf(
                      {"opsreport.reports.accepted", 0, 4, "h3", supplement.SerializeAsString()},
                      "doc:h3-s", "report h3", clock_.Now()));
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  ASSERT_OK(router_->OnAccepted(supplement));
  EXPECT_EQ(Pump(), 2);

  ASSERT_OK(router_->OnAccepted(report));
  EXPECT_EQ(HeldCount(), 0);
  EXPECT_EQ(Pump(), 0);
  EXPECT_THAT(SupplementsOf("h3"), ElementsAre("h3-s"));
  EXPECT_THAT(ChangesOf("h3-s"), ElementsAre("1001:filed", "1000:received"));
}

TEST_F(RouterHoldsTest, AHopOfAnUnknownCaseIsRefusedAndWritesNothing) {
  const v1::AcceptedDocument ghost = Report("ghost");
  v1::Hop hop;
  hop.set_id("ghost:chain:1000:1");
  hop.set_kind(v1::HOP_KIND_CHAIN);
  hop.set_seq(1);
  hop.set_from_unit(kDistrict);
  hop.set_to_unit(kRegion);
  *hop.mutable_document() = ghost;
  const int64_t keys = KeyCount();
  EXPECT_THAT(router_->OnHop(hop),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("hop.document.root_report_id: unknown case ghost")));
  EXPECT_EQ(KeyCount(), keys);
  EXPECT_FALSE(Item(kRegion, "ghost").has_value());
  EXPECT_EQ(HeldCount(), 0) << "not held: it can never be valid";
  EXPECT_THAT(ChangesOf("ghost"), IsEmpty());
  EXPECT_TRUE(hops_.empty());
}

TEST_F(RouterHoldsTest, AReceiptOfAnUnknownHopClearsNothing) {
  ASSERT_OK(router_->OnAccepted(Report("h4")));
  v1::HopReceipt receipt;
  receipt.set_hop_id("no-such-hop");
  ASSERT_OK(router_->OnReceipts({receipt}));
  EXPECT_EQ(HopOutboxSize(), 1);
  receipt.clear_hop_id();
  EXPECT_THAT(router_->OnReceipts({receipt}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("hop_id")));
  EXPECT_EQ(HopOutboxSize(), 1);
}

}  // namespace
}  // namespace opsreport::routing
