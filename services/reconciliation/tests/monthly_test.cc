// Monthly reconciliation (002 §7.8), the report to the Ministry and its due
// dates, the Ministry's reconciliation (§7.9), crash and resume, schedule.
#include <set>

#include "opsreport/v1/routing.pb.h"
#include "test_env.h"

namespace opsreport::reconciliation_service::testing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

v1::Signature Signed(const std::string& name, absl::Time at,
                     v1::SignerCapacity capacity = v1::SIGNER_CAPACITY_HEAD) {
  v1::Signature s;
  s.mutable_officer()->set_full_name(name);
  s.mutable_officer()->set_position("Начальник ГУМВС");
  s.set_capacity(capacity);
  *s.mutable_signed_at() = base::ToProto(at);
  return s;
}

class MonthlyTest : public ServiceTest {
 protected:
  // March 2026 in region 1000: 40 proceedings; every 7th never reported,
  // every 5th reported with another part, and three reports without entry.
  void PlantMarch() {
    std::vector<v1::RegisterEntry> entries;
    for (int n = 1; n <= 40; ++n) {
      const absl::Time at = Kyiv(2026, 3, 1 + n % 28, 10);
      const std::string unit = absl::StrCat("100", 1 + n % 4);
      entries.push_back(Entry(n, at, unit, "115", "1", "1"));
      if (n % 7 == 0) continue;
      Accept(Report(absl::StrCat("r", n), at - absl::Hours(1), unit, n, "115",
                    n % 5 == 0 ? "2" : "1", "1"));
    }
    Put(entries);
    for (int i = 1; i <= 3; ++i) {
      Accept(Report(absl::StrCat("x", i), Kyiv(2026, 3, i, 9), "1002", 0, "115", "1", "1"));
    }
  }
  absl::StatusOr<v1::MonthlyReport> MonthlyReport(const std::string& region,
                                                  const std::string& month,
                                                  v1::DocumentFormat format = {}) {
    v1::MonthlyReportRequest r;
    r.set_region(region);
    r.set_month(month);
    r.set_format(format);
    return service_->GetMonthlyReport(As("0001"), r);
  }
};

TEST_F(MonthlyTest, ACrashedRunResumesFromItsCheckpointToTheSameResult) {
  clock_.Set(Kyiv(2026, 4, 5, 6));
  PlantMarch();
  ServiceOptions crashing;
  crashing.checkpoint_every = 4;
  crashing.crash_after_checkpoints = 2;
  service_ = NewService(crashing);
  EXPECT_THAT(RunJob(v1::JOB_KIND_MONTHLY, "1000", "2026-03"),
              StatusIs(absl::StatusCode::kAborted));
  ASSERT_OK_AND_ASSIGN(v1::Run crashed, service_->GetRun(As("0001"), "monthly:1000:2026-03"));
  EXPECT_EQ(crashed.state(), v1::RUN_STATE_RUNNING);
  EXPECT_FALSE(crashed.checkpoint().empty());
  const int64_t partial = crashed.discrepancies();

  ServiceOptions normal;
  normal.checkpoint_every = 4;
  service_ = NewService(normal);  // the restarted process
  ASSERT_OK(service_->DrainQueue());
  ASSERT_OK_AND_ASSIGN(v1::Run resumed, service_->GetRun(As("0001"), "monthly:1000:2026-03"));
  EXPECT_EQ(resumed.state(), v1::RUN_STATE_DONE) << resumed.error();
  EXPECT_EQ(resumed.attempts(), 2);
  EXPECT_GT(resumed.discrepancies(), partial);
  std::vector<std::string> found = Found(resumed.id());
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReport resumed_report, MonthlyReport("1000", "2026-03"));

  // The same run from scratch: the same discrepancies and the same table,
  // and not one request more.
  const size_t requests = published_.size();
  ASSERT_OK_AND_ASSIGN(v1::Run fresh, RunJob(v1::JOB_KIND_MONTHLY, "1000", "2026-03", true));
  EXPECT_EQ(Found(fresh.id()), found);
  EXPECT_EQ(fresh.entries_read(), resumed.entries_read());
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReport fresh_report, MonthlyReport("1000", "2026-03"));
  EXPECT_EQ(fresh_report.totals().SerializeAsString(), resumed_report.totals().SerializeAsString());
  EXPECT_EQ(published_.size(), requests);
  std::vector<std::string> ids = RequestIds();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());

  // 5 unreported (7..35), 7 mismatched (5..40 but 35), 3 without entry.
  EXPECT_THAT(found, SizeIs(15));
  EXPECT_EQ(fresh_report.totals().registered(), 40);
  EXPECT_EQ(fresh_report.totals().received(), 38);
  EXPECT_EQ(fresh_report.totals().matched(), 28);
  EXPECT_EQ(fresh_report.totals().mismatched(), 7);
  EXPECT_EQ(fresh_report.totals().found(), 5);
  EXPECT_EQ(fresh_report.totals().without_entry(), 3);
  EXPECT_THAT(fresh_report.found(), SizeIs(5));
  EXPECT_EQ(std::count_if(ids.begin(), ids.end(),
                          [](const std::string& id) { return id.rfind("demand:", 0) == 0; }),
            5);
}

