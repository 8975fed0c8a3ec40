// Each deadline rule at its boundary, through the Router and its durable
// timers: met exactly at the due time is on time, one second later is a
// breach naming the level that caused it, raised once.
#include "opsreport/routing_rules/deadlines.h"

#include "gmock/gmock.h"
#include "router_test.h"

namespace opsreport::routing {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;

class DeadlinesTest : public RouterTest {
 protected:
  std::vector<v1::Breach> Of(const std::string& doc, const std::string& kind) {
    std::vector<v1::Breach> out;
    for (auto& b : Breaches()) {
      if (b.document_id() == doc && b.kind() == kind) out.push_back(b);
    }
    return out;
  }
  absl::Time Due(const std::string& id) {
    absl::StatusOr<std::optional<timers::Timer>> t = router_->timers().Get(id);
    EXPECT_OK(t);
    EXPECT_TRUE(t.ok() && t->has_value()) << id;
    return t.ok() && t->has_value() ? (*t)->due : absl::InfinitePast();
  }
};

TEST_F(DeadlinesTest, HopReceiptAtItsDueIsOnTimeOneSecondLaterIsTheReceiversBreach) {
  ASSERT_OK(router_->OnAccepted(Report("on")));
  ASSERT_OK(router_->OnAccepted(Report("late")));
  ASSERT_OK(router_->OnAccepted(Report("never")));
  Pump();
  const absl::Time due = kAccepted + absl::Minutes(2);
  EXPECT_EQ(Due(DeadlineId("on", routing_rules::kHopReceipt, 1)), due);
  clock_.Set(due);
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "on").status());
  clock_.Set(due + absl::Seconds(1));
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "late").status());
  FireDue();
  EXPECT_THAT(Of("on", routing_rules::kHopReceipt), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kHopReceipt);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_EQ(late[0].unit_responsible(), kRegion);
  EXPECT_EQ(late[0].late_by_seconds(), 1);
  EXPECT_EQ(ToTime(late[0].met_at()), due + absl::Seconds(1));
  std::vector<v1::Breach> never = Of("never", routing_rules::kHopReceipt);
  ASSERT_THAT(never, SizeIs(1));
  EXPECT_FALSE(never[0].has_met_at());
  EXPECT_EQ(never[0].section(), "hop policy: receipt");

  // The timer firing again (a poller that crashed before its ack) raises nothing new.
  const size_t published = published_.size();
  v1::DeadlineRecord record;
  record.set_id(DeadlineId("never", routing_rules::kHopReceipt, 1));
  record.set_document_id("never");
  record.set_root_report_id("never");
  record.set_kind(routing_rules::kHopReceipt);
  record.set_unit_responsible(kRegion);
  *record.mutable_due() = ToProto(due);
  record.set_hop_seq(1);
  ASSERT_OK(router_->OnTimer({record.id(), due, record.SerializeAsString()}));
  EXPECT_THAT(Of("never", routing_rules::kHopReceipt), SizeIs(1));
  EXPECT_EQ(published_.size(), published);

  // The breach shows on the region's and the Ministry's views, not the district's or another
  // region's.
  auto count = [&](const std::string& unit) {
    absl::StatusOr<v1::ListBreachesResponse> r = router_->ListBreaches(Desk(unit), unit, 100);
    EXPECT_OK(r);
    return r.ok() ? r->breaches_size() : -1;
  };
  EXPECT_GT(count(kRegion), 0);
  EXPECT_EQ(count(kRegion), count(kMinistry));
  EXPECT_EQ(count(kDistrict), 0);
  EXPECT_EQ(count("1400"), 0);
}

