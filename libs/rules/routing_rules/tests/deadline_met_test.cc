// What meets each deadline, at its boundary: met exactly at `due` is on
// time, one second later is a breach naming the level that caused it, and
// an unmet deadline is a breach only once `now` is past `due`.
#include "opsreport/routing_rules/deadline_met.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "test_util.h"

namespace opsreport::routing_rules {
namespace {

using testing::Accepted;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::kAccepted;
using testing::kReceived;

constexpr absl::Duration kSecond = absl::Seconds(1);
constexpr char kDistrict[] = "1001";
constexpr char kRegion[] = "1000";
constexpr char kMinistry[] = "0001";

// A murder (item 1, 2h) filed at the district: 1001 > 1000 > 0001.
class DeadlineMetTest : public ::testing::Test {
 protected:
  DeadlineMetTest() {
    facts_.route = *PlanRoute(data_.org, Item(), kDistrict, {});
    facts_.document = Accepted(fixtures::MurderReport(kReceived));
  }

  const v1::CatalogueItem& Item() { return *data_.catalogue.FindByNumber("1"); }

  // The chain item of hop `seq` as it landed at its receiver.
  v1::InboxItem Landed(int seq, absl::Time sent) const {
    const Hop& hop = facts_.route.chain[static_cast<size_t>(seq - 1)];
    v1::InboxItem item;
    item.set_item_id(facts_.document.id());
    item.set_unit_code(hop.to_unit);
    item.mutable_hop()->set_kind(v1::HOP_KIND_CHAIN);
    item.mutable_hop()->set_seq(seq);
    item.mutable_hop()->set_from_unit(hop.from_unit);
    item.mutable_hop()->set_to_unit(hop.to_unit);
    *item.mutable_hop()->mutable_sent_at() = fixtures::ToProto(sent);
    *item.mutable_hop()->mutable_document() = facts_.document;
    item.set_state(v1::INBOX_STATE_RECEIVED);
    *item.mutable_received_at() = fixtures::ToProto(sent);
    item.set_final(hop.to_unit == facts_.route.final_unit);
    return item;
  }
  static v1::InboxItem Acknowledged(v1::InboxItem item, absl::Time at) {
    item.set_state(v1::INBOX_STATE_ACKNOWLEDGED);
    *item.mutable_auto_reply()->mutable_received_at() = fixtures::ToProto(at);
    return item;
  }
  static v1::InboxItem Forwarded(v1::InboxItem item, absl::Time at) {
    item.set_state(v1::INBOX_STATE_FORWARDED);
    *item.mutable_forwarded_at() = fixtures::ToProto(at);
    return item;
  }
  v1::AcceptedDocument Supplement(absl::Time accepted, bool with_entry, bool ongoing = false) {
    v1::Supplement s = fixtures::ErdrSupplement("1001/2026/17", "2026-03-10", 1, accepted);
    if (!with_entry) s.mutable_erdr()->Clear();
    s.set_ongoing(ongoing);
    return Accepted(s, accepted);
  }
  std::optional<Breach> Judge(const Deadline& d, absl::Time now) const {
    return JudgeDeadline(d, facts_, policy_, now);
  }

  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  DeadlinePolicy policy_;
  CaseFacts facts_;
};

Deadline HopReceipt(absl::Time sent) {
  return {kHopReceipt, kRegion, sent + absl::Minutes(2), 1, "hop policy: receipt"};
}
Deadline HopAcknowledgement(const std::string& unit, int seq, absl::Time sent) {
  return {kHopAcknowledgement, unit, sent + absl::Minutes(10), seq, "hop policy: acknowledgement"};
}

// --- which records each deadline needs, and how it is watched ---

TEST_F(DeadlineMetTest, LevelsDecidingAreTheReceiverOrTheWholeChain) {
  EXPECT_THAT(LevelsDeciding(HopReceipt(kAccepted), facts_.route), ElementsAre(kRegion));
  EXPECT_THAT(LevelsDeciding(HopAcknowledgement(kMinistry, 2, kAccepted), facts_.route),
              ElementsAre(kMinistry));
  const Deadline catalogue{kCatalogueDeadline, kDistrict, kReceived + absl::Hours(2), 0, ""};
  EXPECT_THAT(LevelsDeciding(catalogue, facts_.route), ElementsAre(kRegion, kMinistry));
  for (const char* kind : {kOneHour, kFireSupplement, kErdrSupplement, kOngoingUpdate, "other"}) {
    EXPECT_THAT(LevelsDeciding({kind, kDistrict, kAccepted, 0, ""}, facts_.route), IsEmpty())
        << kind;
  }
}

TEST_F(DeadlineMetTest, OnlyTheOneHourRuleIsJudgedAtFilingAndUpdatesRunAsASeries) {
  EXPECT_EQ(WatchOf({kOneHour, kDistrict, kAccepted, 0, ""}), Watch::kAtFiling);
  EXPECT_EQ(WatchOf({kOngoingUpdate, kDistrict, kAccepted, 0, ""}), Watch::kSeries);
  for (const char* kind :
       {kCatalogueDeadline, kHopReceipt, kHopAcknowledgement, kFireSupplement, kErdrSupplement}) {
    EXPECT_EQ(WatchOf({kind, kDistrict, kAccepted, 0, ""}), Watch::kTimer) << kind;
  }
}

// --- hop receipt: the receiving level's acknowledgement ---

TEST_F(DeadlineMetTest, HopReceiptIsMetByTheAcknowledgementUpToItsDue) {
  const Deadline d = HopReceipt(kAccepted);
  const absl::Time later = d.due + absl::Hours(1);
  facts_.items = {Acknowledged(Landed(1, kAccepted), d.due - kSecond)};
  EXPECT_EQ(Judge(d, later), std::nullopt);
  facts_.items = {Acknowledged(Landed(1, kAccepted), d.due)};
  EXPECT_EQ(Judge(d, later), std::nullopt);
  facts_.items = {Acknowledged(Landed(1, kAccepted), d.due + kSecond)};
  std::optional<Breach> late = Judge(d, later);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->unit, kRegion);
  EXPECT_EQ(late->met_at, d.due + kSecond);
  EXPECT_EQ(late->late_by, kSecond);
}

TEST_F(DeadlineMetTest, HopThatOnlyLandedIsNotReceivedByAnyone) {
  const Deadline d = HopReceipt(kAccepted);
  v1::InboxItem landed = Landed(1, kAccepted);
  // Even an auto-reply time on an item still in the RECEIVED state counts for nothing.
  *landed.mutable_auto_reply()->mutable_received_at() = fixtures::ToProto(kAccepted);
  facts_.items = {landed};
  EXPECT_EQ(Judge(d, d.due), std::nullopt) << "not late yet";
  std::optional<Breach> unmet = Judge(d, d.due + kSecond);
  ASSERT_TRUE(unmet.has_value());
  EXPECT_EQ(unmet->unit, kRegion);
  EXPECT_EQ(unmet->met_at, std::nullopt);
  EXPECT_EQ(unmet->late_by, kSecond);
}

TEST_F(DeadlineMetTest, HopNeverDeliveredIsTheReceiversOncePastDue) {
  const Deadline d = HopReceipt(kAccepted);
  EXPECT_EQ(Judge(d, d.due - kSecond), std::nullopt);
  EXPECT_EQ(Judge(d, d.due), std::nullopt);
  std::optional<Breach> unmet = Judge(d, d.due + kSecond);
  ASSERT_TRUE(unmet.has_value());
  EXPECT_EQ(unmet->unit, kRegion);
  EXPECT_EQ(unmet->met_at, std::nullopt);
}

TEST_F(DeadlineMetTest, ItemsOfOtherLevelsDoNotMeetAHopDeadline) {
  const Deadline d = HopReceipt(kAccepted);
  v1::InboxItem elsewhere = Acknowledged(Landed(1, kAccepted), kAccepted);
  elsewhere.set_unit_code(kMinistry);
  facts_.items = {elsewhere};
  EXPECT_TRUE(Judge(d, d.due + kSecond).has_value());
}

// --- hop acknowledgement: forwarded below the final level, acknowledged at it ---

TEST_F(DeadlineMetTest, BelowTheFinalLevelOnlyTheForwardMeetsTheAcknowledgement) {
  const Deadline d = HopAcknowledgement(kRegion, 1, kAccepted);
  const v1::InboxItem acked = Acknowledged(Landed(1, kAccepted), kAccepted + absl::Minutes(1));
  facts_.items = {acked};
  std::optional<Breach> held = Judge(d, d.due + kSecond);
  ASSERT_TRUE(held.has_value()) << "acknowledged but never forwarded";
  EXPECT_EQ(held->unit, kRegion);
  EXPECT_EQ(held->met_at, std::nullopt);

  facts_.items = {Forwarded(acked, d.due - kSecond)};
  EXPECT_EQ(Judge(d, d.due + absl::Hours(1)), std::nullopt);
  facts_.items = {Forwarded(acked, d.due)};
  EXPECT_EQ(Judge(d, d.due + absl::Hours(1)), std::nullopt);
  facts_.items = {Forwarded(acked, d.due + kSecond)};
  std::optional<Breach> late = Judge(d, d.due + absl::Hours(1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->met_at, d.due + kSecond);
  EXPECT_EQ(late->late_by, kSecond);
}

TEST_F(DeadlineMetTest, AtTheFinalLevelTheAcknowledgementMeetsIt) {
  const absl::Time sent = kAccepted + absl::Minutes(5);
  const Deadline d = HopAcknowledgement(kMinistry, 2, sent);
  facts_.items = {Acknowledged(Landed(2, sent), d.due)};
  EXPECT_EQ(Judge(d, d.due + absl::Hours(1)), std::nullopt);
  facts_.items = {Acknowledged(Landed(2, sent), d.due + kSecond)};
  std::optional<Breach> late = Judge(d, d.due + absl::Hours(1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->unit, kMinistry);
  EXPECT_EQ(late->met_at, d.due + kSecond);
}

// --- catalogue deadline: the final level's acknowledgement (002 §1.2) ---

class CatalogueMetTest : public DeadlineMetTest {
 protected:
  const Deadline d_{kCatalogueDeadline, kDistrict, kReceived + absl::Hours(2), 0, "002 §1.2"};
  const absl::Time forwarded_ = kAccepted + absl::Minutes(5);

  // The region acknowledged and forwarded; the Ministry acknowledged at `at`.
  void MinistryAcknowledgedAt(absl::Time at) {
    facts_.items = {
        Forwarded(Acknowledged(Landed(1, kAccepted), kAccepted + absl::Minutes(1)), forwarded_),
        Acknowledged(Landed(2, forwarded_), at)};
  }
};

TEST_F(CatalogueMetTest, FinalLevelAcknowledgingAtTheDueIsOnTime) {
  MinistryAcknowledgedAt(d_.due - kSecond);
  EXPECT_EQ(Judge(d_, d_.due + absl::Hours(1)), std::nullopt);
  MinistryAcknowledgedAt(d_.due);
  EXPECT_EQ(Judge(d_, d_.due + absl::Hours(1)), std::nullopt);
}

TEST_F(CatalogueMetTest, FinalLevelAcknowledgingASecondLateIsTheFinalLevels) {
  MinistryAcknowledgedAt(d_.due + kSecond);
  std::optional<Breach> late = Judge(d_, d_.due + absl::Hours(1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->unit, kMinistry);
  EXPECT_EQ(late->met_at, d_.due + kSecond);
  EXPECT_EQ(late->late_by, kSecond);
}

TEST_F(CatalogueMetTest, ALevelThatNeverForwardedIsNamed) {
  facts_.items = {Acknowledged(Landed(1, kAccepted), kAccepted + absl::Minutes(1))};
  EXPECT_EQ(Judge(d_, d_.due), std::nullopt);
  std::optional<Breach> stuck = Judge(d_, d_.due + kSecond);
  ASSERT_TRUE(stuck.has_value());
  EXPECT_EQ(stuck->unit, kRegion) << "the region never forwarded it";
  EXPECT_EQ(stuck->met_at, std::nullopt);
}

TEST_F(CatalogueMetTest, ALevelThatNeverAcknowledgedIsNamed) {
  facts_.items = {Landed(1, kAccepted)};
  std::optional<Breach> b = Judge(d_, d_.due + kSecond);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, kRegion);
  facts_.items = {
      Forwarded(Acknowledged(Landed(1, kAccepted), kAccepted + absl::Minutes(1)), forwarded_),
      Landed(2, forwarded_)};
  b = Judge(d_, d_.due + kSecond);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, kMinistry) << "it landed at the Ministry, which never acknowledged it";
}

TEST_F(CatalogueMetTest, ARegionForwardingLateIsTheRegionsEvenIfTheMinistryWasQuick) {
  facts_.items = {Forwarded(Acknowledged(Landed(1, kAccepted), kAccepted), d_.due + kSecond),
                  Acknowledged(Landed(2, d_.due + kSecond), d_.due + 2 * kSecond)};
  std::optional<Breach> b = Judge(d_, d_.due + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, kRegion);
  EXPECT_EQ(b->met_at, d_.due + 2 * kSecond);
}

TEST_F(CatalogueMetTest, AnOriginFilingPastTheDueIsTheOrigins) {
  facts_.document = Accepted(fixtures::MurderReport(kReceived), d_.due + kSecond);
  std::optional<Breach> b = Judge(d_, d_.due + absl::Hours(1));
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->unit, kDistrict);
}

// --- one hour (002 §2.6-2.7): the filing itself ---

TEST_F(DeadlineMetTest, OneHourIsMetByTheFilingUpToItsDue) {
  const Deadline d{kOneHour, kDistrict, kAccepted, 0, "002 §2.6"};
  facts_.document = Accepted(fixtures::MurderReport(kReceived), d.due - kSecond);
  EXPECT_EQ(Judge(d, d.due - kSecond), std::nullopt);
  facts_.document = Accepted(fixtures::MurderReport(kReceived), d.due);
  EXPECT_EQ(Judge(d, d.due), std::nullopt);
  facts_.document = Accepted(fixtures::MurderReport(kReceived), d.due + kSecond);
  std::optional<Breach> late = Judge(d, d.due + kSecond);
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->unit, kDistrict);
  EXPECT_EQ(late->met_at, d.due + kSecond);
  EXPECT_EQ(late->late_by, kSecond);
}