TEST_F(MonthlyTest, TheCumulativeTableStartsAtTheYearAndFoundCrimesGetTheirOutgoingNumber) {
  clock_.Set(Kyiv(2027, 2, 5, 6));
  Put({Entry(1, Kyiv(2026, 12, 20), "1001", "115", "1", "1"),  // last year's, never reported
       Entry(2, Kyiv(2027, 1, 5), "1001", "115", "1", "1"),
       Entry(3, Kyiv(2027, 1, 10), "1002", "115", "1", "1"),
       Entry(4, Kyiv(2027, 1, 3), "1001", "187", "2", "6")});
  Accept(Report("r2", Kyiv(2026, 12, 31, 23), "1001", 2, "115", "1", "1"));  // December report
  Accept(Report("r4", Kyiv(2027, 1, 3), "1001", 4, "187", "2", "6"));
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_MONTHLY, "1000", "2027-01"));
  EXPECT_THAT(Found(run.id()), ElementsAre("UNREPORTED_CRIME 1002 " + Pn(3) + "/"));
  EXPECT_THAT(RequestIds(), ElementsAre("demand:1002:unreported:" + Pn(3)));

  // The unit files the demanded report; the found crime keeps counting as found.
  Accept(Report("r5", Kyiv(2027, 2, 1), "1002", 3, "115", "1", "1"));
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReport report,
                       MonthlyReport("1000", "2027-01", v1::DOCUMENT_FORMAT_TEXT));
  EXPECT_EQ(report.totals().registered(), 3);  // 2027 entries only
  EXPECT_EQ(report.totals().received(), 1);    // r4; r2 was December's
  EXPECT_EQ(report.totals().matched(), 1);
  EXPECT_EQ(report.totals().found(), 1);
  ASSERT_THAT(report.found(), SizeIs(1));
  EXPECT_EQ(report.found(0).proceedings_number(), Pn(3));
  EXPECT_EQ(report.found(0).outgoing_number(), "1002/2026/r5");
  EXPECT_EQ(report.found(0).plot(), "Фабула провадження 3");
  EXPECT_THAT(report.document(), HasSubstr("вих. № 1002/2026/r5"));
  EXPECT_THAT(report.document(), HasSubstr("Фабула провадження 3"));
  ASSERT_THAT(report.rows(), SizeIs(2));
  EXPECT_EQ(report.rows(0).catalogue_number(), "1");  // catalogue order
  EXPECT_EQ(report.rows(1).catalogue_number(), "6");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyReport csv,
                       MonthlyReport("1000", "2027-01", v1::DOCUMENT_FORMAT_CSV));
  EXPECT_THAT(csv.document(), HasSubstr("found,1,,,,,,,," + Pn(3)));
  EXPECT_THAT(csv.document(), HasSubstr("total,,Разом,1,3,1,1,0,0"));
}

