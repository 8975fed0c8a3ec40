#include "record_store.h"

#include <algorithm>
#include <iostream>
#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "keys.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/mutation.h"
#include "time_of_day.h"

namespace opsreport::reconciliation_service {
namespace {

using register_extract::ExtractKind;
using Index = std::pair<std::string, std::string>;
constexpr int kMaxAttempts = 50;
constexpr size_t kPlotBytes = 600;

bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

// Cuts at a character boundary: a plot is UTF-8 text.
std::string ShortPlot(const std::string& text) {
  if (text.size() <= kPlotBytes) return text;
  size_t end = kPlotBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

void MergeEntry(const v1::RegisterEntry& in, ExtractKind kind, bool existed,
                v1::RegisterEntry& stored) {
  if (kind == ExtractKind::kEntries || !existed) {
    v1::RegisterEntry merged = in;
    merged.clear_results();
    merged.clear_suspects();
    if (existed) {
      *merged.mutable_results() = stored.results();
      *merged.mutable_suspects() = stored.suspects();
    }
    stored = std::move(merged);
  }
  for (const v1::RegisterResult& r : in.results()) {
    bool present = std::any_of(stored.results().begin(), stored.results().end(),
                               [&](const v1::RegisterResult& s) { return SameMessage(s, r); });
    if (!present) *stored.add_results() = r;
  }
  for (const v1::RegisterSuspect& p : in.suspects()) {
    // One person once: a later extract's row for the same person replaces it.
    auto same =
        std::find_if(stored.mutable_suspects()->begin(), stored.mutable_suspects()->end(),
                     [&](const v1::RegisterSuspect& s) {
                       return s.full_name() == p.full_name() && s.birth_date() == p.birth_date();
                     });
    if (same == stored.mutable_suspects()->end()) {
      *stored.add_suspects() = p;
    } else {
      *same = p;
    }
  }
}

void MoveIndexes(const std::vector<Index>& before, const std::vector<Index>& after,
                 redis::Mutation& m) {
  std::set<Index> old_set(before.begin(), before.end()), new_set(after.begin(), after.end());
  for (const Index& i : before) {
    if (new_set.count(i) == 0) m.Do({"ZREM", i.first, i.second});
  }
  for (const Index& i : after) {
    if (old_set.count(i) == 0) m.Do({"ZADD", i.first, "0", i.second});
  }
}

void MoveNaming(const v1::ReportRecord& before, const v1::ReportRecord& after, bool existed,
                redis::Mutation& m) {
  if (existed && before.proceedings_number() == after.proceedings_number()) return;
  if (existed && !before.proceedings_number().empty()) {
    m.Do({"SREM", keys::ReportsNaming(before.proceedings_number()), before.report_id()});
  }
  if (!after.proceedings_number().empty()) {
    m.Do({"SADD", keys::ReportsNaming(after.proceedings_number()), after.report_id()});
  }
}

// What a record waiting for the report `id` is held under.
std::string AwaitsReport(const std::string& id) { return "report " + id; }

// Held ids: one per document, one per hop, so a re-sent record is held once.
std::string HeldDocumentId(const std::string& doc_id) { return "doc:" + doc_id; }
std::string HeldDeliveryId(const v1::InboxItem& item) {
  const std::string& hop = item.hop().id();
  return "delivered:" + (hop.empty() ? "report " + item.hop().document().id() : hop);
}

// When a delivery reached the Ministry: its inbox time, else when it was read.
absl::Time ReachedAt(const v1::InboxItem& item, absl::Time read_at) {
  return item.has_received_at() ? base::ToTime(item.received_at()) : read_at;
}

// The coding line's article as the catalogue and the register write it
// ("258-3"); "-" in the sign column means none.
std::string CodingLineArticle(const v1::CodingLine& c) {
  std::string article = c.cc_article();
  if (!c.article_sign().empty() && c.article_sign() != "-") {
    absl::StrAppend(&article, "-", c.article_sign());
  }
  return article;
}

}  // namespace

std::vector<Index> EntryIndexes(const v1::RegisterEntry& entry, const std::string& region) {
  if (region.empty() || !entry.has_registered_at()) return {};
  absl::Time at = base::ToTime(entry.registered_at());
  return {{keys::EntriesOfMonth(region, MonthKey(KyivMonthOf(at))), entry.proceedings_number()},
          {keys::EntriesOfDay(region, DayKey(KyivDayOf(at))), entry.proceedings_number()}};
}

std::vector<Index> ReportIndexes(const v1::ReportRecord& report, const std::string& region) {
  if (region.empty() || !report.has_accepted_at()) return {};
  absl::Time at = base::ToTime(report.accepted_at());
  return {{keys::ReportsOfMonth(region, MonthKey(KyivMonthOf(at))),
           keys::ReportMember(report.proceedings_number(), report.report_id())},
          {keys::ReportsOfDay(region, DayKey(KyivDayOf(at))), report.report_id()}};
}

RecordStore::RecordStore(redis::Client* client, const org::OrgDirectory* org,
                         const catalogue::Catalogue* catalogue, consumer::HoldStore* holds)
    : client_(client), org_(org), catalogue_(catalogue), holds_(holds) {}

std::string RecordStore::RegionOf(std::string_view unit) const {
  if (org_->Find(unit) == nullptr) return "";
  std::vector<const v1::Unit*> up = org_->AncestorsOf(unit);
  if (up.empty()) return std::string(unit);  // the Ministry itself
  if (up.size() == 1) return std::string(unit);
  return up[up.size() - 2]->code();
}

std::vector<std::string> RecordStore::Regions() const {
  std::vector<std::string> out;
  for (const v1::Unit* u : org_->ChildrenOf(org_->ministry().code())) {
    if (u->kind() == v1::UNIT_KIND_REGIONAL_DIRECTORATE) out.push_back(u->code());
  }
  return out;
}

absl::StatusOr<std::vector<RecordStore::Versioned>> RecordStore::Load(
    const std::vector<std::string>& keys) {
  return outbox::LoadVersioned(*client_, keys);
}

absl::Status RecordStore::ApplyEntries(const std::vector<v1::RegisterEntry>& batch,
                                       ExtractKind kind) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(bool applied, TryApplyEntries(batch, kind));
    if (applied) return absl::OkStatus();
  }
  return absl::AbortedError("register entries kept changing under the extract; try again");
}