// --- supplements: the fire's (002 §8.3) and the ЄРДР's (002 §9.3-9.4) ---

TEST_F(DeadlineMetTest, FireSupplementIsMetByTheFirstSupplementWhateverItCarries) {
  const Deadline d{kFireSupplement, kDistrict, kAccepted + absl::Hours(240), 0, "002 §8.3"};
  EXPECT_EQ(Judge(d, d.due), std::nullopt);
  std::optional<Breach> unmet = Judge(d, d.due + kSecond);
  ASSERT_TRUE(unmet.has_value());
  EXPECT_EQ(unmet->met_at, std::nullopt);

  facts_.supplements = {Supplement(d.due, /*with_entry=*/false)};
  EXPECT_EQ(Judge(d, d.due + absl::Hours(1)), std::nullopt);
  facts_.supplements = {Supplement(d.due + kSecond, false),
                        Supplement(d.due + absl::Hours(1), true)};
  std::optional<Breach> late = Judge(d, d.due + absl::Hours(2));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->unit, kDistrict);
  EXPECT_EQ(late->met_at, d.due + kSecond) << "the first supplement counts";
}

TEST_F(DeadlineMetTest, ErdrSupplementIsMetOnlyByOneCarryingTheEntry) {
  const Deadline d{kErdrSupplement, kDistrict, kAccepted + absl::Hours(24), 0, "002 §9.3-9.4"};
  facts_.supplements = {Supplement(d.due - absl::Hours(1), /*with_entry=*/false)};
  std::optional<Breach> without = Judge(d, d.due + kSecond);
  ASSERT_TRUE(without.has_value()) << "a supplement without the entry does not meet it";
  EXPECT_EQ(without->met_at, std::nullopt);

  facts_.supplements.push_back(Supplement(d.due, /*with_entry=*/true));
  EXPECT_EQ(Judge(d, d.due + absl::Hours(1)), std::nullopt);
  facts_.supplements.back() = Supplement(d.due + kSecond, true);
  std::optional<Breach> late = Judge(d, d.due + absl::Hours(1));
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->met_at, d.due + kSecond);
  EXPECT_EQ(late->late_by, kSecond);
}

