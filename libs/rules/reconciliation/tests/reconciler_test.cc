#include "opsreport/reconciliation/reconciler.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/fixtures/rule_data.h"
#include "test_util.h"

namespace opsreport::reconciliation {
namespace {

using ::testing::ElementsAre;
using testing::Entry;
using ::testing::IsEmpty;
using testing::kNow;
using testing::Lines;
using testing::Pn;
using testing::Report;

const catalogue::Catalogue& Cat() { return fixtures::SampleRuleData().catalogue; }

ReconcileOptions Options() {
  ReconcileOptions o;
  o.now = kNow;
  o.report_grace = absl::Hours(48);
  return o;
}

std::vector<std::string> Reconcile(std::vector<v1::RegisterEntry> entries,
                                   std::vector<v1::ReportRecord> reports,
                                   ReconcileOptions options = Options()) {
  absl::StatusOr<std::vector<v1::Discrepancy>> d =
      ReconcileAll(Cat(), options, std::move(entries), std::move(reports));
  EXPECT_TRUE(d.ok()) << d.status();
  return d.ok() ? Lines(*d) : std::vector<std::string>{"error"};
}

TEST(ReconcilerTest, FindsEachKindInKeyOrder) {
  std::vector<v1::RegisterEntry> entries = {
      Entry(1, "115", "1", "1"),  // reported alike: nothing
      Entry(2, "187", "2", "6"),  // catalogue item, no report
      Entry(3, "194", "2"),       // reported as part 1
      Entry(4, "190", "1"),       // fraud: not in the catalogue, no report: nothing
      Entry(6, "147", ""),        // catalogue article, no item named, no report
  };
  std::vector<v1::ReportRecord> reports = {
      Report("r-a", 0, "115", "1", "1"),                         // no ЄРДР data, 72h old
      Report("r-b", 0, "115", "1", "1", kNow - absl::Hours(1)),  // no ЄРДР data yet, fresh
      Report("r-1", 1, "115", "1", "1"),
      Report("r-3", 3, "194", "1", "9"),
      Report("r-5", 5, "121", "", "2"),  // the register has no 5
  };
  EXPECT_THAT(Reconcile(entries, reports),
              ElementsAre("REPORT_WITHOUT_ENTRY 1001  report=r-a out=1001/2026/r-a",
                          "UNREPORTED_CRIME 1001 " + Pn(2) + " report= out=",
                          "QUALIFICATION_MISMATCH 1001 " + Pn(3) +
                              " report=r-3 out=1001/2026/r-3 differing=PART",
                          "REPORT_WITHOUT_ENTRY 1001 " + Pn(5) + " report=r-5 out=1001/2026/r-5",
                          "UNREPORTED_CRIME 1001 " + Pn(6) + " report= out="));
}

TEST(ReconcilerTest, NothingToSayWhenEverythingAgrees) {
  EXPECT_THAT(Reconcile({Entry(1, "115", "1", "1"), Entry(2, "258-3", "")},
                        {Report("r-1", 1, "115", "1", "1"), Report("r-2", 2, "258-3", "", "8")}),
              IsEmpty());
  EXPECT_THAT(Reconcile({}, {}), IsEmpty());
}

TEST(ReconcilerTest, MismatchNamesEveryDifferingField) {
  EXPECT_THAT(
      Reconcile({Entry(1, "121", "2", "2"), Entry(2, "115", "1", "20"), Entry(3, "258", "1")},
                {Report("r-1", 1, "115", "1", "1"), Report("r-2", 2, "115", "1", "1"),
                 Report("r-3", 3, "258-3", "", "8")}),
      ElementsAre("QUALIFICATION_MISMATCH 1001 " + Pn(1) +
                      " report=r-1 out=1001/2026/r-1 differing=ARTICLE,PART,CATALOGUE_ITEM",
                  "QUALIFICATION_MISMATCH 1001 " + Pn(2) +
                      " report=r-2 out=1001/2026/r-2 differing=CATALOGUE_ITEM",
                  // An article with a sign is another article; no item named, so
                  // only article and part are compared.
                  "QUALIFICATION_MISMATCH 1001 " + Pn(3) +
                      " report=r-3 out=1001/2026/r-3 differing=ARTICLE,PART"));
}

TEST(ReconcilerTest, MismatchCarriesBothSidesAndTheReportingUnit) {
  v1::RegisterEntry e = Entry(1, "121", "2", "2", kNow - absl::Hours(30), "1002");
  v1::ReportRecord r = Report("r-1", 1, "115", "1", "1", kNow - absl::Hours(40), "1001");
  absl::StatusOr<std::vector<v1::Discrepancy>> d = ReconcileAll(Cat(), Options(), {e}, {r});
  ASSERT_TRUE(d.ok()) << d.status();
  ASSERT_EQ(d->size(), 1u);
  const v1::Discrepancy& m = (*d)[0];
  EXPECT_EQ(m.unit_code(), "1001");  // the report's unit sends the supplement
  EXPECT_EQ(m.register_qualification().cc_article(), "121");
  EXPECT_EQ(m.register_catalogue_number(), "2");
  EXPECT_EQ(m.report_qualification().cc_article(), "115");
  EXPECT_EQ(m.report_catalogue_number(), "1");
  EXPECT_EQ(m.registered_at().seconds(), e.registered_at().seconds());
  EXPECT_EQ(m.accepted_at().seconds(), r.accepted_at().seconds());
}

TEST(ReconcilerTest, UnreportedCrimeNamesTheEntrysUnit) {
  absl::StatusOr<std::vector<v1::Discrepancy>> d = ReconcileAll(
      Cat(), Options(), {Entry(1, "115", "1", "1", kNow - absl::Hours(30), "1403")}, {});
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 1u);
  EXPECT_EQ((*d)[0].unit_code(), "1403");
  EXPECT_EQ((*d)[0].register_qualification().cc_article(), "115");
  EXPECT_TRUE((*d)[0].has_registered_at());
  EXPECT_FALSE((*d)[0].has_accepted_at());
}

TEST(ReconcilerTest, SeveralReportsOnOneEntryAreEachCompared) {
  EXPECT_THAT(Reconcile({Entry(1, "115", "1", "1")},
                        {Report("r-1", 1, "115", "1", "1"), Report("r-2", 1, "121", "1", "2")}),
              ElementsAre("QUALIFICATION_MISMATCH 1001 " + Pn(1) +
                          " report=r-2 out=1001/2026/r-2 differing=ARTICLE,CATALOGUE_ITEM"));
}

// Records what the observer is told.
class Recorder final : public Observer {
 public:
  absl::Status OnOutcome(const Outcome& o) override {
    lines.push_back(absl::StrCat(
        o.entry ? o.entry->proceedings_number().substr(14) : "-", "/",
        o.report ? o.report->report_id() : "-", o.first_for_entry ? " first" : "",
        o.catalogue_crime ? " crime" : "", " item=", o.entry_item, o.discrepancy ? " !" : ""));
    return absl::OkStatus();
  }
  std::vector<std::string> lines;
};

TEST(ReconcilerTest, TellsTheObserverEveryOutcome) {
  VectorSource<v1::RegisterEntry> entries(
      {Entry(1, "115", "1", "1"), Entry(2, "187", "2"), Entry(3, "190", "")});
  VectorSource<v1::ReportRecord> reports(
      {Report("r-0", 0, "115", "", "1"), Report("r-1a", 1, "115", "1", "1"),
       Report("r-1b", 1, "115", "1", "1"), Report("r-2", 2, "187", "2", "6")});
  Recorder recorder;
  DiscrepancyCollector collector;
  Tee tee({&recorder, &collector});
  ASSERT_TRUE(Reconciler(Cat(), Options()).Run(entries, reports, tee).ok());
  EXPECT_THAT(recorder.lines,
              ElementsAre("-/r-0 item= !", "001/r-1a first crime item=1", "001/r-1b crime item=1",
                          "002/r-2 first crime item=6",  // robbery: the report's item
                          "003/- first item="));
  EXPECT_EQ(collector.discrepancies().size(), 1u);
}

TEST(ReconcilerTest, EntryItemAttribution) {
  Reconciler rec(Cat(), Options());
  v1::ReportRecord robbery_6 = Report("r", 1, "187", "2", "6");
  v1::ReportRecord murder = Report("r", 1, "115", "1", "1");
  EXPECT_EQ(rec.EntryItem(Entry(1, "115", "1", "20"), &murder), "20");  // named wins
  EXPECT_EQ(rec.EntryItem(Entry(1, "147", ""), nullptr), "3");          // only item 3 lists 147
  EXPECT_EQ(rec.EntryItem(Entry(1, "187", "2"), &robbery_6), "6");      // 5, 6, 7 list 187
  EXPECT_EQ(rec.EntryItem(Entry(1, "187", "2"), nullptr), "");
  EXPECT_EQ(rec.EntryItem(Entry(1, "187", "2"), &murder), "");  // item 1 does not list 187
  EXPECT_EQ(rec.EntryItem(Entry(1, "190", "1"), &murder), "");
  EXPECT_TRUE(rec.IsCatalogueCrime(Entry(1, "279", "")));
  EXPECT_TRUE(rec.IsCatalogueCrime(Entry(1, "190", "", "26.1")));  // named item
  EXPECT_FALSE(rec.IsCatalogueCrime(Entry(1, "190", "")));
}

TEST(ReconcilerTest, DeterministicAcrossRuns) {
  std::vector<v1::RegisterEntry> entries;
  std::vector<v1::ReportRecord> reports;
  for (int n = 1; n <= 50; ++n) {
    entries.push_back(Entry(n * 2, n % 3 ? "115" : "187", "1", n % 3 ? "1" : ""));
    if (n % 4 != 0)
      reports.push_back(Report("r" + std::to_string(100 + n), n * 2 + (n % 5 == 0), "115",
                               n % 7 ? "1" : "2", "1"));
  }
  std::vector<std::string> first = Reconcile(entries, reports);
  EXPECT_EQ(Reconcile(entries, reports), first);
  EXPECT_FALSE(first.empty());
}

TEST(ReconcilerTest, StreamsLargeInputsOneRecordAtATime) {
  // 200,000 entries and as many reports generated on demand: nothing is
  // held but the current pair. Every 1000th entry is unreported, every
  // 1000th report has another part.
  constexpr int kRows = 200000;
  int next_entry = 0, next_report = 0;
  FunctionSource<v1::RegisterEntry> entries([&](v1::RegisterEntry& e) -> absl::StatusOr<bool> {
    if (next_entry == kRows) return false;
    e = Entry(1 + next_entry++, "115", "1", "1");  // 0 would mean "no number"
    return true;
  });
  FunctionSource<v1::ReportRecord> reports([&](v1::ReportRecord& r) -> absl::StatusOr<bool> {
    while (next_report < kRows && next_report % 1000 == 7) ++next_report;
    if (next_report == kRows) return false;
    const int n = next_report++;
    r = Report("r", 1 + n, "115", n % 1000 == 500 ? "2" : "1", "1");
    return true;
  });
  int unreported = 0, mismatched = 0, other = 0;
  class Counter final : public Observer {
   public:
    Counter(int& u, int& m, int& o) : u_(u), m_(m), o_(o) {}
    absl::Status OnOutcome(const Outcome& out) override {
      if (out.discrepancy == nullptr) return absl::OkStatus();
      switch (out.discrepancy->kind()) {
        case v1::DISCREPANCY_KIND_UNREPORTED_CRIME:
          ++u_;
          break;
        case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH:
          ++m_;
          break;
        default:
          ++o_;
      }
      return absl::OkStatus();
    }

   private:
    int &u_, &m_, &o_;
  } counter(unreported, mismatched, other);
  ASSERT_TRUE(Reconciler(Cat(), Options()).Run(entries, reports, counter).ok());
  EXPECT_EQ(unreported, kRows / 1000);
  EXPECT_EQ(mismatched, kRows / 1000);
  EXPECT_EQ(other, 0);
}

TEST(ReconcilerTest, AnObserverErrorStopsTheRun) {
  class Failing final : public Observer {
   public:
    absl::Status OnOutcome(const Outcome&) override {
      ++calls;
      return absl::UnavailableError("sink is down");
    }
    int calls = 0;
  } failing;
  VectorSource<v1::RegisterEntry> entries({Entry(1, "115", "1"), Entry(2, "115", "1")});
  VectorSource<v1::ReportRecord> reports({});
  absl::Status s = Reconciler(Cat(), Options()).Run(entries, reports, failing);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(failing.calls, 1);
}

TEST(ReconcilerTest, ASourceErrorStopsTheRun) {
  FunctionSource<v1::RegisterEntry> entries(
      [](v1::RegisterEntry&) -> absl::StatusOr<bool> { return absl::DataLossError("disk"); });
  VectorSource<v1::ReportRecord> reports({});
  DiscrepancyCollector c;
  EXPECT_EQ(Reconciler(Cat(), Options()).Run(entries, reports, c).code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace opsreport::reconciliation
