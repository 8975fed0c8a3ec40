#include "routing_store.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"

namespace opsreport::routing {
namespace {

template <typename Proto>
absl::StatusOr<Proto> Parse(const std::string& bytes, const std::string& what) {
  Proto p;
  if (!p.ParseFromString(bytes)) return absl::DataLossError(absl::StrCat(what, " does not parse"));
  return p;
}

// The versioned records (StoredItem, StoredReconciliation) at `keys`, in
// order, skipping absent ones.
template <typename Stored>
absl::StatusOr<std::vector<Stored>> LoadVersioned(redis::Client& client,
                                                  const std::vector<std::string>& keys) {
  ASSIGN_OR_RETURN(std::vector<outbox::VersionedBody> loaded, outbox::LoadVersioned(client, keys));
  std::vector<Stored> out;
  for (size_t i = 0; i < loaded.size(); ++i) {
    if (loaded[i].version == 0) continue;
    Stored stored;
    ASSIGN_OR_RETURN(stored.item, Parse<decltype(stored.item)>(loaded[i].body, keys[i]));
    stored.version = loaded[i].version;
    out.push_back(std::move(stored));
  }
  return out;
}

}  // namespace

std::string RoutingStore::ItemKey(const std::string& unit, const std::string& item_id) {
  return absl::StrCat("routing:item:", unit, ":", item_id);
}
std::string RoutingStore::IndexKey(const std::string& unit) {
  return absl::StrCat("routing:idx:", unit);
}
std::string RoutingStore::CaseKey(const std::string& root) {
  return absl::StrCat("routing:case:", root);
}
std::string RoutingStore::DocKey(const std::string& id) { return absl::StrCat("routing:doc:", id); }
std::string RoutingStore::AppliedKey(const std::string& key) {
  return absl::StrCat("routing:applied:", key);
}
std::string RoutingStore::BreachKey(const std::string& id) {
  return absl::StrCat("routing:breach:", id);
}
std::string RoutingStore::UnitBreachesKey(const std::string& unit) {
  return absl::StrCat("routing:breaches:", unit);
}
std::string RoutingStore::QuestionsKey(const std::string& unit, const std::string& root) {
  return absl::StrCat("routing:q:", unit, ":", root);
}

std::string RoutingStore::ReconciliationKey(const std::string& id) {
  return absl::StrCat("routing:rr:", id);
}
std::string RoutingStore::ReconciliationIndexKey(const std::string& unit) {
  return absl::StrCat("routing:rr:idx:", unit);
}
std::string RoutingStore::ReconciliationDayKey(const std::string& unit, const std::string& day) {
  return absl::StrCat("routing:rr:day:", unit, ":", day);
}
std::string RoutingStore::ReconciliationOpenKey(const std::string& match) {
  return absl::StrCat("routing:rr:open:", match);
}

absl::StatusOr<bool> RoutingStore::IsApplied(const std::string& applied_key) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"EXISTS", applied_key}));
  return reply.integer == 1;
}

absl::StatusOr<std::optional<StoredItem>> RoutingStore::LoadItem(const std::string& unit,
                                                                 const std::string& item_id) {
  ASSIGN_OR_RETURN(std::vector<StoredItem> items,
                   LoadVersioned<StoredItem>(*client_, {ItemKey(unit, item_id)}));
  if (items.empty()) return std::nullopt;
  return std::move(items.front());
}

absl::StatusOr<std::vector<StoredItem>> RoutingStore::LoadItems(
    const std::vector<std::pair<std::string, std::string>>& keys) {
  std::vector<std::string> item_keys;
  for (const auto& [unit, id] : keys) item_keys.push_back(ItemKey(unit, id));
  return LoadVersioned<StoredItem>(*client_, item_keys);
}