TEST_F(DeadlineMetTest, UnknownKindIsNeverABreach) {
  EXPECT_EQ(Judge({"other", kDistrict, kAccepted, 0, ""}, kAccepted + absl::Hours(100)),
            std::nullopt);
}

// --- the hourly updates of an ongoing event (002 §2.2) ---

class OngoingMetTest : public DeadlineMetTest {
 protected:
  const Deadline update_ = NextOngoingUpdate(kDistrict, kAccepted, policy_);  // due kAccepted+1h
  OngoingVerdict Verdict(absl::Time now) {
    return JudgeOngoingUpdate(update_, facts_, policy_, now);
  }
};

TEST_F(OngoingMetTest, AnUpdateAtTheHourIsOnTimeAndTheNextHourRunsFromIt) {
  facts_.supplements = {Supplement(update_.due, false, /*ongoing=*/true)};
  OngoingVerdict v = Verdict(update_.due + absl::Hours(1));
  EXPECT_EQ(v.breach, std::nullopt);
  EXPECT_EQ(v.next, NextOngoingUpdate(kDistrict, update_.due, policy_));
  EXPECT_EQ(JudgeDeadline(update_, facts_, policy_, update_.due + absl::Hours(1)), v.breach);
}

TEST_F(OngoingMetTest, AnUpdateASecondLateIsABreachAndStillRestartsTheHour) {
  facts_.supplements = {Supplement(update_.due + kSecond, false, true)};
  OngoingVerdict v = Verdict(update_.due + absl::Hours(1));
  ASSERT_TRUE(v.breach.has_value());
  EXPECT_EQ(v.breach->unit, kDistrict);
  EXPECT_EQ(v.breach->met_at, update_.due + kSecond);
  EXPECT_EQ(v.next, NextOngoingUpdate(kDistrict, update_.due + kSecond, policy_));
}

