#pragma once
// The reconciliation of 002 §3.7 and §7.8.2: the register entries the
// analytics unit supplies against the special reports the duty unit
// received. A merge-join of two streams sorted by proceedings number, so
// memory does not grow with the number of rows: it holds the current entry,
// the current report and the catalogue's article index.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/reconciliation/source.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::reconciliation {

struct ReconcileOptions {
  absl::Time now = absl::InfinitePast();  // must be set
  // A report is "without entry" only once it was accepted more than this
  // before `now` (exactly this long is not yet). The entry is due within 24
  // hours of the statement (КПК art. 214) and the analytics unit hands it
  // over the next day (002 §3.7), so two days by default.
  absl::Duration report_grace = absl::Hours(48);
  // Likewise an entry is "unreported" only once registered more than this
  // before `now`. Zero by default: the extract is of past days, whose
  // reports were due already (catalogue deadlines are at most a day or so);
  // set it when reconciling an extract of the current day.
  absl::Duration entry_grace = absl::ZeroDuration();
};

// INVALID_ARGUMENT naming every bad field ("options.now", "options.report_grace").
absl::Status ValidateOptions(const ReconcileOptions& options);

// What the join found for one entry, one report, or an entry and one of its
// reports. Pointers are valid only during the call.
struct Outcome {
  const v1::RegisterEntry* entry = nullptr;  // null: a report without entry
  const v1::ReportRecord* report = nullptr;  // null: an entry without report
  // The entry's first outcome (an entry with several reports has one per report).
  bool first_for_entry = false;
  // The entry is for a catalogue crime: it names a catalogue item, or its
  // article is one the catalogue lists.
  bool catalogue_crime = false;
  // The catalogue item the entry counts under: the one it names; else the
  // only item listing its article; else the report's item when that lists
  // the article; else "" (not a catalogue crime, or no single item).
  std::string entry_item;
  // The discrepancy found, if any.
  const v1::Discrepancy* discrepancy = nullptr;
};

class Observer {
 public:
  virtual ~Observer() = default;
  // An error stops the reconciliation with it (e.g. a sink that cannot write).
  virtual absl::Status OnOutcome(const Outcome& outcome) = 0;
};

// Keeps every discrepancy, in order (tests, small inputs).
class DiscrepancyCollector final : public Observer {
 public:
  absl::Status OnOutcome(const Outcome& outcome) override;
  const std::vector<v1::Discrepancy>& discrepancies() const { return discrepancies_; }

 private:
  std::vector<v1::Discrepancy> discrepancies_;
};

// Passes each outcome to every observer in turn; the first error stops it.
class Tee final : public Observer {
 public:
  explicit Tee(std::vector<Observer*> observers) : observers_(std::move(observers)) {}
  absl::Status OnOutcome(const Outcome& outcome) override;

 private:
  std::vector<Observer*> observers_;
};

class Reconciler {
 public:
  // `catalogue` must outlive the reconciler.
  Reconciler(const catalogue::Catalogue& catalogue, ReconcileOptions options);

  // Joins the streams and tells `observer` every outcome, in key order:
  //  - entries strictly increasing by proceedings_number (one per proceedings);
  //  - reports strictly increasing by (proceedings_number, report_id), byte
  //    order, so reports without a proceedings number ("") come first: no
  //    entry has that key, and past the grace they are without entry.
  // Within one proceedings number the entry's outcomes follow its reports'
  // order. Discrepancies:
  //  - UNREPORTED_CRIME: a catalogue-crime entry no report names, registered
  //    more than entry_grace before now;
  //  - REPORT_WITHOUT_ENTRY: a report no entry matches, accepted more than
  //    report_grace before now;
  //  - QUALIFICATION_MISMATCH: the КК article or part differs, or the entry
  //    names a catalogue item other than the report's; `differing` says which.
  // Errors: INVALID_ARGUMENT for bad options, a record missing its key or
  // time, or input out of order (named by stream and position, e.g.
  // "entries[4].proceedings_number"); a source's or the observer's error as
  // is. The join stops at the first error, after having told the observer
  // about earlier records: on error the caller discards the run's output.
  absl::Status Run(Source<v1::RegisterEntry>& entries, Source<v1::ReportRecord>& reports,
                   Observer& observer) const;

  // The rules the join applies, one record at a time.
  bool IsCatalogueCrime(const v1::RegisterEntry& entry) const;
  std::string EntryItem(const v1::RegisterEntry& entry, const v1::ReportRecord* report) const;
  // Which of article, part and catalogue item differ (enum order); empty
  // when they agree. The catalogue item is compared only when the entry
  // names one (the register often does not: "where known").
  std::vector<v1::QualificationField> Differences(const v1::RegisterEntry& entry,
                                                  const v1::ReportRecord& report) const;

 private:
  const catalogue::Catalogue& catalogue_;
  ReconcileOptions options_;
  // КК article -> the catalogue items listing it, in catalogue order.
  std::map<std::string, std::vector<std::string>, std::less<>> items_by_article_;
};

// Runs a Reconciler over two vectors and returns the discrepancies (tests,
// small inputs).
absl::StatusOr<std::vector<v1::Discrepancy>> ReconcileAll(const catalogue::Catalogue& catalogue,
                                                          const ReconcileOptions& options,
                                                          std::vector<v1::RegisterEntry> entries,
                                                          std::vector<v1::ReportRecord> reports);

}  // namespace opsreport::reconciliation