TEST_F(MonthlyTest, ARegionLateWithItsCheckOrReportShowsOverdue) {
  clock_.Set(Kyiv(2026, 4, 5, 6));
  PlantMarch();
  ASSERT_OK(RunJob(v1::JOB_KIND_MONTHLY, "1000", "2026-03").status());
  v1::SubmitMonthlyReportRequest submit;
  submit.set_region("1000");
  submit.set_month("2026-03");
  *submit.mutable_signature() = Signed("Руденко Олена Вікторівна", clock_.Now());
  EXPECT_THAT(service_->SubmitMonthlyReport(As("1000"), submit),
              StatusIs(absl::StatusCode::kPermissionDenied));  // a duty officer may not sign
  *submit.mutable_signature() = Signed("Олійник Василь Андрійович", clock_.Now());
  EXPECT_THAT(service_->SubmitMonthlyReport(As("1001"), submit),
              StatusIs(absl::StatusCode::kPermissionDenied));
  clock_.Set(Kyiv(2026, 4, 14, 10));
  ASSERT_OK_AND_ASSIGN(v1::RegionMonthStatus on_time,
                       service_->SubmitMonthlyReport(As("1000", auth::Role::kHead), submit));
  EXPECT_FALSE(on_time.report_overdue());
  EXPECT_FALSE(on_time.check_overdue());

  // Region 1400 checks after the 10th and never reports.
  clock_.Set(Kyiv(2026, 4, 11, 0, 1));
  ASSERT_OK(RunJob(v1::JOB_KIND_MONTHLY, "1400", "2026-03").status());
  clock_.Set(Kyiv(2026, 4, 15, 23, 59));
  v1::MonthlyStatusRequest month;
  month.set_month("2026-03");
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatusResponse day15,
                       service_->GetMonthlyStatus(As("0001"), month));
  clock_.Set(Kyiv(2026, 4, 16, 0, 0));
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatusResponse after,
                       service_->GetMonthlyStatus(As("0001"), month));
  std::map<std::string, v1::RegionMonthStatus> by_region, on_15th;
  for (const auto& s : after.regions()) by_region[s.region()] = s;
  for (const auto& s : day15.regions()) on_15th[s.region()] = s;
  EXPECT_FALSE(by_region["1000"].check_overdue());
  EXPECT_FALSE(by_region["1000"].report_overdue());
  EXPECT_EQ(by_region["1000"].found(), 5);
  EXPECT_EQ(by_region["1000"].demands(), 5);
  EXPECT_TRUE(by_region["1400"].check_overdue());  // done on the 11th
  EXPECT_FALSE(on_15th["1400"].report_overdue());  // the 15th is not over yet
  EXPECT_TRUE(by_region["1400"].report_overdue());
  EXPECT_TRUE(by_region["2600"].check_overdue());  // never checked
  // A region sees itself only; a district unit nothing.
  ASSERT_OK_AND_ASSIGN(v1::MonthlyStatusResponse own,
                       service_->GetMonthlyStatus(As("1400"), month));
  ASSERT_THAT(own.regions(), SizeIs(1));
  EXPECT_THAT(service_->GetMonthlyStatus(As("1001"), month),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(MonthlyTest, TheMinistryReconcilesWhatReachedItByRegion) {
  clock_.Set(Kyiv(2026, 4, 16, 6));
  Put({Entry(1, Kyiv(2026, 3, 2), "1001", "115", "1", "1"),
       Entry(2, Kyiv(2026, 3, 3), "1401", "115", "1", "1")});
  Accept(Report("r1", Kyiv(2026, 3, 2, 9), "1001", 1, "115", "1", "1"));
  Accept(Report("r2", Kyiv(2026, 3, 3, 9), "1401", 2, "115", "1", "1"));
  v1::InboxItem delivered;
  delivered.set_unit_code("0001");
  *delivered.mutable_received_at() = base::ToProto(Kyiv(2026, 3, 2, 11));
  *delivered.mutable_hop()->mutable_document() =
      Report("r1", Kyiv(2026, 3, 2, 9), "1001", 1, "115", "1", "1");
  ASSERT_OK(service_->OnRecord(
      {"opsreport.routing.delivered", 0, 0, "r1", delivered.SerializeAsString()}));
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_MINISTRY, "", "2026-03"));
  EXPECT_EQ(run.state(), v1::RUN_STATE_DONE) << run.error();
  v1::MinistryReconciliationRequest r;
  r.set_month("2026-03");
  r.set_format(v1::DOCUMENT_FORMAT_CSV);
  EXPECT_THAT(service_->GetMinistryReconciliation(As("1000"), r),
              StatusIs(absl::StatusCode::kPermissionDenied));
  ASSERT_OK_AND_ASSIGN(v1::MinistryReconciliation m,
                       service_->GetMinistryReconciliation(As("0001"), r));
  std::map<std::string, v1::MinistryRegionFigures> by_region;
  for (const auto& f : m.regions()) by_region[f.region()] = f;
  EXPECT_EQ(by_region["1000"].registered(), 1);
  EXPECT_EQ(by_region["1000"].reached_ministry(), 1);
  EXPECT_EQ(by_region["1000"].matched(), 1);
  EXPECT_EQ(by_region["1000"].not_at_ministry(), 0);
  EXPECT_EQ(by_region["1400"].registered(), 1);
  EXPECT_EQ(by_region["1400"].reached_ministry(), 0);
  EXPECT_EQ(by_region["1400"].not_at_ministry(), 1);
  EXPECT_EQ(m.totals().registered(), 2);
  EXPECT_THAT(m.document(), HasSubstr("1400,"));
  EXPECT_THAT(m.document(), HasSubstr("total,,2,1,1,0,1,0"));
}