TEST_F(OngoingMetTest, NoUpdateIsABreachOncePastTheHourAndTheSeriesRunsFromTheDue) {
  EXPECT_EQ(Verdict(update_.due).breach, std::nullopt);
  OngoingVerdict v = Verdict(update_.due + kSecond);
  ASSERT_TRUE(v.breach.has_value());
  EXPECT_EQ(v.breach->met_at, std::nullopt);
  EXPECT_EQ(v.breach->late_by, kSecond);
  EXPECT_EQ(v.next, NextOngoingUpdate(kDistrict, update_.due, policy_));
}

TEST_F(OngoingMetTest, TheUpdateMadeAtThePreviousDueDoesNotCountAgain) {
  const absl::Time previous = update_.due - policy_.ongoing_update_interval;
  facts_.supplements = {Supplement(previous, false, true)};
  EXPECT_TRUE(Verdict(update_.due + kSecond).breach.has_value());
  facts_.supplements.push_back(Supplement(previous + kSecond, false, true));
  OngoingVerdict v = Verdict(update_.due + kSecond);
  EXPECT_EQ(v.breach, std::nullopt);
  EXPECT_EQ(v.next, NextOngoingUpdate(kDistrict, previous + kSecond, policy_));
}

TEST_F(OngoingMetTest, TheLatestUpdateSayingItIsOverEndsTheSeries) {
  facts_.supplements = {Supplement(update_.due - absl::Minutes(30), false, /*ongoing=*/true),
                        Supplement(update_.due - absl::Minutes(10), false, /*ongoing=*/false)};
  OngoingVerdict v = Verdict(update_.due + kSecond);
  EXPECT_EQ(v.breach, std::nullopt);
  EXPECT_EQ(v.next, std::nullopt);
  // Over, but said too late: the missed hour is still a breach.
  facts_.supplements = {Supplement(update_.due + kSecond, false, false)};
  v = Verdict(update_.due + kSecond);
  ASSERT_TRUE(v.breach.has_value());
  EXPECT_EQ(v.next, std::nullopt);
}

