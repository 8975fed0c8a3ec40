#include "control_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"

namespace opsreport::control {
namespace {

constexpr char kFiles[] = "control:files";

std::string AppliedKey(const std::string& hop_id) {
  return absl::StrCat("control:applied:", hop_id);
}
std::string AckKey(const std::string& hop_id) { return absl::StrCat("control:ack:", hop_id); }
std::string ReportKey(const std::string& root) { return absl::StrCat("control:delivered:", root); }

// A dedup key that fails the step as a duplicate once set.
void MarkOnce(redis::Mutation& m, const std::string& key) {
  m.RequireAbsent(key, outbox::GuardLabel(outbox::Guard::kDuplicate));
  m.Do({"SET", key, "1"});
}

}  // namespace

void AddLiveEvent(redis::Mutation& m, const v1::ControlStreamEvent& event) {
  m.Do({"XADD", kLiveEvents, "MAXLEN", "~", "100000", "*", "e", event.SerializeAsString()});
}

absl::StatusOr<std::vector<v1::ControlStreamEvent>> LiveEventsAfter(redis::Client& redis,
                                                                    std::string& cursor,
                                                                    int limit) {
  if (cursor.empty()) {
    ASSIGN_OR_RETURN(redis::Reply last,
                     redis.Command({"XREVRANGE", kLiveEvents, "+", "-", "COUNT", "1"}));
    cursor = last.elements.empty() ? "0-0" : last.elements[0].elements[0].str;
  }
  ASSIGN_OR_RETURN(redis::Reply reply,
                   redis.Command({"XRANGE", kLiveEvents, absl::StrCat("(", cursor), "+", "COUNT",
                                  absl::StrCat(limit)}));
  std::vector<v1::ControlStreamEvent> out;
  for (const redis::Reply& entry : reply.elements) {
    if (entry.elements.size() != 2 || entry.elements[1].elements.size() != 2) continue;
    cursor = entry.elements[0].str;
    v1::ControlStreamEvent e;
    if (!e.ParseFromString(entry.elements[1].elements[1].str)) continue;
    e.set_cursor(cursor);
    out.push_back(std::move(e));
  }
  return out;
}

std::string ControlStore::FileKey(const std::string& id) {
  return absl::StrCat("control:file:", id);
}

absl::StatusOr<StoredFile> ControlStore::Load(const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<outbox::VersionedBody> loaded,
                   outbox::LoadVersioned(*client_, {FileKey(id)}));
  StoredFile out;
  if (loaded[0].version == 0) return out;
  if (!out.file.ParseFromString(loaded[0].body)) {
    return absl::DataLossError(absl::StrCat("control file ", id, " does not parse"));
  }
  out.file.set_version(loaded[0].version);
  out.exists = true;
  return out;
}

absl::StatusOr<std::vector<v1::ControlFile>> ControlStore::LoadAll() {
  ASSIGN_OR_RETURN(redis::Reply ids, client_->Command({"ZRANGE", kFiles, "0", "-1"}));
  std::vector<std::vector<std::string>> gets;
  for (const auto& id : ids.elements) gets.push_back({"HGET", FileKey(id.str), "body"});
  std::vector<v1::ControlFile> out;
  if (gets.empty()) return out;
  ASSIGN_OR_RETURN(std::vector<redis::Reply> bodies, client_->Pipeline(gets));
  for (const auto& b : bodies) {
    v1::ControlFile f;
    if (b.is_string() && f.ParseFromString(b.str)) out.push_back(std::move(f));
  }
  return out;
}

void ControlStore::PutFile(redis::Mutation& m, const StoredFile& loaded,
                           const v1::ControlFile& updated) {
  const int64_t version = loaded.exists ? loaded.file.version() : 0;
  outbox::PutVersioned(m, FileKey(updated.id()), version, updated.SerializeAsString());
  if (!loaded.exists) {
    m.Do({"ZADD", kFiles, absl::StrCat(absl::ToUnixMillis(base::ToTime(updated.opened_at()))),
          updated.id()});
  }
}

void ControlStore::MarkApplied(redis::Mutation& m, const std::string& hop_id) {
  MarkOnce(m, AppliedKey(hop_id));
}

void ControlStore::MarkOverdue(redis::Mutation& m, const std::string& timer_id) {
  MarkOnce(m, absl::StrCat("control:overdue:", timer_id));
}

absl::StatusOr<DeliveryMarks> ControlStore::LoadMarks(const std::string& hop_id,
                                                      const std::string& root) {
  ASSIGN_OR_RETURN(std::vector<redis::Reply> r, client_->Pipeline({{"EXISTS", AppliedKey(hop_id)},
                                                                   {"EXISTS", AckKey(hop_id)},
                                                                   {"EXISTS", ReportKey(root)}}));
  if (r.size() != 3) return absl::InternalError("delivery marks: short pipeline reply");
  return DeliveryMarks{r[0].integer > 0, r[1].integer > 0, r[2].integer > 0};
}

absl::Status ControlStore::MarkAcked(const std::string& hop_id, absl::Duration kept) {
  redis::Mutation m;
  m.Do({"SET", AckKey(hop_id), "1", "PX",
        absl::StrCat(std::max<int64_t>(1, absl::ToInt64Milliseconds(kept)))});
  return outbox::CommitMutation(*client_, m);
}

void ControlStore::MarkReportDelivered(redis::Mutation& m, const std::string& root) {
  m.Do({"SET", ReportKey(root), "1"});
}

void ControlStore::RequireNotAcked(redis::Mutation& m, const std::string& hop_id) {
  m.RequireAbsent(AckKey(hop_id), outbox::GuardLabel(outbox::Guard::kConflict));
}

void ControlStore::RequireReportNotDelivered(redis::Mutation& m, const std::string& root) {
  m.RequireAbsent(ReportKey(root), outbox::GuardLabel(outbox::Guard::kConflict));
}

void ControlStore::RequireNotApplied(redis::Mutation& m, const std::string& hop_id) {
  m.RequireAbsent(AppliedKey(hop_id), outbox::GuardLabel(outbox::Guard::kDuplicate));
}

}  // namespace opsreport::control