TEST_F(DeadlinesTest, ForwardingIsDueWithinTheAcknowledgementTime) {
  ASSERT_OK(router_->OnAccepted(Report("on")));
  ASSERT_OK(router_->OnAccepted(Report("late")));
  Pump();
  const absl::Time due = kAccepted + absl::Minutes(10);
  clock_.Set(kAccepted + absl::Minutes(1));
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "on").status());
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "late").status());
  clock_.Set(due);
  ASSERT_OK(
      router_->Forward(Desk(kRegion), kRegion, "on", HeadSignature(kRegionHead, due)).status());
  clock_.Set(due + absl::Seconds(1));
  ASSERT_OK(
      router_->Forward(Desk(kRegion), kRegion, "late", HeadSignature(kRegionHead, due)).status());
  FireDue();
  EXPECT_THAT(Of("on", routing_rules::kHopAcknowledgement), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kHopAcknowledgement);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_EQ(late[0].unit_responsible(), kRegion);
}

TEST_F(DeadlinesTest, CatalogueDeadlineRunsFromFirstReceiptToTheMinistrysReceipt) {
  // Item 1: two hours from the statement's receipt at the district (002 §1.2).
  const absl::Time due = kReceived + absl::Hours(2);
  for (const std::string id : {"on", "late"}) {
    ASSERT_OK(router_->OnAccepted(Report(id)));
    Pump();
    ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, id).status());
    ASSERT_OK(router_->Forward(Desk(kRegion), kRegion, id, HeadSignature(kRegionHead, kAccepted))
                  .status());
    Pump();
  }
  EXPECT_EQ(Due(DeadlineId("on", routing_rules::kCatalogueDeadline, 0)), due);
  clock_.Set(due);
  ASSERT_OK(router_->Acknowledge(Desk(kMinistry), kMinistry, "on").status());
  clock_.Set(due + absl::Seconds(1));
  ASSERT_OK(router_->Acknowledge(Desk(kMinistry), kMinistry, "late").status());
  FireDue();
  EXPECT_THAT(Of("on", routing_rules::kCatalogueDeadline), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kCatalogueDeadline);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_EQ(late[0].unit_responsible(), kMinistry);
  EXPECT_EQ(late[0].section(), "002 §1.2");
}

TEST_F(DeadlinesTest, CatalogueBreachNamesTheLevelHoldingTheReport) {
  ASSERT_OK(router_->OnAccepted(Report("stuck")));
  Pump();
  ASSERT_OK(router_->Acknowledge(Desk(kRegion), kRegion, "stuck").status());
  clock_.Set(kReceived + absl::Hours(2) + absl::Seconds(1));
  FireDue();
  std::vector<v1::Breach> b = Of("stuck", routing_rules::kCatalogueDeadline);
  ASSERT_THAT(b, SizeIs(1));
  EXPECT_EQ(b[0].unit_responsible(), kRegion) << "the region never forwarded it";
}

TEST_F(DeadlinesTest, OneHourRuleIsJudgedAtFiling) {
  auto with_entry = [](const std::string& id, absl::Duration before_filing) {
    v1::AcceptedDocument doc = Report(id);
    auto* r = doc.mutable_special_report();
    r->set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
    *r->mutable_erdr()->mutable_entered_at() = ToProto(kAccepted - before_filing);
    return doc;
  };
  ASSERT_OK(router_->OnAccepted(with_entry("on", absl::Hours(1))));
  ASSERT_OK(router_->OnAccepted(with_entry("late", absl::Hours(1) + absl::Seconds(1))));
  EXPECT_THAT(Of("on", routing_rules::kOneHour), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kOneHour);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_EQ(late[0].unit_responsible(), kDistrict);
  EXPECT_EQ(late[0].section(), "002 §2.6");
}