// --- a desk's act meeting deadlines on time ---

class MetOnTimeTest : public DeadlineMetTest {
 protected:
  absl::StatusOr<std::vector<Deadline>> Met(DeskAct act, const v1::InboxItem& item, absl::Time at) {
    return MetOnTimeBy(act, item, at, policy_, [&]() -> absl::StatusOr<v1::CatalogueItem> {
      ++lookups_;
      if (!catalogue_error_.ok()) return catalogue_error_;
      return Item();
    });
  }
  static std::vector<std::string> Kinds(const std::vector<Deadline>& met) {
    std::vector<std::string> out;
    for (const Deadline& d : met) out.push_back(d.kind);
    return out;
  }
  int lookups_ = 0;
  absl::Status catalogue_error_;
};

TEST_F(MetOnTimeTest, AcknowledgingMeetsTheReceiptUpToItsDue) {
  const v1::InboxItem region = Landed(1, kAccepted);
  const absl::Time due = kAccepted + policy_.hop.receipt;
  absl::StatusOr<std::vector<Deadline>> met = Met(DeskAct::kAcknowledge, region, due);
  ASSERT_TRUE(met.ok()) << met.status();
  EXPECT_THAT(*met, ElementsAre(HopReceipt(kAccepted)));
  met = Met(DeskAct::kAcknowledge, region, due + kSecond);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(*met, IsEmpty()) << "late: the timer fires and records when it was met";
  EXPECT_EQ(lookups_, 0) << "below the final level the catalogue item is not needed";
}

