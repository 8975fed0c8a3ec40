// The routing use cases over a real redis-server: paths, exactly-once
// application, desk actions and their permissions.
#include "router_test.h"

#include "gmock/gmock.h"

namespace opsreport::routing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST_F(RouterTest, DistrictReportClimbsToTheMinistryOnceAtEveryLevel) {
  const v1::AcceptedDocument doc = Report("r1");
  ASSERT_OK(router_->OnAccepted(doc));
  std::optional<v1::InboxItem> origin = Item(kDistrict, "r1");
  ASSERT_TRUE(origin.has_value());
  EXPECT_EQ(origin->state(), v1::INBOX_STATE_FORWARDED);
  EXPECT_EQ(origin->forwarded_to(), kRegion);
  EXPECT_EQ(Pump(), 1);
  std::optional<v1::InboxItem> region = Item(kRegion, "r1");
  ASSERT_TRUE(region.has_value());
  EXPECT_EQ(region->state(), v1::INBOX_STATE_RECEIVED);
  EXPECT_FALSE(region->final());
  EXPECT_EQ(region->hop().sender_outgoing_number(), "1001/2026/r1");
  EXPECT_EQ(HopOutboxSize(), 0) << "the receipt clears the sender's outbox entry";

  clock_.Advance(absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(v1::InboxItem acked,
                       router_->Acknowledge(Desk(kRegion, kRegionDuty), kRegion, "r1"));
  EXPECT_EQ(acked.state(), v1::INBOX_STATE_ACKNOWLEDGED);
  EXPECT_EQ(acked.auto_reply().receiving_officer(), kRegionDuty);
  EXPECT_EQ(ToTime(acked.auto_reply().received_at()), clock_.Now());
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK_AND_ASSIGN(v1::InboxItem forwarded,
                       router_->Forward(Desk(kRegion, kRegionDuty), kRegion, "r1",
                                        HeadSignature(kRegionHead, clock_.Now())));
  EXPECT_EQ(forwarded.state(), v1::INBOX_STATE_FORWARDED);
  EXPECT_EQ(forwarded.forward_outgoing_number(), "1000/2026/П1");
  EXPECT_EQ(Pump(), 1);
  std::optional<v1::InboxItem> ministry = Item(kMinistry, "r1");
  ASSERT_TRUE(ministry.has_value());
  EXPECT_TRUE(ministry->final());
  EXPECT_EQ(ministry->hop().from_unit(), kRegion);
  EXPECT_EQ(ministry->hop().sender_outgoing_number(), "1000/2026/П1");
  // The delivery to the Ministry is announced once, for its control files.
  std::vector<std::string> delivered;
  for (const auto& m : published_) {
    if (m.topic == "opsreport.routing.delivered") delivered.push_back(m.id);
  }
  EXPECT_THAT(delivered, ElementsAre("delivered:r1:chain:0001:2"));
  ASSERT_OK(router_->Acknowledge(Desk(kMinistry, kMinistryDuty), kMinistry, "r1").status());

  // Every repeat - the document again, each hop again - changes nothing.
  ASSERT_OK(router_->OnAccepted(doc));
  EXPECT_EQ(Pump(), 0);
  ASSERT_OK_AND_ASSIGN(v1::CaseView view, router_->GetCase(Desk(kMinistry), "r1"));
  ASSERT_EQ(view.items_size(), 3);
  for (const auto& item : view.items()) {
    if (item.hop().kind() == v1::HOP_KIND_ORIGIN) {
      EXPECT_THAT(router_->OnHop(item.hop()), StatusIs(absl::StatusCode::kInvalidArgument));
    } else {
      ASSERT_OK(router_->OnHop(item.hop()).status());
    }
  }
  ASSERT_OK_AND_ASSIGN(view, router_->GetCase(Desk(kMinistry), "r1"));
  EXPECT_EQ(view.items_size(), 3);
  EXPECT_EQ(Item(kMinistry, "r1")->state(), v1::INBOX_STATE_ACKNOWLEDGED);
  // On time at every level: nothing is owed, nothing breached.
  clock_.Advance(absl::Hours(48));
  FireDue();
  EXPECT_THAT(Breaches(), IsEmpty());
  EXPECT_EQ(*router_->timers().PendingCount(), 0);
}

TEST_F(RouterTest, RegionOnlyItemStopsAtTheRegion) {
  ASSERT_OK(router_->OnAccepted(Report("r2", kDistrict, "2")));
  EXPECT_EQ(Pump(), 1);
  std::optional<v1::InboxItem> region = Item(kRegion, "r2");
  ASSERT_TRUE(region.has_value());
  EXPECT_TRUE(region->final());
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "r2").status());
  EXPECT_THAT(router_->Forward(Desk(kRegion), kRegion, "r2", HeadSignature(kRegionHead, kAccepted)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("nothing to forward")));
  EXPECT_FALSE(Item(kMinistry, "r2").has_value());
}