TEST_F(DeadlinesTest, FireSupplementIsDueTenDaysAfterTheFire) {
  auto fire = [](const std::string& id) {
    v1::AcceptedDocument doc = Report(id, kDistrict, "10");
    *doc.mutable_special_report() = fixtures::FireReport(kReceived);
    return doc;
  };
  ASSERT_OK(router_->OnAccepted(fire("on")));
  ASSERT_OK(router_->OnAccepted(fire("late")));
  const absl::Time due = Due(DeadlineId("on", routing_rules::kFireSupplement, 0));
  EXPECT_GT(due, kAccepted + absl::Hours(24 * 9));
  clock_.Set(due);
  ASSERT_OK(router_->OnAccepted(Supplement("s-on", fire("on"), due)));
  clock_.Set(due + absl::Seconds(1));
  ASSERT_OK(router_->OnAccepted(Supplement("s-late", fire("late"), clock_.Now())));
  FireDue();
  EXPECT_THAT(Of("on", routing_rules::kFireSupplement), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kFireSupplement);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_EQ(late[0].section(), "002 §8.3");
  EXPECT_EQ(late[0].unit_responsible(), kDistrict);
}

TEST_F(DeadlinesTest, CrimeFiledBeforeItsErdrEntryIsFlaggedWithoutTheErdrSupplement) {
  auto pending = [](const std::string& id) {
    v1::AcceptedDocument doc = Report(id);
    doc.mutable_special_report()->clear_erdr();
    doc.mutable_special_report()->set_erdr_not_established(true);
    return doc;
  };
  ASSERT_OK(router_->OnAccepted(pending("on")));
  ASSERT_OK(router_->OnAccepted(pending("late")));
  const absl::Time due = kAccepted + absl::Hours(24);
  EXPECT_EQ(Due(DeadlineId("on", routing_rules::kErdrSupplement, 0)), due);
  clock_.Set(due);
  ASSERT_OK(router_->OnAccepted(Supplement("s-on", pending("on"), due)));
  clock_.Set(due + absl::Seconds(1));
  FireDue();
  EXPECT_THAT(Of("on", routing_rules::kErdrSupplement), IsEmpty());
  std::vector<v1::Breach> late = Of("late", routing_rules::kErdrSupplement);
  ASSERT_THAT(late, SizeIs(1));
  EXPECT_FALSE(late[0].has_met_at());
}

TEST_F(DeadlinesTest, OngoingEventNeedsAnUpdateEveryHourUntilMarkedOver) {
  v1::AcceptedDocument doc = Report("r");
  doc.mutable_special_report()->set_ongoing(true);
  ASSERT_OK(router_->OnAccepted(doc));
  const absl::Time first = kAccepted + absl::Hours(1);
  // Update exactly at the hour: on time; the next hour runs from it.
  clock_.Set(first);
  v1::AcceptedDocument update = Supplement("u1", doc, first);
  update.mutable_supplement()->set_ongoing(true);
  ASSERT_OK(router_->OnAccepted(update));
  FireDue();
  EXPECT_THAT(Of("r", routing_rules::kOngoingUpdate), IsEmpty());
  // No update in the next hour: a breach one second after, once.
  clock_.Set(first + absl::Hours(1) + absl::Seconds(1));
  FireDue();
  FireDue();
  std::vector<v1::Breach> missed = Of("r", routing_rules::kOngoingUpdate);
  ASSERT_THAT(missed, SizeIs(1));
  EXPECT_EQ(ToTime(missed[0].due()), first + absl::Hours(1));
  EXPECT_EQ(missed[0].unit_responsible(), kDistrict);
  // Marked over within the following hour: the series ends.
  clock_.Set(first + absl::Hours(1) + absl::Minutes(30));
  v1::AcceptedDocument over = Supplement("u2", doc, clock_.Now());
  over.mutable_supplement()->set_ongoing(false);
  ASSERT_OK(router_->OnAccepted(over));
  clock_.Set(first + absl::Hours(5));
  FireDue();
  EXPECT_THAT(Of("r", routing_rules::kOngoingUpdate), SizeIs(1));
  ASSERT_OK_AND_ASSIGN(std::optional<CaseRecord> kase, router_->store().LoadCase("r"));
  ASSERT_TRUE(kase.has_value());
  EXPECT_TRUE(kase->series.empty());
}

}  // namespace
}  // namespace opsreport::routing
