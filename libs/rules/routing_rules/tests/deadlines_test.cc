#include "opsreport/routing_rules/deadlines.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "test_util.h"

namespace opsreport::routing_rules {
namespace {

using testing::Accepted;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kAccepted;
using testing::kReceived;

constexpr absl::Duration kSecond = absl::Seconds(1);

class DeadlinesTest : public ::testing::Test {
 protected:
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  DeadlinePolicy policy_;  // defaults: receipt 2m, acknowledgement 10m, 1h, 1h, 10 days

  const v1::CatalogueItem& Item(const std::string& number) {
    const v1::CatalogueItem* item = data_.catalogue.FindByNumber(number);
    EXPECT_NE(item, nullptr) << number;
    return *item;
  }
  Route Plan(const std::string& number, const std::string& origin) {
    absl::StatusOr<Route> r = PlanRoute(data_.org, Item(number), origin, {});
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : Route{};
  }
  std::vector<Deadline> For(const std::string& number, const v1::AcceptedDocument& doc) {
    absl::StatusOr<std::vector<Deadline>> d =
        DeadlinesFor(Plan(number, doc.unit_code()), Item(number), doc, policy_);
    EXPECT_TRUE(d.ok()) << d.status();
    return d.ok() ? *d : std::vector<Deadline>{};
  }
  std::vector<Deadline> OfKind(const std::vector<Deadline>& all, const std::string& kind) {
    std::vector<Deadline> out;
    for (const Deadline& d : all) {
      if (d.kind == kind) out.push_back(d);
    }
    return out;
  }
  std::vector<std::string> Fields(const absl::Status& s) {
    std::vector<std::string> out;
    for (const auto& v : base::ViolationsFromStatus(s)) out.push_back(v.field);
    return out;
  }
  // The boundary every deadline rule shares: on time up to and including
  // `due`, a breach of `unit` one second after, met or not.
  void ExpectBoundary(const Deadline& d, const std::string& unit) {
    SCOPED_TRACE(d.kind);
    EXPECT_EQ(Evaluate(d, d.due - kSecond, d.due + absl::Hours(5)), std::nullopt);
    EXPECT_EQ(Evaluate(d, d.due, d.due + absl::Hours(5)), std::nullopt);
    std::optional<Breach> late = Evaluate(d, d.due + kSecond, d.due + kSecond);
    ASSERT_TRUE(late.has_value());
    EXPECT_EQ(late->unit, unit);
    EXPECT_EQ(late->met_at, d.due + kSecond);
    EXPECT_EQ(late->late_by, kSecond);
    EXPECT_EQ(late->deadline, d);

    EXPECT_EQ(Evaluate(d, std::nullopt, d.due - kSecond), std::nullopt);
    EXPECT_EQ(Evaluate(d, std::nullopt, d.due), std::nullopt);
    std::optional<Breach> unmet = Evaluate(d, std::nullopt, d.due + kSecond);
    ASSERT_TRUE(unmet.has_value());
    EXPECT_EQ(unmet->unit, unit);
    EXPECT_EQ(unmet->met_at, std::nullopt);
    EXPECT_EQ(unmet->late_by, kSecond);
  }
};

TEST_F(DeadlinesTest, FirstReportGetsCatalogueDeadlineAndFirstHop) {
  std::vector<Deadline> d = For("1", Accepted(fixtures::MurderReport(kReceived)));
  // Item 1: 2h from the first receipt at the district unit (002 §1.2).
  EXPECT_THAT(
      d, ElementsAre(
             Deadline{kCatalogueDeadline, "1001", kReceived + absl::Hours(2), 0, "002 §1.2"},
             Deadline{kHopReceipt, "1000", kAccepted + absl::Minutes(2), 1, "hop policy: receipt"},
             Deadline{kHopAcknowledgement, "1000", kAccepted + absl::Minutes(10), 1,
                      "hop policy: acknowledgement"}));
}

TEST_F(DeadlinesTest, CatalogueDeadlineBoundary) {
  std::vector<Deadline> d = For("1", Accepted(fixtures::MurderReport(kReceived)));
  std::vector<Deadline> catalogue = OfKind(d, kCatalogueDeadline);
  ASSERT_EQ(catalogue.size(), 1u);
  ExpectBoundary(catalogue[0], "1001");
}

TEST_F(DeadlinesTest, RegionOnlyItemUsesItsOwnDeadline) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_catalogue_number("2");  // 24h, region only
  std::vector<Deadline> d = For("2", Accepted(r));
  std::vector<Deadline> catalogue = OfKind(d, kCatalogueDeadline);
  ASSERT_EQ(catalogue.size(), 1u);
  EXPECT_EQ(catalogue[0].due, kReceived + absl::Hours(24));
  ExpectBoundary(catalogue[0], "1001");
  EXPECT_EQ(OfKind(d, kHopReceipt).size(), 1u);
}

TEST_F(DeadlinesTest, RegionFilingRegionOnlyItemHasNoHops) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_catalogue_number("2");
  r.set_unit_code("1400");
  std::vector<Deadline> d = For("2", Accepted(r));
  EXPECT_THAT(d, ElementsAre(Deadline{kCatalogueDeadline, "1400", kReceived + absl::Hours(24), 0,
                                      "002 §1.2"}));
}

