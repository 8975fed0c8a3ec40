#pragma once
// Streams the records of month indexes in the merge-join's key order,
// holding one page per month: a year of a region's records is read in
// bounded memory. Each month index holds distinct records, so a k-way merge
// of the months is the year's sorted stream.

#include <memory>
#include <string>
#include <vector>

#include "opsreport/reconciliation/source.h"
#include "opsreport/v1/register.pb.h"
#include "record_store.h"

namespace opsreport::reconciliation_service {

class EntryIndexSource final : public reconciliation::Source<v1::RegisterEntry> {
 public:
  // Entries of `indexes` with proceedings number > `after` ("" = all).
  EntryIndexSource(RecordStore* store, std::vector<std::string> indexes, std::string after,
                   int page = 500);
  absl::StatusOr<bool> Next(v1::RegisterEntry& out) override;

 private:
  struct Cursor {
    std::string index;
    std::string min;  // ZRANGEBYLEX bound of the next page
    std::vector<v1::RegisterEntry> page;
    size_t next = 0;
    bool done = false;
  };
  absl::Status Fill(Cursor& c);

  RecordStore* store_;
  int page_;
  std::vector<Cursor> cursors_;
};

class ReportIndexSource final : public reconciliation::Source<v1::ReportRecord> {
 public:
  // Reports of `indexes` whose proceedings number is > `after` (all when
  // `after` is "" and `include_empty`: reports without a number come first).
  ReportIndexSource(RecordStore* store, std::vector<std::string> indexes, std::string after,
                    bool include_empty, int page = 500);
  absl::StatusOr<bool> Next(v1::ReportRecord& out) override;

 private:
  struct Cursor {
    std::string index;
    std::string min;
    std::vector<v1::ReportRecord> page;
    size_t next = 0;
    bool done = false;
  };
  absl::Status Fill(Cursor& c);

  RecordStore* store_;
  int page_;
  std::vector<Cursor> cursors_;
};

}  // namespace opsreport::reconciliation_service
