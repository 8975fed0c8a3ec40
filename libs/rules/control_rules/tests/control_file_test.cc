// A control file opens on a crime reaching the Ministry, leaves control only
// on a lawful ground, and moves between regions by a confirmed transfer.
#include "opsreport/control_rules/control_file.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::control_rules {
namespace {

using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1773144000);

v1::InboxItem AtMinistry(const std::string& item_number = "1") {
  v1::InboxItem item;
  item.set_unit_code("0001");
  v1::Hop* hop = item.mutable_hop();
  hop->set_kind(v1::HOP_KIND_CHAIN);
  hop->set_from_unit("1000");
  hop->set_to_unit("0001");
  hop->set_sender_outgoing_number("1000/2026/П7");
  v1::AcceptedDocument* doc = hop->mutable_document();
  doc->set_id("r1");
  doc->set_root_report_id("r1");
  doc->set_unit_code("1001");
  doc->set_outgoing_number("1001/2026/3");
  *doc->mutable_special_report() = fixtures::MurderReport(kNow - absl::Hours(2));
  doc->mutable_special_report()->set_catalogue_number(item_number);
  return item;
}

class ControlFileTest : public ::testing::Test {
 protected:
  v1::ControlFile Open() {
    absl::StatusOr<v1::ControlFile> f =
        OpenFile(AtMinistry(), *data_.catalogue.FindByNumber("1"), kNow);
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? *f : v1::ControlFile();
  }
  v1::Removal Closure() {
    v1::Removal r;
    r.set_ground(v1::REMOVAL_GROUND_CLOSED_NO_EVENT);
    r.set_decided_on("2026-03-12");
    r.mutable_document()->set_kind("постанова");
    r.mutable_document()->set_number("7");
    r.mutable_document()->set_date("2026-03-12");
    r.set_decided_by("прокурор");
    return r;
  }
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
};

TEST_F(ControlFileTest, CrimeReachingTheMinistryOpensAFileUnderTheRegionsNumber) {
  v1::ControlFile f = Open();
  EXPECT_EQ(f.id(), "r1");
  EXPECT_EQ(f.region(), "1000");
  EXPECT_EQ(f.outgoing_number(), "1000/2026/П7");
  EXPECT_EQ(f.origin_outgoing_number(), "1001/2026/3");
  EXPECT_EQ(f.service_line(), "criminal_police");
  EXPECT_EQ(f.state(), v1::CONTROL_STATE_OPEN);
  // Not a crime (no КК articles): no file.
  const v1::CatalogueItem* event = nullptr;
  for (const auto& item : data_.catalogue.items()) {
    if (item.cc_articles_size() == 0) event = &item;
  }
  ASSERT_NE(event, nullptr);
  EXPECT_FALSE(OpensControlFile(*event));
  EXPECT_EQ(OpenFile(AtMinistry(event->number()), *event, kNow).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(ControlFileTest, RemovedOnceOnALawfulGroundThenNeverAgain) {
  v1::ControlFile f = Open();
  v1::Removal bad = Closure();
  bad.set_ground(v1::REMOVAL_GROUND_UNSPECIFIED);
  EXPECT_EQ(Remove(f, bad, data_.catalogue).status().code(), absl::StatusCode::kInvalidArgument);
  absl::StatusOr<v1::ControlFile> removed = Remove(f, Closure(), data_.catalogue);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(removed->state(), v1::CONTROL_STATE_REMOVED);
  EXPECT_EQ(removed->removal().ground(), v1::REMOVAL_GROUND_CLOSED_NO_EVENT);
  absl::StatusOr<v1::ControlFile> again = Remove(*removed, Closure(), data_.catalogue);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(again.status().message()), HasSubstr("already removed"));
}

TEST_F(ControlFileTest, RequalificationOutsideTheCatalogueRemovesTheFileByItself) {
  v1::AcceptedDocument supp;
  supp.set_id("s1");
  supp.set_outgoing_number("1001/2026/9");
  supp.mutable_accepted_at()->set_seconds(absl::ToUnixSeconds(kNow));
  *supp.mutable_supplement() = fixtures::ErdrSupplement("1001/2026/3", "2026-03-10", 3, kNow);
  EXPECT_FALSE(AutomaticRemoval(supp, data_.catalogue).has_value()) << "no requalification";
  supp.mutable_supplement()->set_requalification(true);
  supp.mutable_supplement()->mutable_new_coding_line()->set_cc_article("121");
  EXPECT_FALSE(AutomaticRemoval(supp, data_.catalogue).has_value()) << "still a catalogue crime";
  supp.mutable_supplement()->mutable_new_coding_line()->set_cc_article("125");
  std::optional<v1::Removal> r = AutomaticRemoval(supp, data_.catalogue);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->ground(), v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  EXPECT_TRUE(r->automatic());
  EXPECT_EQ(r->new_cc_article(), "125");
  EXPECT_EQ(r->document().number(), "1001/2026/9");
  absl::StatusOr<v1::ControlFile> removed = Remove(Open(), *r, data_.catalogue);
  ASSERT_TRUE(removed.ok()) << removed.status();
}

TEST_F(ControlFileTest, TransferMovesTheFileOnlyOnceTheReceivingRegionConfirms) {
  v1::ControlFile f = Open();
  EXPECT_EQ(StartTransfer(f, data_.org, "1400", "x", "2600", "1000/2026/П7", kNow).status().code(),
            absl::StatusCode::kPermissionDenied);
  absl::StatusOr<v1::ControlFile> bad =
      StartTransfer(f, data_.org, "1000", "x", "1001", "1000/2026/П8", kNow);
  ASSERT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("to_region"));
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("control_outgoing_number"));

  absl::StatusOr<v1::ControlFile> sent =
      StartTransfer(f, data_.org, "1000", "Олійник", "1400", "1000/2026/П7", kNow);
  ASSERT_TRUE(sent.ok()) << sent.status();
  EXPECT_EQ(sent->state(), v1::CONTROL_STATE_IN_TRANSFER);
  EXPECT_EQ(sent->region(), "1000") << "still the sender's until confirmed";
  EXPECT_EQ(Remove(*sent, Closure(), data_.catalogue).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ConfirmTransfer(*sent, "2600", "x", kNow).status().code(),
            absl::StatusCode::kPermissionDenied);

  // Overdue strictly after the allowed time, never confirmed.
  const absl::Duration allowed = absl::Hours(72);
  EXPECT_FALSE(TransferOverdue(*sent, allowed, kNow + allowed));
  EXPECT_TRUE(TransferOverdue(*sent, allowed, kNow + allowed + absl::Seconds(1)));
  EXPECT_EQ(TransferDue(*sent, allowed), kNow + allowed);

  absl::StatusOr<v1::ControlFile> taken =
      ConfirmTransfer(*sent, "1400", "Черговий 1400", kNow + absl::Hours(5));
  ASSERT_TRUE(taken.ok()) << taken.status();
  EXPECT_EQ(taken->region(), "1400");
  EXPECT_EQ(taken->state(), v1::CONTROL_STATE_OPEN);
  EXPECT_EQ(taken->transfers(0).confirmed_by(), "Черговий 1400");
  EXPECT_FALSE(TransferOverdue(*taken, allowed, kNow + absl::Hours(1000)));
  EXPECT_EQ(ConfirmTransfer(*taken, "1400", "x", kNow).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace opsreport::control_rules