TEST_F(MetOnTimeTest, ForwardingMeetsTheAcknowledgementUpToItsDue) {
  const v1::InboxItem region = Acknowledged(Landed(1, kAccepted), kAccepted);
  const absl::Time due = kAccepted + policy_.hop.acknowledgement;
  absl::StatusOr<std::vector<Deadline>> met = Met(DeskAct::kForward, region, due);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(*met, ElementsAre(HopAcknowledgement(kRegion, 1, kAccepted)));
  met = Met(DeskAct::kForward, region, due + kSecond);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(*met, IsEmpty());
  met = Met(DeskAct::kForward, region, kAccepted + kSecond);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(Kinds(*met), ElementsAre(kHopAcknowledgement)) << "the receipt was the ack's";
}

TEST_F(MetOnTimeTest, TheFinalLevelsAcknowledgementMeetsItsHopAndTheCatalogueDeadline) {
  const v1::InboxItem ministry = Landed(2, kAccepted);
  const absl::Time catalogue_due = kReceived + absl::Hours(2);
  absl::StatusOr<std::vector<Deadline>> met =
      Met(DeskAct::kAcknowledge, ministry, kAccepted + policy_.hop.receipt);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(Kinds(*met), ElementsAre(kHopReceipt, kHopAcknowledgement, kCatalogueDeadline));
  EXPECT_EQ(met->back(), (Deadline{kCatalogueDeadline, kDistrict, catalogue_due, 0, "002 §1.2"}));

  met = Met(DeskAct::kAcknowledge, ministry, kAccepted + policy_.hop.acknowledgement);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(Kinds(*met), ElementsAre(kHopAcknowledgement, kCatalogueDeadline));
  met = Met(DeskAct::kAcknowledge, ministry, catalogue_due);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(Kinds(*met), ElementsAre(kCatalogueDeadline));
  met = Met(DeskAct::kAcknowledge, ministry, catalogue_due + kSecond);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(*met, IsEmpty());
}

TEST_F(MetOnTimeTest, TheCatalogueItemsErrorIsReturned) {
  catalogue_error_ = absl::InvalidArgumentError("unknown catalogue item");
  EXPECT_EQ(Met(DeskAct::kAcknowledge, Landed(2, kAccepted), kAccepted).status(), catalogue_error_);
  EXPECT_TRUE(Met(DeskAct::kForward, Landed(2, kAccepted), kAccepted).ok())
      << "a forward never meets the catalogue deadline";
}

TEST_F(MetOnTimeTest, AReportUnderTheOneHourRuleHasNoCatalogueDeadlineToMeet) {
  facts_.document.mutable_special_report()->set_one_hour_trigger(
      v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED);
  absl::StatusOr<std::vector<Deadline>> met =
      Met(DeskAct::kAcknowledge, Landed(2, kAccepted), kAccepted);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(Kinds(*met), ElementsAre(kHopReceipt, kHopAcknowledgement));
}

TEST_F(MetOnTimeTest, CopiesAndNoticesCarryNoDeadlines) {
  v1::InboxItem copy = Landed(1, kAccepted);
  copy.mutable_hop()->set_kind(v1::HOP_KIND_COPY);
  copy.set_final(true);
  absl::StatusOr<std::vector<Deadline>> met = Met(DeskAct::kAcknowledge, copy, kAccepted);
  ASSERT_TRUE(met.ok());
  EXPECT_THAT(*met, IsEmpty());
  EXPECT_EQ(lookups_, 0);
}

}  // namespace
}  // namespace opsreport::routing_rules