absl::StatusOr<std::optional<CaseRecord>> RoutingStore::LoadCase(const std::string& root) {
  const std::string key = CaseKey(root);
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies,
                   client_->Pipeline({{"HMGET", key, "route", "report", "v", "series", "series_n"},
                                      {"LRANGE", key + ":supps", "0", "-1"}}));
  for (const auto& r : replies) RETURN_IF_ERROR(r.ToStatus());
  const redis::Reply& h = replies[0];
  if (!h.is_array() || h.elements.size() != 5 || h.elements[0].is_nil()) return std::nullopt;
  CaseRecord c;
  ASSIGN_OR_RETURN(c.route, Parse<v1::RoutePlan>(h.elements[0].str, key + " route"));
  ASSIGN_OR_RETURN(c.report, Parse<v1::AcceptedDocument>(h.elements[1].str, key + " report"));
  if (!absl::SimpleAtoi(h.elements[2].str, &c.version)) {
    return absl::DataLossError(absl::StrCat(key, " has no version"));
  }
  c.series = h.elements[3].str;
  if (!h.elements[4].is_nil()) (void)absl::SimpleAtoi(h.elements[4].str, &c.series_n);
  std::vector<std::vector<std::string>> gets;
  for (const auto& id : replies[1].elements) gets.push_back({"GET", DocKey(id.str)});
  if (!gets.empty()) {
    ASSIGN_OR_RETURN(std::vector<redis::Reply> docs, client_->Pipeline(gets));
    for (size_t i = 0; i < docs.size(); ++i) {
      if (docs[i].is_nil()) continue;
      ASSIGN_OR_RETURN(v1::AcceptedDocument d,
                       Parse<v1::AcceptedDocument>(docs[i].str, gets[i][1]));
      c.supplements.push_back(std::move(d));
    }
  }
  return c;
}

absl::StatusOr<std::vector<StoredItem>> RoutingStore::CaseItems(const std::string& root) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"SMEMBERS", CaseKey(root) + ":items"}));
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& e : reply.elements) {
    std::pair<std::string, std::string> k = absl::StrSplit(e.str, absl::MaxSplits('|', 1));
    keys.push_back(std::move(k));
  }
  std::sort(keys.begin(), keys.end());
  return LoadItems(keys);
}

absl::StatusOr<std::vector<v1::Breach>> RoutingStore::CaseBreaches(const std::string& root) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"SMEMBERS", CaseKey(root) + ":breaches"}));
  std::vector<v1::Breach> out;
  for (const auto& e : reply.elements) {
    ASSIGN_OR_RETURN(std::optional<v1::Breach> b, LoadBreach(e.str));
    if (b) out.push_back(*std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const v1::Breach& a, const v1::Breach& b) {
    return a.due().seconds() != b.due().seconds() ? a.due().seconds() < b.due().seconds()
                                                  : a.id() < b.id();
  });
  return out;
}

absl::StatusOr<std::vector<std::string>> RoutingStore::Questions(const std::string& unit,
                                                                 const std::string& root) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"SMEMBERS", QuestionsKey(unit, root)}));
  return reply.AsStringArray();
}

absl::StatusOr<std::vector<std::string>> RoutingStore::IndexRange(const std::string& unit,
                                                                  absl::Time from, absl::Time to,
                                                                  int limit, bool newest_first) {
  // [from, to): "(" makes the upper bound exclusive.
  const std::string lo = absl::StrCat(absl::ToUnixMillis(from));
  const std::string hi = absl::StrCat("(", absl::ToUnixMillis(to));
  std::vector<std::string> cmd =
      newest_first ? std::vector<std::string>{"ZREVRANGEBYSCORE", IndexKey(unit), hi, lo}
                   : std::vector<std::string>{"ZRANGEBYSCORE", IndexKey(unit), lo, hi};
  cmd.insert(cmd.end(), {"LIMIT", "0", absl::StrCat(limit)});
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command(cmd));
  return reply.AsStringArray();
}

absl::StatusOr<std::vector<v1::Breach>> RoutingStore::BreachesOf(const std::string& unit,
                                                                 int limit) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZREVRANGE", UnitBreachesKey(unit), "0",
                                                         absl::StrCat(limit - 1)}));
  std::vector<v1::Breach> out;
  for (const auto& e : reply.elements) {
    ASSIGN_OR_RETURN(std::optional<v1::Breach> b, LoadBreach(e.str));
    if (b) out.push_back(*std::move(b));
  }
  return out;
}