TEST_F(RouterTest, InstitutionGoesStraightToTheMinistryWithHrCopyAndRegionNotice) {
  ASSERT_OK(router_->OnAccepted(Report("r3", "0050")));
  EXPECT_EQ(Pump(), 3);
  ASSERT_TRUE(Item(kMinistry, "r3").has_value());
  EXPECT_EQ(Item(kMinistry, "r3")->hop().kind(), v1::HOP_KIND_CHAIN);
  EXPECT_TRUE(Item(kMinistry, "r3")->final());
  EXPECT_EQ(Item("0002", "r3")->hop().kind(), v1::HOP_KIND_COPY);
  EXPECT_EQ(Item("1400", "r3")->hop().kind(), v1::HOP_KIND_NOTICE);
  EXPECT_FALSE(Item(kRegion, "r3").has_value());
}

TEST_F(RouterTest, InternalTroopsClimbThroughTheirCommandAndInformTheRegionStationed) {
  ASSERT_OK(router_->OnAccepted(Report("r4", "0911")));
  EXPECT_EQ(Pump(), 2);  // to the territorial command, and the notice to 1400
  EXPECT_EQ(Item("1400", "r4")->hop().kind(), v1::HOP_KIND_NOTICE);
  ASSERT_OK(router_->Acknowledge(Desk("0910"), "0910", "r4").status());
  const auto& head_0910 = data_.org.OfficialsOf("0910");
  std::string head;
  for (const auto* o : head_0910) {
    if (o->role == org::OfficialRole::kHead) head = o->full_name;
  }
  ASSERT_FALSE(head.empty());
  ASSERT_OK(router_->Forward(Desk("0910"), "0910", "r4", HeadSignature(head, kAccepted)).status());
  EXPECT_EQ(Pump(), 1);
  ASSERT_TRUE(Item("0900", "r4").has_value());
  EXPECT_FALSE(Item("0900", "r4")->final());
  EXPECT_FALSE(Item(kMinistry, "r4").has_value());
}

