// Daily reconciliation (002 §3.7) over a real redis-server with a fake clock.
#include "test_env.h"

namespace opsreport::reconciliation_service::testing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const absl::Time kDay = Kyiv(2026, 3, 9, 0);

class DailyTest : public ServiceTest {
 protected:
  void Plant() {
    Put({Entry(1, kDay + absl::Hours(10), "1001", "115", "1", "1"),
         Entry(2, kDay + absl::Hours(11), "1002", "187", "2", "6"),
         Entry(3, kDay + absl::Hours(12), "1001", "115", "1", "1"),
         Entry(6, kDay + absl::Hours(10), "1401", "115", "1", "1"),
         Entry(7, kDay - absl::Hours(14), "1001", "115", "1", "1")});
    Accept(Report("r1", kDay + absl::Hours(9), "1001", 1, "115", "1", "1"));
    Accept(Report("r3", kDay + absl::Hours(11), "1001", 3, "115", "2", "1"));
    Accept(Report("r4", kDay + absl::Hours(8), "1003", 0, "115", "1", "1"));
  }
};

TEST_F(DailyTest, FindsEveryKindForTheUnitsSubtreeAndDayExactly) {
  Plant();
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09"));
  EXPECT_EQ(run.state(), v1::RUN_STATE_DONE) << run.error();
  EXPECT_EQ(run.id(), "daily:1000:2026-03-09");
  EXPECT_THAT(Found(run.id()),
              ElementsAre("REPORT_WITHOUT_ENTRY 1003 /r4", "UNREPORTED_CRIME 1002 " + Pn(2) + "/",
                          "QUALIFICATION_MISMATCH 1001 " + Pn(3) + "/r3 PART"));
  EXPECT_EQ(run.discrepancies(), 3);
  EXPECT_EQ(run.requests(), 3);
  // Each discrepancy is a request to the unit concerned, for that day's summary.
  EXPECT_THAT(RequestIds(), ElementsAre("info:1003:no_entry:r4", "info:1002:unreported:" + Pn(2),
                                        "info:1001:mismatch:r3"));
  for (const outbox::Message& m : published_) {
    v1::ReconciliationRequest r;
    ASSERT_TRUE(r.ParseFromString(m.payload));
    EXPECT_EQ(r.summary_day(), "2026-03-09");
    EXPECT_EQ(r.requested_by_unit(), "1000");
    EXPECT_EQ(m.key, r.unit_code());
    EXPECT_EQ(m.topic, "opsreport.reconciliation.requests");
    EXPECT_THAT(r.question(), HasSubstr("002 §3.7"));
  }
  v1::ReconciliationRequest unreported;
  ASSERT_TRUE(unreported.ParseFromString(published_[1].payload));
  EXPECT_EQ(unreported.plot(), "Фабула провадження 2");
  ASSERT_OK_AND_ASSIGN(int64_t pending, service_->request_outbox().Size());
  EXPECT_EQ(pending, 3);
}

TEST_F(DailyTest, ADistrictUnitsRunSeesOnlyItsOwnRecords) {
  Plant();
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1001", "2026-03-09"));
  EXPECT_THAT(Found(run.id()), ElementsAre("QUALIFICATION_MISMATCH 1001 " + Pn(3) + "/r3 PART"));
}