TEST_F(MonthlyTest, ScheduledTimersQueueTheRunsAndReArm) {
  ASSERT_OK(service_->EnsureScheduled());
  ASSERT_OK_AND_ASSIGN(std::optional<timers::Timer> daily,
                       service_->timers().Get("daily:2026-03-13"));
  ASSERT_TRUE(daily.has_value());
  EXPECT_EQ(daily->due, Kyiv(2026, 3, 13, 9));
  // 10 March 06:00 is past: the next monthly check is April's, of March.
  ASSERT_OK_AND_ASSIGN(std::optional<timers::Timer> monthly,
                       service_->timers().Get("monthly:2026-03"));
  ASSERT_TRUE(monthly.has_value());
  EXPECT_EQ(monthly->due, Kyiv(2026, 4, 10, 6));
  ASSERT_OK_AND_ASSIGN(std::optional<timers::Timer> ministry,
                       service_->timers().Get("ministry:2026-02"));
  ASSERT_TRUE(ministry.has_value());  // 16 March is still ahead
  EXPECT_EQ(ministry->due, Kyiv(2026, 3, 16, 6));
  clock_.Set(Kyiv(2026, 3, 13, 9));
  ASSERT_OK_AND_ASSIGN(std::vector<timers::Timer> due,
                       service_->timers().ClaimDue(clock_.Now(), 10));
  ASSERT_THAT(due, SizeIs(1));
  ASSERT_OK(service_->OnTimer(due[0]));
  ASSERT_OK_AND_ASSIGN(redis::Reply queued,
                       client_->Command({"ZRANGE", keys::kRunQueue, "0", "-1"}));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> runs, queued.AsStringArray());
  EXPECT_THAT(runs,
              ::testing::UnorderedElementsAre("daily:1000:2026-03-12", "daily:1400:2026-03-12",
                                              "daily:2600:2026-03-12", "daily:3500:2026-03-12"));
  ASSERT_OK_AND_ASSIGN(std::optional<timers::Timer> next,
                       service_->timers().Get("daily:2026-03-14"));
  EXPECT_TRUE(next.has_value());
  ASSERT_OK(service_->EnsureScheduled());  // armed already: nothing changes
  ASSERT_OK_AND_ASSIGN(int64_t pending, service_->timers().PendingCount());
  EXPECT_EQ(pending, 3);
}

}  // namespace
}  // namespace opsreport::reconciliation_service::testing
