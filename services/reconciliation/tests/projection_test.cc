// The report projection when its records come out of order (issue 14): a
// delivery or supplement before its report is held, creates no record, and
// is applied once by the report's step; one about a report that never comes
// leaves nothing for the jobs. Real redis-server, fake clock.
#include "test_env.h"

namespace opsreport::reconciliation_service::testing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const absl::Time kDay = Kyiv(2026, 3, 9, 0);

class ProjectionTest : public ServiceTest {
 protected:
  // The stored record of report `id`, if any.
  std::optional<v1::ReportRecord> Record(const std::string& id) {
    absl::StatusOr<std::vector<v1::ReportRecord>> r = service_->records().GetReports({id});
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok() || r->empty()) return std::nullopt;
    return r->front();
  }
  std::string Version(const std::string& id) {
    absl::StatusOr<redis::Reply> v = client_->Command({"HGET", keys::Report(id), "v"});
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? v->str : "";
  }
  // Every key of the service that names `id`.
  std::vector<std::string> KeysNaming(const std::string& id) {
    absl::StatusOr<redis::Reply> r = client_->Command({"KEYS", "recon:*" + id + "*"});
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return {};
    return r->AsStringArray().value_or(std::vector<std::string>{});
  }
  static v1::AcceptedDocument Supplement(std::string id, std::string root, std::string unit,
                                         absl::Time accepted, int n) {
    v1::AcceptedDocument s;
    s.set_id(id);
    s.set_root_report_id(root);
    s.set_unit_code(unit);
    *s.mutable_accepted_at() = base::ToProto(accepted);
    s.mutable_supplement()->mutable_erdr()->set_proceedings_number(Pn(n));
    s.mutable_supplement()->mutable_erdr()->set_cc_article("115");
    s.mutable_supplement()->mutable_erdr()->set_article_part("1");
    return s;
  }
};

TEST_F(ProjectionTest, ADeliveryBeforeItsReportIsHeldThenCarriedByItsAcceptanceOnce) {
  const v1::AcceptedDocument report =
      Report("r5", kDay + absl::Hours(9), "1001", 5, "115", "1", "1");
  const absl::Time received = kDay + absl::Hours(11);
  Deliver(report, received, 0);
  Deliver(report, received, 1);  // re-sent: held once
  EXPECT_EQ(Held(), 1);
  EXPECT_FALSE(Record("r5").has_value());
  EXPECT_THAT(KeysNaming("r5"), IsEmpty());

  Accept(report, 0);
  Accept(report, 1);  // re-sent: applied once
  std::optional<v1::ReportRecord> record = Record("r5");
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(record->has_reached_ministry_at());
  EXPECT_EQ(base::ToTime(record->reached_ministry_at()), received);
  EXPECT_EQ(record->proceedings_number(), Pn(5));
  EXPECT_EQ(Version("r5"), "1");  // one step: the report with its delivery
  EXPECT_EQ(Held(), 0);

  // A later delivery of the same report changes nothing: the first counts.
  Deliver(report, received + absl::Hours(2), 2);
  record = Record("r5");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(base::ToTime(record->reached_ministry_at()), received);
  EXPECT_EQ(Version("r5"), "1");
}

TEST_F(ProjectionTest, SupplementsBeforeTheirReportAreAppliedInOrderWhenItComes) {
  Put({Entry(8, kDay + absl::Hours(9), "1003", "115", "1", "1")});
  const v1::AcceptedDocument report =
      Report("r4", kDay + absl::Hours(8), "1003", 0, "115", "1", "1");
  const v1::AcceptedDocument first = Supplement("s3", "r4", "1003", kDay + absl::Hours(10), 9);
  const v1::AcceptedDocument second = Supplement("s4", "r4", "1003", kDay + absl::Hours(13), 8);
  Accept(first, 0);
  clock_.Advance(absl::Minutes(1));
  Accept(second, 1);
  Accept(second, 2);  // re-sent: held once
  EXPECT_EQ(Held(), 2);
  EXPECT_FALSE(Record("r4").has_value());

  Accept(report, 3);
  Accept(second, 4);  // re-sent after its release: a repeat
  Accept(report, 5);
  std::optional<v1::ReportRecord> record = Record("r4");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->proceedings_number(), Pn(8));  // the later supplement's
  EXPECT_EQ(Version("r4"), "1");
  EXPECT_EQ(Held(), 0);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> naming, service_->records().ReportsNaming(Pn(8)));
  EXPECT_THAT(naming, ElementsAre("r4"));
  ASSERT_OK_AND_ASSIGN(naming, service_->records().ReportsNaming(Pn(9)));
  EXPECT_THAT(naming, IsEmpty());
  // Without the supplement r4 would be a report without entry and entry 8
  // an unreported crime.
  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1003", "2026-03-09"));
  EXPECT_EQ(run.state(), v1::RUN_STATE_DONE) << run.error();
  EXPECT_THAT(Found(run.id()), IsEmpty());
}