TEST_F(DeadlinesTest, HopDeadlinesRunFromTheSendingAndFallOnTheReceiver) {
  const absl::Time sent = kAccepted + absl::Minutes(7);
  HopPolicy policy{absl::Minutes(3), absl::Minutes(20)};
  std::vector<Deadline> d = HopDeadlines(Hop{2, "1000", "0001"}, sent, policy);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].kind, kHopReceipt);
  EXPECT_EQ(d[0].due, sent + absl::Minutes(3));
  EXPECT_EQ(d[0].hop_seq, 2);
  EXPECT_EQ(d[1].kind, kHopAcknowledgement);
  EXPECT_EQ(d[1].due, sent + absl::Minutes(20));
  ExpectBoundary(d[0], "0001");
  ExpectBoundary(d[1], "0001");
}

TEST_F(DeadlinesTest, OneHourRuleRunsFromTheErdrEntry) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  const absl::Time entered = kReceived + absl::Hours(72);
  *r.mutable_erdr()->mutable_entered_at() = fixtures::ToProto(entered);
  std::vector<Deadline> d = For("1", Accepted(r, entered + absl::Minutes(20)));
  // The catalogue deadline belongs to the first report, long past.
  EXPECT_THAT(OfKind(d, kCatalogueDeadline), IsEmpty());
  std::vector<Deadline> one_hour = OfKind(d, kOneHour);
  ASSERT_EQ(one_hour.size(), 1u);
  EXPECT_EQ(one_hour[0].due, entered + absl::Hours(1));
  EXPECT_EQ(one_hour[0].section, "002 §2.6");
  ExpectBoundary(one_hour[0], "1001");
}

TEST_F(DeadlinesTest, OneHourRuleForProceedingsFromTheProsecutorRunsFromTheirReceipt) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_FROM_PROSECUTOR);
  // The prosecutor entered it a week before it reached the unit.
  *r.mutable_erdr()->mutable_entered_at() = fixtures::ToProto(kReceived - absl::Hours(24 * 7));
  std::vector<Deadline> one_hour = OfKind(For("1", Accepted(r)), kOneHour);
  ASSERT_EQ(one_hour.size(), 1u);
  EXPECT_EQ(one_hour[0].due, kReceived + absl::Hours(1));
  EXPECT_EQ(one_hour[0].section, "002 §2.7");
  ExpectBoundary(one_hour[0], "1001");
}

