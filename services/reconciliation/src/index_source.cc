#include "index_source.h"

#include "keys.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::reconciliation_service {
namespace {

// Picks the cursor whose current record sorts first; -1 when all are done.
template <typename Cursor, typename Less>
int Smallest(std::vector<Cursor>& cursors, Less less) {
  int best = -1;
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (cursors[i].done) continue;
    if (best < 0 ||
        less(cursors[i].page[cursors[i].next], cursors[best].page[cursors[best].next])) {
      best = static_cast<int>(i);
    }
  }
  return best;
}

}  // namespace

EntryIndexSource::EntryIndexSource(RecordStore* store, std::vector<std::string> indexes,
                                   std::string after, int page)
    : store_(store), page_(page) {
  for (std::string& index : indexes) {
    cursors_.push_back({std::move(index), after.empty() ? "-" : "(" + after, {}, 0, false});
  }
}

absl::Status EntryIndexSource::Fill(Cursor& c) {
  while (!c.done && c.next >= c.page.size()) {
    ASSIGN_OR_RETURN(std::vector<std::string> procs, store_->Scan(c.index, c.min, page_));
    if (procs.empty()) {
      c.done = true;
      break;
    }
    c.min = "(" + procs.back();
    ASSIGN_OR_RETURN(c.page, store_->GetEntries(procs));  // skips vanished ones
    c.next = 0;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> EntryIndexSource::Next(v1::RegisterEntry& out) {
  for (Cursor& c : cursors_) RETURN_IF_ERROR(Fill(c));
  int i = Smallest(cursors_, [](const v1::RegisterEntry& a, const v1::RegisterEntry& b) {
    return a.proceedings_number() < b.proceedings_number();
  });
  if (i < 0) return false;
  out = std::move(cursors_[i].page[cursors_[i].next++]);
  return true;
}

ReportIndexSource::ReportIndexSource(RecordStore* store, std::vector<std::string> indexes,
                                     std::string after, bool include_empty, int page)
    : store_(store), page_(page) {
  // Members are "<proceedings>\x1f<id>"; "\x20" is the next byte after the
  // separator, so "[<after>\x20" starts past every report of `after`.
  std::string min = (after.empty() && include_empty) ? "-" : "[" + after + "\x20";
  for (std::string& index : indexes) cursors_.push_back({std::move(index), min, {}, 0, false});
}

absl::Status ReportIndexSource::Fill(Cursor& c) {
  while (!c.done && c.next >= c.page.size()) {
    ASSIGN_OR_RETURN(std::vector<std::string> members, store_->Scan(c.index, c.min, page_));
    if (members.empty()) {
      c.done = true;
      break;
    }
    c.min = "(" + members.back();
    std::vector<std::string> ids;
    ids.reserve(members.size());
    for (const std::string& m : members) ids.push_back(m.substr(m.find(keys::kSep) + 1));
    ASSIGN_OR_RETURN(std::vector<v1::ReportRecord> records, store_->GetReports(ids));
    // A record re-keyed since the scan (a supplement gave it a number) is
    // read where it now sorts, not here, so the stream stays in order.
    c.page.clear();
    for (v1::ReportRecord& r : records) {
      if (std::binary_search(members.begin(), members.end(),
                             keys::ReportMember(r.proceedings_number(), r.report_id()))) {
        c.page.push_back(std::move(r));
      }
    }
    c.next = 0;
  }
  return absl::OkStatus();
}

absl::StatusOr<bool> ReportIndexSource::Next(v1::ReportRecord& out) {
  for (Cursor& c : cursors_) RETURN_IF_ERROR(Fill(c));
  int i = Smallest(cursors_, [](const v1::ReportRecord& a, const v1::ReportRecord& b) {
    if (a.proceedings_number() != b.proceedings_number()) {
      return a.proceedings_number() < b.proceedings_number();
    }
    return a.report_id() < b.report_id();
  });
  if (i < 0) return false;
  out = std::move(cursors_[i].page[cursors_[i].next++]);
  return true;
}

}  // namespace opsreport::reconciliation_service