absl::StatusOr<std::optional<v1::Breach>> RoutingStore::LoadBreach(const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"GET", BreachKey(id)}));
  if (reply.is_nil()) return std::nullopt;
  ASSIGN_OR_RETURN(v1::Breach b, Parse<v1::Breach>(reply.str, BreachKey(id)));
  return b;
}

absl::StatusOr<int64_t> RoutingStore::NextForwardNumber(const std::string& unit, int year) {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"INCR", absl::StrCat("routing:seq:", unit, ":", year)}));
  return reply.AsInteger();
}

absl::StatusOr<std::vector<StoredReconciliation>> RoutingStore::LoadReconciliations(
    const std::vector<std::string>& ids) {
  std::vector<std::string> keys;
  for (const auto& id : ids) keys.push_back(ReconciliationKey(id));
  return LoadVersioned<StoredReconciliation>(*client_, keys);
}

absl::StatusOr<std::vector<std::string>> RoutingStore::ReconciliationIndex(const std::string& unit,
                                                                           int limit) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZREVRANGE", ReconciliationIndexKey(unit),
                                                         "0", absl::StrCat(limit - 1)}));
  return reply.AsStringArray();
}

absl::StatusOr<std::vector<std::string>> RoutingStore::ReconciliationsOfDay(
    const std::vector<std::string>& units, const std::string& day) {
  std::vector<std::vector<std::string>> commands;
  for (const auto& unit : units) {
    commands.push_back({"ZRANGE", ReconciliationDayKey(unit, day), "0", "-1"});
  }
  std::vector<std::string> out;
  if (commands.empty()) return out;
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies, client_->Pipeline(commands));
  for (const redis::Reply& reply : replies) {
    ASSIGN_OR_RETURN(std::vector<std::string> ids, reply.AsStringArray());
    out.insert(out.end(), ids.begin(), ids.end());
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> RoutingStore::OpenReconciliations(
    const std::vector<std::string>& matches) {
  std::vector<std::vector<std::string>> commands;
  for (const auto& match : matches) commands.push_back({"SMEMBERS", ReconciliationOpenKey(match)});
  std::vector<std::string> out;
  if (commands.empty()) return out;
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies, client_->Pipeline(commands));
  for (const redis::Reply& reply : replies) {
    ASSIGN_OR_RETURN(std::vector<std::string> ids, reply.AsStringArray());
    out.insert(out.end(), ids.begin(), ids.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void RoutingStore::PutItem(redis::Mutation& m, const StoredItem& loaded,
                           const v1::InboxItem& item) {
  outbox::PutVersioned(m, ItemKey(item.unit_code(), item.item_id()), loaded.version,
                       item.SerializeAsString());
  if (loaded.version == 0) {
    const int64_t at = absl::ToUnixMillis(base::ToTime(item.received_at()));
    m.Do({"ZADD", IndexKey(item.unit_code()), absl::StrCat(at), item.item_id()});
    m.Do({"SADD", CaseKey(item.hop().document().root_report_id()) + ":items",
          absl::StrCat(item.unit_code(), "|", item.item_id())});
  }
}

void RoutingStore::PutCase(redis::Mutation& m, const CaseRecord& loaded,
                           const CaseRecord& updated) {
  const std::string key = CaseKey(updated.report.id());
  m.RequireField(key, "v", loaded.version == 0 ? "" : absl::StrCat(loaded.version),
                 outbox::GuardLabel(outbox::Guard::kConflict));
  m.Do({"HSET", key, "route", updated.route.SerializeAsString(), "report",
        updated.report.SerializeAsString(), "v", absl::StrCat(loaded.version + 1), "series",
        updated.series, "series_n", absl::StrCat(updated.series_n)});
}

void RoutingStore::PutReconciliation(redis::Mutation& m, const StoredReconciliation& loaded,
                                     const v1::ReconciliationInboxItem& item) {
  const v1::ReconciliationRequest& request = item.request();
  outbox::PutVersioned(m, ReconciliationKey(request.id()), loaded.version,
                       item.SerializeAsString());
  if (loaded.version == 0) {
    const std::string at = absl::StrCat(absl::ToUnixMillis(base::ToTime(item.received_at())));
    m.Do({"ZADD", ReconciliationIndexKey(request.unit_code()), at, request.id()});
    m.Do({"ZADD", ReconciliationDayKey(request.unit_code(), request.summary_day()), at,
          request.id()});
  }
}

void RoutingStore::AddEvent(redis::Mutation& m, const v1::RoutingEvent& event, int64_t max_len) {
  m.Do(
      {"XADD", kEvents, "MAXLEN", "~", absl::StrCat(max_len), "*", "e", event.SerializeAsString()});
}

void RoutingStore::MarkApplied(redis::Mutation& m, const std::string& applied_key) {
  m.Do({"SET", applied_key, "1"});
}

void RoutingStore::MarkApplied(redis::Mutation& m, const std::string& applied_key,
                               absl::Duration ttl) {
  m.Do({"SET", applied_key, "1", "EX", absl::StrCat(absl::ToInt64Seconds(ttl))});
}

void RoutingStore::PutDocument(redis::Mutation& m, const v1::AcceptedDocument& doc) {
  m.Do({"SET", DocKey(doc.id()), doc.SerializeAsString()});
}

void RoutingStore::AppendSupplement(redis::Mutation& m, const std::string& root,
                                    const std::string& supplement_id) {
  m.Do({"RPUSH", CaseKey(root) + ":supps", supplement_id});
}

void RoutingStore::AddQuestion(redis::Mutation& m, const std::string& unit, const std::string& root,
                               const std::string& item_id) {
  m.Do({"SADD", QuestionsKey(unit, root), item_id});
}

void RoutingStore::AddBreach(redis::Mutation& m, const v1::Breach& breach) {
  const int64_t at = absl::ToUnixMillis(base::ToTime(breach.detected_at()));
  m.Do({"SET", BreachKey(breach.id()), breach.SerializeAsString()});
  m.Do({"ZADD", UnitBreachesKey(breach.unit_responsible()), absl::StrCat(at), breach.id()});
  m.Do({"SADD", CaseKey(breach.root_report_id()) + ":breaches", breach.id()});
}

void RoutingStore::OpenReconciliation(redis::Mutation& m, const std::vector<std::string>& matches,
                                      const std::string& request_id) {
  for (const std::string& match : matches) {
    m.Do({"SADD", ReconciliationOpenKey(match), request_id});
  }
}

void RoutingStore::CloseReconciliation(redis::Mutation& m, const std::vector<std::string>& matches,
                                       const std::string& request_id) {
  for (const std::string& match : matches) {
    m.Do({"SREM", ReconciliationOpenKey(match), request_id});
  }
}

absl::StatusOr<std::vector<v1::RoutingEvent>> RoutingStore::EventsAfter(const std::string& cursor,
                                                                        int limit) {
  const std::string start = cursor.empty() ? "-" : absl::StrCat("(", cursor);
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"XRANGE", kEvents, start, "+", "COUNT", absl::StrCat(limit)}));
  std::vector<v1::RoutingEvent> out;
  for (const redis::Reply& entry : reply.elements) {
    if (entry.elements.size() != 2 || entry.elements[1].elements.size() != 2) continue;
    ASSIGN_OR_RETURN(v1::RoutingEvent e,
                     Parse<v1::RoutingEvent>(entry.elements[1].elements[1].str, "event"));
    e.set_cursor(entry.elements[0].str);
    out.push_back(std::move(e));
  }
  return out;
}

absl::StatusOr<std::string> RoutingStore::LatestCursor() {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"XREVRANGE", kEvents, "+", "-", "COUNT", "1"}));
  if (reply.elements.empty()) return std::string("0-0");
  return reply.elements[0].elements[0].str;
}

}  // namespace opsreport::routing