TEST_F(DailyTest, ReRunGivesTheSameResultAndSendsNoRequestTwice) {
  Plant();
  ASSERT_OK_AND_ASSIGN(v1::Run first, RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09"));
  std::vector<std::string> found = Found(first.id());
  // Asking again without rerun returns the finished run.
  ASSERT_OK_AND_ASSIGN(v1::Run same, RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09"));
  EXPECT_EQ(same.generation(), 1);
  ASSERT_OK_AND_ASSIGN(v1::Run again,
                       RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09", /*rerun=*/true));
  EXPECT_EQ(again.generation(), 2);
  EXPECT_EQ(again.state(), v1::RUN_STATE_DONE);
  EXPECT_EQ(Found(again.id()), found);
  EXPECT_EQ(again.requests(), 0);
  EXPECT_EQ(published_.size(), 3u);
}

TEST_F(DailyTest, RoutingsReceiptClearsTheRequestFromTheOutbox) {
  Plant();
  ASSERT_OK(RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09").status());
  v1::ReconciliationRequestReceipt receipt;
  receipt.set_request_id("info:1003:no_entry:r4");
  receipt.set_unit_code("1003");
  ASSERT_OK(service_->OnRecord(
      {"opsreport.reconciliation.receipts", 0, 0, "1003", receipt.SerializeAsString()}));
  ASSERT_OK_AND_ASSIGN(int64_t pending, service_->request_outbox().Size());
  EXPECT_EQ(pending, 2);
  // Unconfirmed ones fall due again after their lease and are re-sent.
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::string> due,
      service_->request_outbox().ClaimDue(clock_.Now() + absl::Minutes(1), absl::Seconds(30), 10));
  EXPECT_EQ(due.size(), 2u);
}

// A request routing refused is not sent again, and its run says why.
TEST_F(DailyTest, ARefusedRequestLeavesTheOutboxAndShowsOnItsRun) {
  Plant();
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09"));
  v1::ReconciliationRequestReceipt receipt;
  receipt.set_request_id("info:1002:unreported:" + Pn(2));
  receipt.set_unit_code("1002");
  receipt.set_rejected("reconciliation request: unit_code: unknown unit '1002'");
  ASSERT_OK(service_->OnRecord(
      {"opsreport.reconciliation.receipts", 0, 0, "1002", receipt.SerializeAsString()}));
  ASSERT_OK(service_->OnRecord(  // said twice (a re-send was refused again)
      {"opsreport.reconciliation.receipts", 0, 1, "1002", receipt.SerializeAsString()}));
  ASSERT_OK_AND_ASSIGN(int64_t pending, service_->request_outbox().Size());
  EXPECT_EQ(pending, 2);
  ASSERT_OK_AND_ASSIGN(v1::Run shown, service_->GetRun(As("1000"), run.id()));
  ASSERT_EQ(shown.rejected_requests_size(), 1);
  EXPECT_EQ(shown.rejected_requests().at("info:1002:unreported:" + Pn(2)),
            "reconciliation request: unit_code: unknown unit '1002'");
  // A refusal of something that is not ours changes nothing.
  receipt.set_request_id("info:9999:elsewhere");
  ASSERT_OK(service_->OnRecord(
      {"opsreport.reconciliation.receipts", 0, 2, "9999", receipt.SerializeAsString()}));
  ASSERT_OK_AND_ASSIGN(shown, service_->GetRun(As("1000"), run.id()));
  EXPECT_EQ(shown.rejected_requests_size(), 1);
}

TEST_F(DailyTest, AReportWithinItsGraceIsNotYetWithoutEntry) {
  Plant();
  clock_.Set(kDay + absl::Hours(8) + absl::Hours(48));  // exactly the grace: not yet
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1003", "2026-03-09"));
  EXPECT_THAT(Found(run.id()), IsEmpty());
  // Two days on, the run for the day before still looks back at it.
  clock_.Set(kDay + absl::Hours(8) + absl::Hours(48) + absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(v1::Run later, RunJob(v1::JOB_KIND_DAILY, "1003", "2026-03-11"));
  EXPECT_THAT(Found(later.id()), ElementsAre("REPORT_WITHOUT_ENTRY 1003 /r4"));
}

TEST_F(DailyTest, ASupplementWithErdrDataGivesTheReportItsEntry) {
  Plant();
  Put({Entry(8, kDay + absl::Hours(9), "1003", "115", "1", "1")});
  v1::AcceptedDocument s;
  s.set_id("s4");
  s.set_root_report_id("r4");
  s.set_unit_code("1003");
  *s.mutable_accepted_at() = base::ToProto(kDay + absl::Hours(13));
  s.mutable_supplement()->mutable_erdr()->set_proceedings_number(Pn(8));
  s.mutable_supplement()->mutable_erdr()->set_cc_article("115");
  s.mutable_supplement()->mutable_erdr()->set_article_part("1");
  Accept(s);
  Accept(s);  // redelivered: applied once
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1003", "2026-03-09"));
  EXPECT_THAT(Found(run.id()), IsEmpty());
  ASSERT_OK_AND_ASSIGN(redis::Reply v, client_->Command({"HGET", keys::Report("r4"), "v"}));
  EXPECT_EQ(v.str, "2");
}

TEST_F(DailyTest, CallersSeeOnlyTheirOwnSubtreeAndBadRequestsNameEveryField) {
  Plant();
  v1::RunRequest r;
  r.set_kind(v1::JOB_KIND_DAILY);
  r.set_unit_code("1000");
  r.set_period("2026-03-09");
  EXPECT_THAT(service_->StartRun(As("1001"), r), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(service_->StartRun(As("1400"), r), StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::Run run, service_->StartRun(As("0001"), r));
  EXPECT_THAT(service_->GetRun(As("1400"), run.id()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  v1::RunRequest bad;
  bad.set_kind(v1::JOB_KIND_MONTHLY);
  bad.set_unit_code("1001");
  bad.set_period("2026-3");
  absl::Status s = service_->QueueRun(bad).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("unit_code: '1001' is not a region"));
  EXPECT_THAT(s.message(), HasSubstr("period: '2026-3' is not a month"));
}

}  // namespace
}  // namespace opsreport::reconciliation_service::testing