TEST_F(RouterTest, OnlyALevelsOwnDeskActsOnItsInbox) {
  ASSERT_OK(router_->OnAccepted(Report("r5")));
  Pump();
  EXPECT_THAT(router_->Acknowledge(Desk(kDistrict), kRegion, "r5"),
              StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("1001")));
  EXPECT_THAT(router_->Acknowledge(Desk(kMinistry), kRegion, "r5"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(router_->Acknowledge(Desk(kRegion), kRegion, "nope"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(router_->Acknowledge(Desk(kRegion), "9999", "r5"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_code")));
  // Forwarding needs the acknowledgement first, then a head's or acting head's signature.
  EXPECT_THAT(router_->Forward(Desk(kRegion), kRegion, "r5", HeadSignature(kRegionHead, kAccepted)),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("acknowledged")));
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "r5").status());
  absl::Status unsigned_forward =
      router_->Forward(Desk(kRegion), kRegion, "r5", v1::Signature()).status();
  EXPECT_THAT(unsigned_forward, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(unsigned_forward.message()),
              ::testing::AllOf(HasSubstr("signature.officer.full_name"),
                               HasSubstr("signature.capacity"), HasSubstr("signature.signed_at")));
  EXPECT_THAT(
      router_->Forward(Desk(kRegion), kRegion, "r5", HeadSignature(kRegionDuty, kAccepted)),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("signature.officer.full_name")));
  EXPECT_EQ(Item(kRegion, "r5")->state(), v1::INBOX_STATE_ACKNOWLEDGED)
      << "refusals change nothing";
  EXPECT_EQ(Pump(), 0);

  // Views: a unit sees itself and its subtree, the Ministry sees all.
  EXPECT_THAT(router_->ListInbox(Desk(kDistrict), kRegion, true, 0),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(router_->ListInbox(Desk("1400"), kRegion, true, 0),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse inbox,
                       router_->ListInbox(Desk(kMinistry), kRegion, false, 0));
  ASSERT_EQ(inbox.entries_size(), 1);
  EXPECT_EQ(inbox.entries(0).item().item_id(), "r5");
  EXPECT_THAT(router_->GetCase(Desk("1400"), "r5"), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(router_->GetCase(Desk(kDistrict), "r5").status());
}

TEST_F(RouterTest, QuestionGoesDownAndTheSupplementAnswersItOnItsWayUp) {
  const v1::AcceptedDocument doc = Report("r6");
  Climb(doc);
  ASSERT_OK_AND_ASSIGN(
      v1::InboxItem asked,
      router_->RequestData(Desk(kMinistry, kMinistryDuty), kMinistry, "r6", "Де вилучено зброю?"));
  ASSERT_EQ(asked.data_requests_size(), 1);
  EXPECT_EQ(Pump(), 2);  // to the region and on to the district
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse district,
                       router_->ListInbox(Desk(kDistrict), kDistrict, false, 0));
  ASSERT_EQ(district.data_requests_size(), 1);
  EXPECT_EQ(district.data_requests(0).hop().question(), "Де вилучено зброю?");
  EXPECT_EQ(district.data_requests(0).hop().requested_by_unit(), kMinistry);
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse region,
                       router_->ListInbox(Desk(kRegion), kRegion, false, 0));
  EXPECT_EQ(region.data_requests_size(), 1);
  EXPECT_THAT(router_->RequestData(Desk(kMinistry), kMinistry, "r6", "  "),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question")));
  EXPECT_THAT(router_->RequestData(Desk(kMinistry), kMinistry, "r6", std::string(2001, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("question")));

  // The answer: a supplement, filed at the district, climbing the same path.
  clock_.Advance(absl::Minutes(20));
  const v1::AcceptedDocument supp = Supplement("s6", doc, clock_.Now());
  ASSERT_OK(router_->OnAccepted(supp));
  Pump();
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "s6").status());
  ASSERT_OK(router_->Forward(Desk(kRegion), kRegion, "s6", HeadSignature(kRegionHead, clock_.Now()))
                .status());
  Pump();
  EXPECT_EQ(Item(kMinistry, "r6")->data_requests(0).answered_by_document_id(), "s6");
  ASSERT_OK_AND_ASSIGN(district, router_->ListInbox(Desk(kDistrict), kDistrict, true, 0));
  ASSERT_EQ(district.data_requests_size(), 1);
  EXPECT_EQ(district.data_requests(0).answered_by_document_id(), "s6");
  // The Ministry sees the supplement chained under its original.
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse ministry,
                       router_->ListInbox(Desk(kMinistry), kMinistry, true, 0));
  ASSERT_EQ(ministry.entries_size(), 1);
  EXPECT_EQ(ministry.entries(0).item().item_id(), "r6");
  ASSERT_EQ(ministry.entries(0).supplements_size(), 1);
  EXPECT_EQ(ministry.entries(0).supplements(0).item_id(), "s6");
  EXPECT_EQ(
      ministry.entries(0).supplements(0).hop().document().supplement().original_outgoing_number(),
      doc.outgoing_number());
}

