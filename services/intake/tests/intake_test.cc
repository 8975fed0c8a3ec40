#include "intake.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "memory_report_store.h"
#include "opsreport/base/violations.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/telegram/telegram.h"

namespace opsreport::intake {
namespace {

using ::testing::HasSubstr;

class IntakeTest : public ::testing::Test {
 protected:
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  absl::Time received_ = absl::FromUnixSeconds(1773144000);  // 2026-03-10 14:00 Kyiv
  base::FakeClock clock_{received_ + absl::Hours(1)};
  report_rules::ReportValidator validator_{&data_.catalogue, &data_.rules, &data_.org, &clock_};
  MemoryReportStore store_;
  std::vector<v1::AcceptedDocument> handed_over_;
  Intake intake_{&validator_,
                 &data_.org,
                 &store_,
                 &clock_,
                 [this](v1::AcceptedDocument d) { handed_over_.push_back(std::move(d)); },
                 absl::Seconds(30)};
  auth::Principal duty_{"1001", fixtures::kDistrictDutyOfficer, auth::Role::kDutyOfficer,
                        absl::InfiniteFuture()};

  v1::SubmitSpecialReportRequest Request(const std::string& key) {
    v1::SubmitSpecialReportRequest r;
    r.set_idempotency_key(key);
    *r.mutable_report() = fixtures::MurderReport(received_);
    return r;
  }
};

TEST_F(IntakeTest, AcceptsAndNumbersPerUnitPerYear) {
  auto first = intake_.SubmitSpecialReport(duty_, Request("k1"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->registration_number(), 1);
  EXPECT_EQ(first->outgoing_number(), "1001/2026/1");
  EXPECT_FALSE(first->duplicate());
  auto second = intake_.SubmitSpecialReport(duty_, Request("k2"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->outgoing_number(), "1001/2026/2");
  // Handed to the relay with numbers; the outbox entries wait, leased, for confirmation.
  ASSERT_EQ(handed_over_.size(), 2u);
  EXPECT_EQ(handed_over_[1].outgoing_number(), "1001/2026/2");
  EXPECT_EQ(handed_over_[1].special_report().registration_number(), 2);
  EXPECT_EQ(*store_.OutboxSize(), 2);
  EXPECT_TRUE(store_.ClaimDue(clock_.Now(), absl::Seconds(30), 10)->empty());
  EXPECT_EQ(store_.ClaimDue(clock_.Now() + absl::Seconds(30), absl::Seconds(30), 10)->size(), 2u);

  // The numbering restarts with the Kyiv year: 31 Dec 23:30 UTC is already 1 Jan in Kyiv.
  clock_.Set(absl::FromCivil(absl::CivilSecond(2026, 12, 31, 23, 30, 0), absl::UTCTimeZone()));
  auto next_year = intake_.SubmitSpecialReport(duty_, Request("k3"));
  ASSERT_TRUE(next_year.ok()) << next_year.status();
  EXPECT_EQ(next_year->outgoing_number(), "1001/2027/1");
}

TEST_F(IntakeTest, RetryWithSameKeyReturnsSameNumbersAndStoresNothing) {
  auto first = intake_.SubmitSpecialReport(duty_, Request("same"));
  auto retry = intake_.SubmitSpecialReport(duty_, Request("same"));
  ASSERT_TRUE(retry.ok());
  EXPECT_TRUE(retry->duplicate());
  EXPECT_EQ(retry->report_id(), first->report_id());
  EXPECT_EQ(retry->outgoing_number(), first->outgoing_number());
  EXPECT_EQ(store_.DocumentCount(), 1u);
  EXPECT_EQ(handed_over_.size(), 1u) << "a retry is not published again";

  v1::SubmitSpecialReportRequest changed = Request("same");
  changed.mutable_report()->set_telegram_number("other");
  EXPECT_EQ(intake_.SubmitSpecialReport(duty_, changed).status().code(),
            absl::StatusCode::kAlreadyExists);
}

TEST_F(IntakeTest, RejectionListsEveryViolationAndStoresNothing) {
  v1::SubmitSpecialReportRequest r = Request("");
  r.mutable_report()->mutable_coding_line()->set_event_type_code("");
  r.mutable_report()->clear_measures();
  absl::Status s = intake_.SubmitSpecialReport(duty_, r).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  std::vector<std::string> fields;
  for (const auto& v : base::ViolationsFromStatus(s)) fields.push_back(v.field);
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("report.coding_line.event_type_code",
                                                      "report.measures", "idempotency_key"));
  EXPECT_EQ(store_.DocumentCount(), 0u);
  EXPECT_EQ(*store_.OutboxSize(), 0);
}

TEST_F(IntakeTest, FilesForOwnUnitOnlyAndOnlyFromDutyRoles) {
  auth::Principal other = duty_;
  other.unit_code = "1002";
  EXPECT_EQ(intake_.SubmitSpecialReport(other, Request("k")).status().code(),
            absl::StatusCode::kPermissionDenied);
  auth::Principal analyst = duty_;
  analyst.role = auth::Role::kHqAnalyst;
  EXPECT_EQ(intake_.SubmitSpecialReport(analyst, Request("k")).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(store_.DocumentCount(), 0u);
}

TEST_F(IntakeTest, SupplementLinksToOriginalAndUnknownOriginalIsRejected) {
  auto original = intake_.SubmitSpecialReport(duty_, Request("orig"));
  ASSERT_TRUE(original.ok());
  v1::SubmitSupplementRequest sup;
  sup.set_idempotency_key("sup");
  *sup.mutable_supplement() = fixtures::ErdrSupplement(
      original->outgoing_number(), "2026-03-10", original->registration_number(), clock_.Now());
  auto accepted = intake_.SubmitSupplement(duty_, sup);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  EXPECT_EQ(accepted->outgoing_number(), "1001/2026/2");

  v1::GetReportRequest get;
  get.set_outgoing_number(original->outgoing_number());
  auto found = intake_.GetReport(duty_, get);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->supplement_ids_size(), 1);
  EXPECT_EQ(found->supplement_ids(0), accepted->report_id());

  sup.set_idempotency_key("sup2");
  sup.mutable_supplement()->set_original_outgoing_number("1001/2026/99");
  absl::Status s = intake_.SubmitSupplement(duty_, sup).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("supplement.original_outgoing_number: no accepted report"));
}

TEST_F(IntakeTest, ReadsAreScopedToTheCallersSubtree) {
  auto original = intake_.SubmitSpecialReport(duty_, Request("orig"));
  v1::GetReportRequest get;
  get.set_report_id(original->report_id());
  auth::Principal region{"1000", "Руденко Олена Вікторівна", auth::Role::kDutyOfficer,
                         absl::InfiniteFuture()};
  auth::Principal ministry{"0001", "Коваленко Андрій Васильович", auth::Role::kDutyOfficer,
                           absl::InfiniteFuture()};
  auth::Principal neighbour{"1002", "x", auth::Role::kDutyOfficer, absl::InfiniteFuture()};
  EXPECT_TRUE(intake_.GetReport(region, get).ok());
  EXPECT_TRUE(intake_.GetReport(ministry, get).ok());
  EXPECT_EQ(intake_.GetReport(neighbour, get).status().code(), absl::StatusCode::kPermissionDenied);
  get.set_report_id("nope");
  EXPECT_EQ(intake_.GetReport(duty_, get).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(IntakeTest, LegacyTelegramBecomesTheSameReport) {
  v1::SpecialReport report = fixtures::MurderReport(received_);
  v1::SubmitTelegramRequest tlg;
  tlg.set_idempotency_key("tlg");
  tlg.set_text(telegram::RenderSpecialReport(report));
  auto accepted = intake_.SubmitTelegram(duty_, tlg);
  ASSERT_TRUE(accepted.ok()) << accepted.status();
  v1::GetReportRequest get;
  get.set_report_id(accepted->report_id());
  auto stored = intake_.GetReport(duty_, get);
  ASSERT_TRUE(stored.ok());
  report.set_registration_number(accepted->registration_number());
  report.set_outgoing_number(accepted->outgoing_number());
  EXPECT_EQ(stored->document().special_report().SerializeAsString(), report.SerializeAsString());

  tlg.set_text("це не телеграма");
  EXPECT_EQ(intake_.SubmitTelegram(duty_, tlg).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::intake
