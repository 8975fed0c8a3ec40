// The merge-join. Each stream is read through a cursor that checks its
// order, so an unsorted input is an error rather than a wrong answer.
#include "opsreport/reconciliation/reconciler.h"

#include <optional>
#include <type_traits>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/strings.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/deadline_calculator.h"
#include "qualification.h"
#include "timestamps.h"

namespace opsreport::reconciliation {

using internal::ToTime;

namespace {

absl::Status Fault(std::string field, std::string message) {
  base::Violations v;
  v.Add(field, message);
  return v.ToStatus("reconciliation input");
}

// Reads one stream, keeping its current record and checking that each key
// is greater than the previous one.
template <typename T>
class Cursor {
 public:
  Cursor(Source<T>& source, std::string_view name) : source_(source), name_(name) {}

  bool valid() const { return valid_; }
  const T& current() const { return current_; }

  absl::Status Advance() {
    ASSIGN_OR_RETURN(valid_, source_.Next(current_));
    if (!valid_) return absl::OkStatus();
    ++index_;
    RETURN_IF_ERROR(CheckRecord());
    std::pair<std::string, std::string> key = Key(current_);
    if (previous_.has_value() && !(*previous_ < key)) {
      return Fault(Field("proceedings_number"), absl::StrCat(Describe(key), " does not come after ",
                                                             Describe(*previous_), ": ", Order()));
    }
    previous_ = std::move(key);
    return absl::OkStatus();
  }

 private:
  std::string Field(std::string_view field) const {
    return absl::StrCat(absl::string_view(name_.data(), name_.size()), "[", index_, "].",
                        absl::string_view(field.data(), field.size()));
  }

  // Entries: one per proceedings number. Reports: ordered by number, then id.
  static std::pair<std::string, std::string> Key(const v1::RegisterEntry& e) {
    return {e.proceedings_number(), ""};
  }
  static std::pair<std::string, std::string> Key(const v1::ReportRecord& r) {
    return {r.proceedings_number(), r.report_id()};
  }
  std::string Describe(const std::pair<std::string, std::string>& key) const {
    if constexpr (std::is_same_v<T, v1::RegisterEntry>) {
      return absl::StrCat("'", key.first, "'");
    } else {
      return absl::StrCat("('", key.first, "', '", key.second, "')");
    }
  }
  static std::string Order() {
    if constexpr (std::is_same_v<T, v1::RegisterEntry>) {
      return "register entries must be sorted by proceedings_number, one entry each";
    } else {
      return "reports must be sorted by (proceedings_number, report_id), each report once";
    }
  }

  absl::Status CheckRecord() const {
    if constexpr (std::is_same_v<T, v1::RegisterEntry>) {
      if (current_.proceedings_number().empty()) {
        return Fault(Field("proceedings_number"), "must be set");
      }
      if (!current_.has_registered_at()) return Fault(Field("registered_at"), "must be set");
    } else {
      if (current_.report_id().empty()) return Fault(Field("report_id"), "must be set");
      if (!current_.has_accepted_at()) return Fault(Field("accepted_at"), "must be set");
    }
    return absl::OkStatus();
  }