absl::StatusOr<bool> RecordStore::TryApplyEntries(const std::vector<v1::RegisterEntry>& batch,
                                                  ExtractKind kind) {
  // A batch may name one proceedings twice (a results extract: one row per
  // result): merge in order on one copy.
  std::vector<std::string> keys;
  std::map<std::string, size_t> slot;
  for (const v1::RegisterEntry& e : batch) {
    if (slot.emplace(e.proceedings_number(), keys.size()).second) {
      keys.push_back(keys::Entry(e.proceedings_number()));
    }
  }
  ASSIGN_OR_RETURN(std::vector<Versioned> loaded, Load(keys));
  std::vector<v1::RegisterEntry> before(keys.size()), after(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (loaded[i].version > 0 && !before[i].ParseFromString(loaded[i].body)) {
      return absl::DataLossError("stored entry " + keys[i] + " does not parse");
    }
    after[i] = before[i];
  }
  std::vector<bool> existed(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) existed[i] = loaded[i].version > 0;
  std::vector<bool> touched(keys.size(), false);
  for (const v1::RegisterEntry& e : batch) {
    size_t i = slot[e.proceedings_number()];
    MergeEntry(e, kind, existed[i] || touched[i], after[i]);
    touched[i] = true;
  }
  redis::Mutation m;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (existed[i] && SameMessage(before[i], after[i])) continue;  // a repeat
    outbox::PutVersioned(m, keys[i], existed[i] ? loaded[i].version : 0,
                         after[i].SerializeAsString());
    MoveIndexes(existed[i] ? EntryIndexes(before[i], RegionOf(before[i].unit_code()))
                           : std::vector<Index>{},
                EntryIndexes(after[i], RegionOf(after[i].unit_code())), m);
  }
  if (m.empty()) return true;
  absl::Status committed = outbox::CommitMutation(*client_, m);
  if (absl::IsAborted(committed)) return false;
  RETURN_IF_ERROR(committed);
  return true;
}

v1::ReportRecord RecordStore::FromReport(const v1::AcceptedDocument& doc) const {
  const v1::SpecialReport& sr = doc.special_report();
  v1::ReportRecord r;
  r.set_report_id(doc.id());
  r.set_unit_code(doc.unit_code());
  r.set_outgoing_number(doc.outgoing_number());
  *r.mutable_accepted_at() = doc.accepted_at();
  r.set_catalogue_number(sr.catalogue_number());
  r.set_plot(ShortPlot(sr.content().what().text()));
  if (!sr.erdr().proceedings_number().empty()) {
    r.set_proceedings_number(sr.erdr().proceedings_number());
    r.mutable_qualification()->set_cc_article(sr.erdr().cc_article());
    r.mutable_qualification()->set_article_part(sr.erdr().article_part());
    r.mutable_qualification()->set_article_paragraph(sr.erdr().article_paragraph());
  } else {
    const v1::CodingLine& c = sr.coding_line();
    r.mutable_qualification()->set_cc_article(CodingLineArticle(c));
    r.mutable_qualification()->set_article_part(c.article_part());
    r.mutable_qualification()->set_article_paragraph(c.article_paragraph());
  }
  return r;
}