TEST_F(DeadlinesTest, OneHourRuleWithoutErdrEntryIsRejected) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_CLOSED);
  r.clear_erdr();
  absl::StatusOr<std::vector<Deadline>> d =
      DeadlinesFor(Plan("1", "1001"), Item("1"), Accepted(r), policy_);
  ASSERT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(d.status()), ElementsAre("special_report.erdr.entered_at"));
  EXPECT_THAT(d.status().message(), HasSubstr("ONE_HOUR_TRIGGER_CLOSED"));
}

TEST_F(DeadlinesTest, RequalificationSupplementWithinAnHourOfTheErdrEntry) {
  const absl::Time signed_at = kReceived + absl::Hours(30);
  v1::Supplement s = fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 17, signed_at);
  s.set_requalification(true);
  const absl::Time entered = signed_at - absl::Minutes(25);
  *s.mutable_erdr()->mutable_entered_at() = fixtures::ToProto(entered);
  std::vector<Deadline> d = For("1", Accepted(s, signed_at + absl::Minutes(2)));
  std::vector<Deadline> one_hour = OfKind(d, kOneHour);
  ASSERT_EQ(one_hour.size(), 1u);
  EXPECT_EQ(one_hour[0].due, entered + absl::Hours(1));
  ExpectBoundary(one_hour[0], "1001");
  EXPECT_THAT(OfKind(d, kCatalogueDeadline), IsEmpty());
  EXPECT_EQ(OfKind(d, kHopReceipt).size(), 1u);
}

TEST_F(DeadlinesTest, OrdinarySupplementHasOnlyItsFirstHop) {
  const absl::Time signed_at = kReceived + absl::Hours(30);
  v1::Supplement s = fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 17, signed_at);
  const absl::Time accepted = signed_at + absl::Minutes(2);
  std::vector<Deadline> d = For("1", Accepted(s, accepted));
  EXPECT_THAT(d, ElementsAre(Deadline{kHopReceipt, "1000", accepted + absl::Minutes(2), 1,
                                      "hop policy: receipt"},
                             Deadline{kHopAcknowledgement, "1000", accepted + absl::Minutes(10), 1,
                                      "hop policy: acknowledgement"}));
}

TEST_F(DeadlinesTest, TriggeredSupplementWithinAnHourOfItsErdrEntry) {
  const absl::Time signed_at = kReceived + absl::Hours(48);
  v1::Supplement s = fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 17, signed_at);
  s.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  const absl::Time entered = signed_at - absl::Minutes(40);
  *s.mutable_erdr()->mutable_entered_at() = fixtures::ToProto(entered);
  std::vector<Deadline> one_hour =
      OfKind(For("1", Accepted(s, signed_at + absl::Minutes(1))), kOneHour);
  ASSERT_EQ(one_hour.size(), 1u);
  EXPECT_EQ(one_hour[0].due, entered + absl::Hours(1));
  ExpectBoundary(one_hour[0], "1001");
}

TEST_F(DeadlinesTest, OngoingSupplementDueAgainWithinAnHourUntilMarkedOver) {
  const absl::Time signed_at = kReceived + absl::Hours(2);
  v1::Supplement s = fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 17, signed_at);
  s.set_ongoing(true);
  const absl::Time accepted = signed_at + absl::Minutes(1);
  std::vector<Deadline> update = OfKind(For("1", Accepted(s, accepted)), kOngoingUpdate);
  ASSERT_EQ(update.size(), 1u);
  EXPECT_EQ(update[0].due, accepted + absl::Hours(1));
  ExpectBoundary(update[0], "1001");
  s.set_ongoing(false);  // the event is over: no further update is due
  EXPECT_THAT(OfKind(For("1", Accepted(s, accepted)), kOngoingUpdate), IsEmpty());
}

TEST_F(DeadlinesTest, RequalificationSupplementWithoutErdrEntryIsRejected) {
  v1::Supplement s =
      fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 17, kReceived + absl::Hours(30));
  s.set_requalification(true);
  s.clear_erdr();
  absl::StatusOr<std::vector<Deadline>> d =
      DeadlinesFor(Plan("1", "1001"), Item("1"), Accepted(s, kAccepted + absl::Hours(30)), policy_);
  EXPECT_THAT(Fields(d.status()), ElementsAre("supplement.erdr.entered_at"));
}