  Source<T>& source_;
  std::string_view name_;
  T current_;
  bool valid_ = false;
  int64_t index_ = -1;
  std::optional<std::pair<std::string, std::string>> previous_;
};

v1::Discrepancy Base(v1::DiscrepancyKind kind, const v1::RegisterEntry* e,
                     const v1::ReportRecord* r) {
  v1::Discrepancy d;
  d.set_kind(kind);
  if (e != nullptr) {
    d.set_unit_code(e->unit_code());
    d.set_proceedings_number(e->proceedings_number());
    *d.mutable_register_qualification() = e->qualification();
    d.set_register_catalogue_number(e->catalogue_number());
    *d.mutable_registered_at() = e->registered_at();
  }
  if (r != nullptr) {
    // The reporting unit acts on its own report.
    d.set_unit_code(r->unit_code());
    d.set_proceedings_number(r->proceedings_number());
    d.set_report_id(r->report_id());
    d.set_outgoing_number(r->outgoing_number());
    *d.mutable_report_qualification() = r->qualification();
    d.set_report_catalogue_number(r->catalogue_number());
    *d.mutable_accepted_at() = r->accepted_at();
  }
  return d;
}

}  // namespace

absl::Status ValidateOptions(const ReconcileOptions& options) {
  base::Violations v;
  if (options.now == absl::InfinitePast() || options.now == absl::InfiniteFuture()) {
    v.Add("options.now", "must be set");
  }
  if (options.report_grace < absl::ZeroDuration()) {
    v.Add("options.report_grace", "must not be negative");
  }
  if (options.entry_grace < absl::ZeroDuration()) {
    v.Add("options.entry_grace", "must not be negative");
  }
  return v.ToStatus("reconciliation options");
}

absl::Status DiscrepancyCollector::OnOutcome(const Outcome& outcome) {
  if (outcome.discrepancy != nullptr) discrepancies_.push_back(*outcome.discrepancy);
  return absl::OkStatus();
}

absl::Status Tee::OnOutcome(const Outcome& outcome) {
  for (Observer* o : observers_) RETURN_IF_ERROR(o->OnOutcome(outcome));
  return absl::OkStatus();
}

Reconciler::Reconciler(const catalogue::Catalogue& catalogue, ReconcileOptions options)
    : catalogue_(catalogue), options_(options) {
  for (const v1::CatalogueItem& item : catalogue.items()) {
    for (const std::string& article : item.cc_articles()) {
      items_by_article_[article].push_back(item.number());
    }
  }
}

bool Reconciler::IsCatalogueCrime(const v1::RegisterEntry& entry) const {
  if (!entry.catalogue_number().empty() &&
      catalogue_.FindByNumber(entry.catalogue_number()) != nullptr) {
    return true;
  }
  return items_by_article_.count(base::Trim(entry.qualification().cc_article())) != 0;
}

std::string Reconciler::EntryItem(const v1::RegisterEntry& entry,
                                  const v1::ReportRecord* report) const {
  if (catalogue_.FindByNumber(entry.catalogue_number()) != nullptr) return entry.catalogue_number();
  std::string_view article = base::Trim(entry.qualification().cc_article());
  auto listed = items_by_article_.find(article);
  if (listed == items_by_article_.end()) return "";
  if (listed->second.size() == 1) return listed->second.front();
  // Several items list the article (robbery is in three): the report, when
  // there is one, says which it is, as long as its item lists the article.
  if (report != nullptr) {
    if (const v1::CatalogueItem* item = catalogue_.FindByNumber(report->catalogue_number());
        item != nullptr && catalogue_.ArticleConsistent(*item, article)) {
      return item->number();
    }
  }
  return "";
}

std::vector<v1::QualificationField> Reconciler::Differences(const v1::RegisterEntry& entry,
                                                            const v1::ReportRecord& report) const {
  return internal::Differences(entry, report);
}

absl::Status Reconciler::Run(Source<v1::RegisterEntry>& entry_source,
                             Source<v1::ReportRecord>& report_source, Observer& observer) const {
  RETURN_IF_ERROR(ValidateOptions(options_));
  Cursor<v1::RegisterEntry> entries(entry_source, "entries");
  Cursor<v1::ReportRecord> reports(report_source, "reports");
  RETURN_IF_ERROR(entries.Advance());
  RETURN_IF_ERROR(reports.Advance());
  bool entry_paired = false;  // the current entry has had a report

  auto past = [&](const google::protobuf::Timestamp& at, absl::Duration grace) {
    return calendar::IsOverdue(ToTime(at) + grace, options_.now);
  };

  while (entries.valid() || reports.valid()) {
    const bool report_first =
        reports.valid() && (!entries.valid() || reports.current().proceedings_number() <
                                                    entries.current().proceedings_number());
    const bool entry_first =
        entries.valid() && (!reports.valid() || entries.current().proceedings_number() <
                                                    reports.current().proceedings_number());

    if (report_first) {
      const v1::ReportRecord& r = reports.current();
      Outcome o;
      o.report = &r;
      v1::Discrepancy d;
      if (past(r.accepted_at(), options_.report_grace)) {
        d = Base(v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY, nullptr, &r);
        o.discrepancy = &d;
      }
      RETURN_IF_ERROR(observer.OnOutcome(o));
      RETURN_IF_ERROR(reports.Advance());
    } else if (entry_first) {
      if (!entry_paired) {
        const v1::RegisterEntry& e = entries.current();
        Outcome o;
        o.entry = &e;
        o.first_for_entry = true;
        o.catalogue_crime = IsCatalogueCrime(e);
        o.entry_item = EntryItem(e, nullptr);
        v1::Discrepancy d;
        if (o.catalogue_crime && past(e.registered_at(), options_.entry_grace)) {
          d = Base(v1::DISCREPANCY_KIND_UNREPORTED_CRIME, &e, nullptr);
          o.discrepancy = &d;
        }
        RETURN_IF_ERROR(observer.OnOutcome(o));
      }
      RETURN_IF_ERROR(entries.Advance());
      entry_paired = false;
    } else {
      const v1::RegisterEntry& e = entries.current();
      const v1::ReportRecord& r = reports.current();
      Outcome o;
      o.entry = &e;
      o.report = &r;
      o.first_for_entry = !entry_paired;
      o.catalogue_crime = IsCatalogueCrime(e);
      o.entry_item = EntryItem(e, &r);
      v1::Discrepancy d;
      std::vector<v1::QualificationField> differing = Differences(e, r);
      if (!differing.empty()) {
        d = Base(v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH, &e, &r);
        for (v1::QualificationField f : differing) d.add_differing(f);
        o.discrepancy = &d;
      }
      RETURN_IF_ERROR(observer.OnOutcome(o));
      entry_paired = true;
      RETURN_IF_ERROR(reports.Advance());
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Discrepancy>> ReconcileAll(const catalogue::Catalogue& catalogue,
                                                          const ReconcileOptions& options,
                                                          std::vector<v1::RegisterEntry> entries,
                                                          std::vector<v1::ReportRecord> reports) {
  VectorSource<v1::RegisterEntry> entry_source(std::move(entries));
  VectorSource<v1::ReportRecord> report_source(std::move(reports));
  DiscrepancyCollector collector;
  RETURN_IF_ERROR(Reconciler(catalogue, options).Run(entry_source, report_source, collector));
  return collector.discrepancies();
}

}  // namespace opsreport::reconciliation