TEST_F(RouterTest, DailySummaryMarksRegionAndMinistryInformed) {
  Climb(Report("r8"));
  ASSERT_OK_AND_ASSIGN(v1::DailySummaryResponse summary,
                       router_->DailySummary(Desk(kDistrict), kDistrict, "2026-03-10"));
  ASSERT_EQ(summary.summary().rows_size(), 1);
  const v1::DailySummaryRow& row = summary.summary().rows(0);
  EXPECT_TRUE(row.region_informed().informed());
  EXPECT_EQ(row.region_informed().receiving_officer(), kRegionDuty);
  EXPECT_EQ(row.region_informed().outgoing_number(), "1001/2026/r8");
  EXPECT_TRUE(row.ministry_informed().informed());
  EXPECT_EQ(row.ministry_informed().receiving_officer(), kMinistryDuty);
  EXPECT_EQ(row.ministry_informed().outgoing_number(), "1000/2026/П1");
  EXPECT_THAT(summary.json(), HasSubstr("\"ministry_informed\""));
  EXPECT_THAT(summary.text(), HasSubstr(kMinistryDuty));
  ASSERT_OK_AND_ASSIGN(summary, router_->DailySummary(Desk(kDistrict), kDistrict, "2026-03-11"));
  EXPECT_EQ(summary.summary().rows_size(), 0);
  EXPECT_THAT(router_->DailySummary(Desk(kDistrict), kDistrict, "10.03.2026"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("day")));
  EXPECT_THAT(router_->DailySummary(Desk(kDistrict), kRegion, "2026-03-10"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RouterTest, MorningCheckComparesWhatTheRegionSentWithWhatTheMinistryHolds) {
  Climb(Report("r9"));
  ASSERT_OK(router_->OnAccepted(Report("r10")));  // still with the region
  Pump();
  ASSERT_OK(router_->OnAccepted(Report("r11")));  // forwarded, not yet delivered
  Pump();
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "r11").status());
  ASSERT_OK(router_->Forward(Desk(kRegion), kRegion, "r11", HeadSignature(kRegionHead, kAccepted))
                .status());
  hops_.clear();  // lost on the way (the outbox would re-send it)
  ASSERT_OK_AND_ASSIGN(v1::MorningCheckResponse check,
                       router_->MorningCheck(Desk(kMinistry), kRegion, "2026-03-10"));
  ASSERT_EQ(check.sent_size(), 2);
  ASSERT_EQ(check.held_by_ministry_size(), 1);
  EXPECT_EQ(check.held_by_ministry(0).document_id(), "r9");
  ASSERT_EQ(check.not_at_ministry_size(), 1);
  EXPECT_EQ(check.not_at_ministry(0).document_id(), "r11");
  ASSERT_EQ(check.being_prepared_size(), 1);
  EXPECT_EQ(check.being_prepared(0).document_id(), "r10");
  EXPECT_FALSE(check.text().empty());
  EXPECT_THAT(router_->MorningCheck(Desk(kMinistry), kDistrict, "2026-03-10"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("region_code")));
  EXPECT_THAT(router_->MorningCheck(Desk("1400"), kRegion, "2026-03-10"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(RouterTest, LiveViewShowsAUnitItsSubtreeOnly) {
  std::string region_cursor, other_cursor, ministry_cursor;
  ASSERT_OK(router_->EventsFor(kRegion, region_cursor, 100).status());
  ASSERT_OK(router_->EventsFor("1400", other_cursor, 100).status());
  ASSERT_OK(router_->EventsFor(kMinistry, ministry_cursor, 100).status());
  Climb(Report("r12"));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::RoutingEvent> region,
                       router_->EventsFor(kRegion, region_cursor, 100));
  std::vector<std::string> changes;
  for (const auto& e : region) changes.push_back(e.unit_code() + ":" + e.change());
  EXPECT_THAT(changes,
              ElementsAre("1001:filed", "1000:received", "1000:acknowledged", "1000:forwarded"));
  ASSERT_OK_AND_ASSIGN(std::vector<v1::RoutingEvent> other,
                       router_->EventsFor("1400", other_cursor, 100));
  EXPECT_THAT(other, IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<v1::RoutingEvent> ministry,
                       router_->EventsFor(kMinistry, ministry_cursor, 100));
  EXPECT_EQ(ministry.size(), 6u);
  EXPECT_THAT(router_->CheckWatch(Desk(kDistrict), kRegion),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

}  // namespace
}  // namespace opsreport::routing