void RecordStore::ApplySupplement(const v1::Supplement& s, v1::ReportRecord& record) const {
  if (!s.erdr().proceedings_number().empty()) {
    record.set_proceedings_number(s.erdr().proceedings_number());
    record.mutable_qualification()->set_cc_article(s.erdr().cc_article());
    record.mutable_qualification()->set_article_part(s.erdr().article_part());
    record.mutable_qualification()->set_article_paragraph(s.erdr().article_paragraph());
  }
  if (s.requalification() && s.has_new_coding_line()) {
    const v1::CodingLine& c = s.new_coding_line();
    if (const v1::CatalogueItem* item = catalogue_->FindByCode(c.catalogue_code())) {
      record.set_catalogue_number(item->number());
    }
    const std::string article = CodingLineArticle(c);
    if (!article.empty()) {
      record.mutable_qualification()->set_cc_article(article);
      record.mutable_qualification()->set_article_part(c.article_part());
      record.mutable_qualification()->set_article_paragraph(c.article_paragraph());
    }
  }
}

void RecordStore::ApplyHeld(const consumer::HoldStore::Waiting& waiting, v1::ReportRecord& record,
                            redis::Mutation& m) const {
  std::optional<absl::Time> reached;
  for (const v1::HeldRecord& held : waiting.records) {
    if (held.id().starts_with("doc:")) {
      v1::AcceptedDocument doc;
      if (!doc.ParseFromString(held.payload()) || !doc.has_supplement()) {
        // It parsed as a supplement when it was held: only a damaged store
        // gets here, and the report must not wait on it.
        std::cerr << "opsreport-reconciliation: dropping held record " << held.id()
                  << ": not a supplement" << std::endl;
        continue;
      }
      ApplySupplement(doc.supplement(), record);
      // Not marked when held: applied here once, and a re-send is a repeat.
      m.Do({"SET", keys::SeenDocument(doc.id()), "1"});
    } else if (held.id().starts_with("delivered:")) {
      v1::InboxItem item;
      if (!item.ParseFromString(held.payload())) {
        std::cerr << "opsreport-reconciliation: dropping held record " << held.id()
                  << ": not a delivery" << std::endl;
        continue;
      }
      absl::Time at = ReachedAt(item, base::ToTime(held.held_at()));
      if (!reached || at < *reached) reached = at;
    }
  }
  // The first delivery counts (§7.9).
  if (reached && !record.has_reached_ministry_at()) {
    *record.mutable_reached_ministry_at() = base::ToProto(*reached);
  }
}

absl::Status RecordStore::Hold(const std::string& key, const v1::HeldRecord& held,
                               redis::Mutation m) const {
  // Projected since it was read: the caller applies the record directly.
  m.RequireField(key, "v", "", outbox::GuardLabel(outbox::Guard::kConflict));
  holds_->Hold(m, held);
  return outbox::CommitMutation(*client_, m);
}

absl::Status RecordStore::ApplyDocument(const v1::AcceptedDocument& doc,
                                        const kafka::Message& message, absl::Time now) {
  if (doc.id().empty()) return absl::InvalidArgumentError("accepted document without id");
  const std::string root = doc.has_supplement() ? doc.root_report_id() : doc.id();
  if (root.empty()) return absl::InvalidArgumentError("supplement " + doc.id() + " without root");
  if (!doc.has_special_report() && !doc.has_supplement()) {
    return absl::InvalidArgumentError("accepted document " + doc.id() + " carries nothing");
  }
  const std::string key = keys::Report(root);
  // The report was applied before (a re-send): only what waits for it is left.
  bool seen = false;
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(std::vector<Versioned> loaded, Load({key}));
    const bool existed = loaded[0].version > 0;
    v1::ReportRecord before, after;
    if (existed && !before.ParseFromString(loaded[0].body)) {
      return absl::DataLossError("stored report " + root + " does not parse");
    }
    consumer::HoldStore::Waiting waiting;
    if (doc.has_special_report()) {
      ASSIGN_OR_RETURN(waiting, holds_->Load(AwaitsReport(root)));
      if (seen && (waiting.records.empty() || !existed)) return absl::OkStatus();
      after = seen ? before : FromReport(doc);
      if (existed && !seen && before.has_reached_ministry_at()) {
        *after.mutable_reached_ministry_at() = before.reached_ministry_at();
      }
    } else if (!existed) {
      // Its report is not projected yet: held, without its dedup mark (the
      // report's step sets it when it applies it).
      redis::Mutation m;
      m.RequireAbsent(keys::SeenDocument(doc.id()), outbox::GuardLabel(outbox::Guard::kDuplicate));
      absl::Status held =
          Hold(key, consumer::HeldOf(message, HeldDocumentId(doc.id()), AwaitsReport(root), now),
               std::move(m));
      if (held.ok() || absl::IsAlreadyExists(held)) return absl::OkStatus();
      if (!absl::IsAborted(held)) return held;
      continue;
    } else {
      after = before;
      ApplySupplement(doc.supplement(), after);
    }
    const std::string region = RegionOf(after.unit_code());
    redis::Mutation m;
    if (!seen) {
      m.RequireAbsent(keys::SeenDocument(doc.id()), outbox::GuardLabel(outbox::Guard::kDuplicate));
      m.Do({"SET", keys::SeenDocument(doc.id()), "1"});
    }
    ApplyHeld(waiting, after, m);
    holds_->Release(m, waiting);
    outbox::PutVersioned(m, key, existed ? loaded[0].version : 0, after.SerializeAsString());
    MoveIndexes(
        existed ? ReportIndexes(before, RegionOf(before.unit_code())) : std::vector<Index>{},
        ReportIndexes(after, region), m);
    MoveNaming(before, after, existed, m);
    absl::Status committed = outbox::CommitMutation(*client_, m);
    if (committed.ok()) return absl::OkStatus();
    if (absl::IsAlreadyExists(committed)) {
      // The report is projected, so nothing can be held for it since (the
      // hold's guard); what was loaded as waiting is applied all the same.
      if (waiting.records.empty()) return absl::OkStatus();
      seen = true;
      continue;
    }
    if (!absl::IsAborted(committed)) return committed;
  }
  return absl::AbortedError("report " + root + " kept changing; retried");
}