TEST_F(DeadlinesTest, FireSupplementWithinTenDaysOfTheEvent) {
  v1::SpecialReport r = fixtures::FireReport(kReceived);
  std::vector<Deadline> fire = OfKind(For("10", Accepted(r)), kFireSupplement);
  ASSERT_EQ(fire.size(), 1u);
  // Occurred 3h before receipt; 10 days later at the same Kyiv wall time.
  const absl::Time occurred = kReceived - absl::Hours(3);
  EXPECT_EQ(fire[0].due, occurred + absl::Hours(24 * 10));
  EXPECT_EQ(fire[0].section, "002 §8.3");
  ExpectBoundary(fire[0], "1001");
}

TEST_F(DeadlinesTest, FireSupplementFromReceiptWhenEventTimeNotEstablished) {
  v1::SpecialReport r = fixtures::FireReport(kReceived);
  r.mutable_content()->set_occurred_at_not_established(true);
  std::vector<Deadline> fire = OfKind(For("10", Accepted(r)), kFireSupplement);
  ASSERT_EQ(fire.size(), 1u);
  EXPECT_EQ(fire[0].due, kReceived + absl::Hours(24 * 10));
  ExpectBoundary(fire[0], "1001");

  r.mutable_content()->clear_occurred_at();
  r.mutable_content()->set_occurred_at_not_established(false);
  fire = OfKind(For("10", Accepted(r)), kFireSupplement);
  ASSERT_EQ(fire.size(), 1u);
  EXPECT_EQ(fire[0].due, kReceived + absl::Hours(24 * 10));
}

TEST_F(DeadlinesTest, FireSupplementKeepsKyivWallTimeAcrossSummerTime) {
  // 2026-03-25 12:00 Kyiv (EET); Kyiv moves to EEST on 2026-03-29, so ten
  // days later at 12:00 Kyiv is 239 elapsed hours.
  const absl::Time received = absl::FromUnixSeconds(1774432800);
  v1::SpecialReport r = fixtures::FireReport(received);
  r.mutable_content()->set_occurred_at_not_established(true);
  std::vector<Deadline> fire =
      OfKind(For("10", Accepted(r, received + absl::Hours(1))), kFireSupplement);
  ASSERT_EQ(fire.size(), 1u);
  EXPECT_EQ(fire[0].due, received + absl::Hours(239));
  ExpectBoundary(fire[0], "1001");
}

TEST_F(DeadlinesTest, NoFireSupplementForOtherItems) {
  EXPECT_THAT(OfKind(For("1", Accepted(fixtures::MurderReport(kReceived))), kFireSupplement),
              IsEmpty());
}

TEST_F(DeadlinesTest, OngoingEventNeedsAnUpdateEveryHour) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.set_ongoing(true);
  std::vector<Deadline> ongoing = OfKind(For("1", Accepted(r)), kOngoingUpdate);
  ASSERT_EQ(ongoing.size(), 1u);
  EXPECT_EQ(ongoing[0].due, kAccepted + absl::Hours(1));
  EXPECT_EQ(ongoing[0].section, "002 §2.2");
  ExpectBoundary(ongoing[0], "1001");

  // The next one runs from the update actually made, not from the old due.
  const absl::Time update = kAccepted + absl::Minutes(50);
  Deadline next = NextOngoingUpdate("1001", update, policy_);
  EXPECT_EQ(next, (Deadline{kOngoingUpdate, "1001", update + absl::Hours(1), 0, "002 §2.2"}));
  ExpectBoundary(next, "1001");

  r.set_ongoing(false);
  EXPECT_THAT(OfKind(For("1", Accepted(r)), kOngoingUpdate), IsEmpty());
}