TEST_F(ProjectionTest, ADeliveryAboutAReportThatNeverComesCreatesNothing) {
  Put({Entry(1, kDay + absl::Hours(10), "1001", "115", "1", "1")});
  Accept(Report("r1", kDay + absl::Hours(9), "1001", 1, "115", "1", "1"));
  // Well-formed, about a report intake never accepted.
  const v1::AcceptedDocument forged =
      Report("r99", kDay + absl::Hours(9), "1002", 2, "187", "2", "6");
  Deliver(forged, kDay + absl::Hours(10));
  EXPECT_EQ(Held(), 1);
  EXPECT_FALSE(Record("r99").has_value());
  EXPECT_THAT(KeysNaming("r99"), IsEmpty());
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> naming, service_->records().ReportsNaming(Pn(2)));
  EXPECT_THAT(naming, IsEmpty());
  // The records behind it are still taken in.
  Accept(Report("r3", kDay + absl::Hours(11), "1001", 3, "115", "1", "1"));
  EXPECT_TRUE(Record("r3").has_value());

  ASSERT_OK_AND_ASSIGN(v1::Run run, RunJob(v1::JOB_KIND_DAILY, "1000", "2026-03-09"));
  EXPECT_EQ(run.state(), v1::RUN_STATE_DONE) << run.error();
  EXPECT_THAT(Found(run.id()), ElementsAre("REPORT_WITHOUT_ENTRY 1001 " + Pn(3) + "/r3"));
  EXPECT_EQ(Held(), 1);  // still waiting (the kit parks it after the hold limit)
}

TEST_F(ProjectionTest, ADeliveryNamingNoReportIsInvalid) {
  v1::InboxItem item;
  item.mutable_hop()->mutable_document()->mutable_special_report();
  EXPECT_THAT(
      service_->OnRecord({"opsreport.routing.delivered", 0, 0, "", item.SerializeAsString()}),
      StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_EQ(Held(), 0);
}

// A record held for a report already projected cannot be made by the
// handlers (their hold is guarded on the report's absence); should one be
// there, the report's next re-send applies it.
TEST_F(ProjectionTest, AReSentReportAppliesWhatWaitsForIt) {
  const v1::AcceptedDocument report =
      Report("r6", kDay + absl::Hours(9), "1001", 6, "115", "1", "1");
  Accept(report);
  v1::InboxItem item;
  *item.mutable_received_at() = base::ToProto(kDay + absl::Hours(12));
  item.mutable_hop()->set_id("r6:chain:0001:3");
  *item.mutable_hop()->mutable_document() = report;
  redis::Mutation m;
  holds_->Hold(
      m, consumer::HeldOf({"opsreport.routing.delivered", 0, 7, "r6", item.SerializeAsString()},
                          "delivered:r6:chain:0001:3", "report r6", clock_.Now()));
  ASSERT_OK(outbox::CommitMutation(*client_, m));
  ASSERT_EQ(Held(), 1);
  Accept(report, 1);
  std::optional<v1::ReportRecord> record = Record("r6");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(base::ToTime(record->reached_ministry_at()), kDay + absl::Hours(12));
  EXPECT_EQ(Held(), 0);
}

}  // namespace
}  // namespace opsreport::reconciliation_service::testing