absl::Status RecordStore::MarkReachedMinistry(const v1::InboxItem& item,
                                              const kafka::Message& message, absl::Time now) {
  const std::string& report_id = item.hop().document().id();
  if (report_id.empty()) return absl::InvalidArgumentError("delivery names no report");
  const std::string key = keys::Report(report_id);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    ASSIGN_OR_RETURN(std::vector<Versioned> loaded, Load({key}));
    if (loaded[0].version == 0) {
      // Routing delivers what intake accepted, but this service reads the
      // two topics independently: held until the report's step applies it.
      absl::Status held =
          Hold(key, consumer::HeldOf(message, HeldDeliveryId(item), AwaitsReport(report_id), now));
      if (!absl::IsAborted(held)) return held;
      continue;
    }
    v1::ReportRecord record;
    if (!record.ParseFromString(loaded[0].body)) {
      return absl::DataLossError("stored report " + report_id + " does not parse");
    }
    if (record.has_reached_ministry_at()) return absl::OkStatus();
    *record.mutable_reached_ministry_at() = base::ToProto(ReachedAt(item, now));
    redis::Mutation m;
    outbox::PutVersioned(m, key, loaded[0].version, record.SerializeAsString());
    absl::Status committed = outbox::CommitMutation(*client_, m);
    if (!absl::IsAborted(committed)) return committed;
  }
  return absl::AbortedError("report " + report_id + " kept changing; retried");
}

template <typename Record>
absl::StatusOr<std::vector<Record>> RecordStore::LoadRecords(
    const std::vector<std::string>& names, std::string (*key_of)(const std::string&)) {
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const std::string& n : names) keys.push_back(key_of(n));
  ASSIGN_OR_RETURN(std::vector<Versioned> loaded, Load(keys));
  std::vector<Record> out;
  out.reserve(loaded.size());
  for (size_t i = 0; i < loaded.size(); ++i) {
    if (loaded[i].version == 0) continue;  // vanished since it was indexed
    if (!out.emplace_back().ParseFromString(loaded[i].body)) {
      return absl::DataLossError("stored record " + keys[i] + " does not parse");
    }
  }
  return out;
}

absl::StatusOr<std::vector<v1::RegisterEntry>> RecordStore::GetEntries(
    const std::vector<std::string>& procs) {
  return LoadRecords<v1::RegisterEntry>(procs, &keys::Entry);
}

absl::StatusOr<std::vector<v1::ReportRecord>> RecordStore::GetReports(
    const std::vector<std::string>& ids) {
  return LoadRecords<v1::ReportRecord>(ids, &keys::Report);
}

absl::StatusOr<std::vector<std::string>> RecordStore::Scan(const std::string& index,
                                                           const std::string& min, int limit) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"ZRANGEBYLEX", index, min, "+", "LIMIT", "0",
                                                     absl::StrCat(limit)}));
  return r.AsStringArray();
}

absl::StatusOr<std::vector<std::string>> RecordStore::Members(const std::string& index) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"ZRANGEBYLEX", index, "-", "+"}));
  return r.AsStringArray();
}

absl::StatusOr<std::vector<std::string>> RecordStore::ReportsNaming(const std::string& proc) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"SMEMBERS", keys::ReportsNaming(proc)}));
  ASSIGN_OR_RETURN(std::vector<std::string> ids, r.AsStringArray());
  std::sort(ids.begin(), ids.end());
  return ids;
}

}  // namespace opsreport::reconciliation_service