TEST_F(DeadlinesTest, CrimeFiledBeforeItsErdrEntryNeedsTheErdrSupplement) {
  v1::SpecialReport r = fixtures::MurderReport(kReceived);
  r.clear_erdr();
  r.set_erdr_not_established(true);
  std::vector<Deadline> erdr = OfKind(For("1", Accepted(r)), kErdrSupplement);
  ASSERT_EQ(erdr.size(), 1u);
  EXPECT_EQ(erdr[0].due, kAccepted + absl::Hours(24));
  EXPECT_EQ(erdr[0].section, "002 §9.3-9.4");
  ExpectBoundary(erdr[0], "1001");

  // Entered already: nothing is owed.
  EXPECT_THAT(OfKind(For("1", Accepted(fixtures::MurderReport(kReceived))), kErdrSupplement),
              IsEmpty());
}

TEST_F(DeadlinesTest, ConfiguredPolicyIsUsed) {
  policy_.hop = {absl::Seconds(30), absl::Minutes(1)};
  policy_.one_hour = absl::Minutes(45);
  policy_.fire_supplement_days = 5;
  v1::SpecialReport r = fixtures::FireReport(kReceived);
  r.set_one_hour_trigger(v1::ONE_HOUR_TRIGGER_TRANSFERRED);
  std::vector<Deadline> d = For("10", Accepted(r));
  EXPECT_EQ(OfKind(d, kHopReceipt)[0].due, kAccepted + absl::Seconds(30));
  EXPECT_EQ(OfKind(d, kHopAcknowledgement)[0].due, kAccepted + absl::Minutes(1));
  EXPECT_EQ(OfKind(d, kOneHour)[0].due, kReceived + absl::Minutes(30) + absl::Minutes(45));
  EXPECT_EQ(OfKind(d, kFireSupplement)[0].due, kReceived - absl::Hours(3) + absl::Hours(24 * 5));
}

TEST_F(DeadlinesTest, BadPolicyNamesEveryField) {
  DeadlinePolicy bad;
  bad.hop = {absl::ZeroDuration(), -absl::Minutes(1)};
  bad.one_hour = absl::ZeroDuration();
  bad.ongoing_update_interval = -absl::Hours(1);
  bad.fire_supplement_days = 0;
  absl::Status s = ValidatePolicy(bad);
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(s),
              ElementsAre("policy.hop.receipt", "policy.hop.acknowledgement",
                          "policy.hop.acknowledgement", "policy.one_hour",
                          "policy.ongoing_update_interval", "policy.fire_supplement_days"));
  EXPECT_TRUE(ValidatePolicy(DeadlinePolicy{}).ok());

  DeadlinePolicy short_ack;
  short_ack.hop = {absl::Minutes(10), absl::Minutes(5)};
  EXPECT_THAT(ValidatePolicy(short_ack).message(), HasSubstr("must not be shorter"));
}

TEST_F(DeadlinesTest, MismatchedInputsAreAllNamed) {
  v1::AcceptedDocument doc = Accepted(fixtures::MurderReport(kReceived));
  doc.set_unit_code("1002");
  doc.clear_accepted_at();
  doc.mutable_special_report()->clear_statement_received_at();
  DeadlinePolicy bad;
  bad.one_hour = absl::ZeroDuration();
  absl::StatusOr<std::vector<Deadline>> d = DeadlinesFor(Plan("1", "1001"), Item("2"), doc, bad);
  ASSERT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Fields(d.status()),
              ElementsAre("policy.one_hour", "document.unit_code", "document.accepted_at", "item",
                          "special_report.statement_received_at"));
  EXPECT_THAT(d.status().message(), HasSubstr("unit 1002 is not the route's origin 1001"));

  v1::AcceptedDocument empty;
  empty.set_unit_code("1001");
  *empty.mutable_accepted_at() = fixtures::ToProto(kAccepted);
  d = DeadlinesFor(Plan("1", "1001"), Item("1"), empty, policy_);
  EXPECT_THAT(Fields(d.status()), ElementsAre("document"));
}

}  // namespace
}  // namespace opsreport::routing_rules
