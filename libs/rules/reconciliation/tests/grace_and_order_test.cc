// The grace boundaries and the input contract of the merge-join.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/reconciliation/reconciler.h"
#include "test_util.h"

namespace opsreport::reconciliation {
namespace {

using ::testing::ElementsAre;
using testing::Entry;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::kNow;
using testing::Lines;
using testing::Pn;
using testing::Report;

constexpr absl::Duration kGrace = absl::Hours(48);
constexpr absl::Duration kSecond = absl::Seconds(1);

const catalogue::Catalogue& Cat() { return fixtures::SampleRuleData().catalogue; }

ReconcileOptions Options() {
  ReconcileOptions o;
  o.now = kNow;
  o.report_grace = kGrace;
  return o;
}

absl::StatusOr<std::vector<std::string>> Join(std::vector<v1::RegisterEntry> entries,
                                              std::vector<v1::ReportRecord> reports,
                                              ReconcileOptions options = Options()) {
  absl::StatusOr<std::vector<v1::Discrepancy>> d =
      ReconcileAll(Cat(), options, std::move(entries), std::move(reports));
  if (!d.ok()) return d.status();
  return Lines(*d);
}

std::vector<std::string> Faults(const absl::Status& s) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(s)) out.push_back(v.field + ": " + v.message);
  return out;
}

TEST(GraceTest, AReportExactlyGraceOldIsNotYetWithoutEntry) {
  EXPECT_THAT(*Join({}, {Report("r-1", 1, "115", "1", "1", kNow - kGrace)}), IsEmpty());
  EXPECT_THAT(*Join({}, {Report("r-1", 1, "115", "1", "1", kNow - kGrace - kSecond)}),
              ElementsAre("REPORT_WITHOUT_ENTRY 1001 " + Pn(1) + " report=r-1 out=1001/2026/r-1"));
}

TEST(GraceTest, AReportWithoutProceedingsNumberFollowsTheSameGrace) {
  EXPECT_THAT(*Join({}, {Report("r-1", 0, "115", "1", "1", kNow - kGrace)}), IsEmpty());
  EXPECT_THAT(*Join({}, {Report("r-1", 0, "115", "1", "1", kNow - kGrace - kSecond)}),
              ElementsAre("REPORT_WITHOUT_ENTRY 1001  report=r-1 out=1001/2026/r-1"));
}

TEST(GraceTest, EntryGraceWorksTheSameWay) {
  ReconcileOptions o = Options();
  o.entry_grace = absl::Hours(6);
  EXPECT_THAT(*Join({Entry(1, "115", "1", "1", kNow - absl::Hours(6))}, {}, o), IsEmpty());
  EXPECT_THAT(*Join({Entry(1, "115", "1", "1", kNow - absl::Hours(6) - kSecond)}, {}, o),
              ElementsAre("UNREPORTED_CRIME 1001 " + Pn(1) + " report= out="));
  // The default grace of zero: registered exactly now is not yet unreported.
  EXPECT_THAT(*Join({Entry(1, "115", "1", "1", kNow)}, {}), IsEmpty());
  EXPECT_THAT(*Join({Entry(1, "115", "1", "1", kNow - kSecond)}, {}),
              ElementsAre(HasSubstr("UNREPORTED")));
}

TEST(GraceTest, GraceDoesNotApplyToAMismatch) {
  // The report is fresh, but its entry is there and disagrees: say so now.
  EXPECT_THAT(*Join({Entry(1, "115", "1", "1")}, {Report("r-1", 1, "115", "2", "1", kNow)}),
              ElementsAre(HasSubstr("QUALIFICATION_MISMATCH")));
}

TEST(OrderTest, UnsortedEntriesAreAnError) {
  absl::StatusOr<std::vector<std::string>> r =
      Join({Entry(1, "115", "1"), Entry(3, "115", "1"), Entry(2, "115", "1")}, {});
  ASSERT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(
      Faults(r.status()),
      ElementsAre("entries[2].proceedings_number: '" + Pn(2) + "' does not come after '" + Pn(3) +
                  "': register entries must be sorted by proceedings_number, one entry "
                  "each"));
}

TEST(OrderTest, ADuplicateEntryIsAnError) {
  absl::StatusOr<std::vector<std::string>> r =
      Join({Entry(1, "115", "1"), Entry(1, "121", "1")}, {});
  EXPECT_THAT(Faults(r.status()), ElementsAre(HasSubstr("entries[1].proceedings_number: '")));
}

TEST(OrderTest, UnsortedReportsAreAnError) {
  absl::StatusOr<std::vector<std::string>> r =
      Join({}, {Report("r-2", 1, "115", "1", "1"), Report("r-1", 1, "115", "1", "1")});
  EXPECT_THAT(Faults(r.status()),
              ElementsAre("reports[1].proceedings_number: ('" + Pn(1) +
                          "', 'r-1') does not come after ('" + Pn(1) +
                          "', 'r-2'): reports must be sorted by (proceedings_number, report_id), "
                          "each report once"));
  // Reports without a number sort first; one after a numbered report is out of order.
  absl::StatusOr<std::vector<std::string>> late_blank =
      Join({}, {Report("r-1", 1, "115", "1", "1"), Report("r-0", 0, "115", "1", "1")});
  EXPECT_THAT(Faults(late_blank.status()), ElementsAre(HasSubstr("reports[1].proceedings_number")));
}

TEST(OrderTest, RecordsMissingTheirKeyOrTimeAreErrors) {
  v1::RegisterEntry no_number = Entry(1, "115", "1");
  no_number.clear_proceedings_number();
  EXPECT_THAT(Faults(Join({no_number}, {}).status()),
              ElementsAre("entries[0].proceedings_number: must be set"));
  v1::RegisterEntry no_time = Entry(1, "115", "1");
  no_time.clear_registered_at();
  EXPECT_THAT(Faults(Join({no_time}, {}).status()),
              ElementsAre("entries[0].registered_at: must be set"));
  v1::ReportRecord no_id = Report("", 1, "115", "1", "1");
  EXPECT_THAT(Faults(Join({}, {no_id}).status()), ElementsAre("reports[0].report_id: must be set"));
  v1::ReportRecord no_accepted = Report("r-1", 1, "115", "1", "1");
  no_accepted.clear_accepted_at();
  EXPECT_THAT(Faults(Join({}, {no_accepted}).status()),
              ElementsAre("reports[0].accepted_at: must be set"));
}

TEST(OrderTest, AnErrorLaterInTheStreamComesAfterEarlierOutcomes) {
  // The caller must discard a failed run's output: the first two
  // discrepancies were already told when the disorder showed.
  VectorSource<v1::RegisterEntry> entries(
      {Entry(1, "115", "1", "1"), Entry(5, "115", "1"), Entry(4, "115", "1")});
  VectorSource<v1::ReportRecord> reports({});
  DiscrepancyCollector collector;
  absl::Status s = Reconciler(Cat(), Options()).Run(entries, reports, collector);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(collector.discrepancies().size(), 2u);
}

TEST(OptionsTest, BadOptionsAreNamed) {
  ReconcileOptions o;
  o.report_grace = -kSecond;
  o.entry_grace = -kSecond;
  EXPECT_THAT(Faults(ValidateOptions(o)),
              ElementsAre("options.now: must be set", "options.report_grace: must not be negative",
                          "options.entry_grace: must not be negative"));
  EXPECT_EQ(Join({}, {}, o).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ValidateOptions(Options()).ok());
}

}  // namespace
}  // namespace opsreport::reconciliation
