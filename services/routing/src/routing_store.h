#pragma once
// Routing's state in Redis (prefix "routing:"): read here, and written only
// by the static helpers below into the redis::Mutation of a Router step, so
// the use cases never spell a key layout or a command, and every state
// change, its dedup key, its outbox messages, its timers and its live-view
// event land together or not at all.
//
//   routing:item:<unit>:<item id>   HASH body (InboxItem), v (version)
//   routing:idx:<unit>              ZSET item id -> received_at ms
//   routing:case:<root>             HASH route (RoutePlan), report, v, series, series_n
//   routing:case:<root>:supps       LIST supplement ids, in acceptance order
//   routing:case:<root>:items       SET  "<unit>|<item id>" of every item
//   routing:case:<root>:breaches    SET  breach ids
//   routing:doc:<id>                STRING AcceptedDocument
//   routing:q:<unit>:<root>         SET  data-request item ids received by unit
//   routing:applied:<key>           dedup of consumed documents and hops
//   routing:breach:<id>             STRING Breach: raised once
//   routing:breaches:<unit>         ZSET breach id -> detected_at ms, by responsible unit
//   routing:seq:<unit>:<year>       counter of the unit's forward numbers
//   routing:rr:<id>                 HASH body (ReconciliationInboxItem), v (version)
//   routing:rr:idx:<unit>           ZSET request id -> received_at ms (ListInbox)
//   routing:rr:day:<unit>:<day>     ZSET request id -> received_at ms (daily summary)
//   routing:rr:open:<match>         SET  unanswered request ids a document may answer
//   routing:events                  STREAM live-view events (capped)
//   routing:hops:outbox*, routing:pub:outbox*   outbox::RedisStore
//   routing:timers*                 timers::TimerStore namespace "routing"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::routing {

struct StoredItem {
  v1::InboxItem item;
  int64_t version = 0;  // 0: not stored yet
};

struct StoredReconciliation {
  v1::ReconciliationInboxItem item;
  int64_t version = 0;  // 0: not stored yet
};

struct CaseRecord {
  v1::RoutePlan route;
  v1::AcceptedDocument report;
  std::vector<v1::AcceptedDocument> supplements;  // acceptance order
  std::string series;                             // active ongoing-update timer id
  int64_t series_n = 0;
  int64_t version = 0;
};

class RoutingStore {
 public:
  explicit RoutingStore(redis::Client* client) : client_(client) {}
  redis::Client& client() { return *client_; }

  static std::string ItemKey(const std::string& unit, const std::string& item_id);
  static std::string IndexKey(const std::string& unit);
  static std::string CaseKey(const std::string& root);
  static std::string DocKey(const std::string& id);
  static std::string AppliedKey(const std::string& key);
  static std::string BreachKey(const std::string& id);
  static std::string UnitBreachesKey(const std::string& unit);
  static std::string QuestionsKey(const std::string& unit, const std::string& root);
  static std::string ReconciliationKey(const std::string& id);
  static std::string ReconciliationIndexKey(const std::string& unit);
  static std::string ReconciliationDayKey(const std::string& unit, const std::string& day);
  static std::string ReconciliationOpenKey(const std::string& match);
  static constexpr char kEvents[] = "routing:events";

  // Whether the dedup key `applied_key` (an AppliedKey) was set by MarkApplied.
  absl::StatusOr<bool> IsApplied(const std::string& applied_key);
  absl::StatusOr<std::optional<StoredItem>> LoadItem(const std::string& unit,
                                                     const std::string& item_id);
  // Items by (unit, item id), one round trip; missing ones are skipped.
  absl::StatusOr<std::vector<StoredItem>> LoadItems(
      const std::vector<std::pair<std::string, std::string>>& keys);
  absl::StatusOr<std::optional<CaseRecord>> LoadCase(const std::string& root);
  absl::StatusOr<std::vector<StoredItem>> CaseItems(const std::string& root);
  absl::StatusOr<std::vector<v1::Breach>> CaseBreaches(const std::string& root);
  absl::StatusOr<std::vector<std::string>> Questions(const std::string& unit,
                                                     const std::string& root);
  // Item ids of `unit` received in [from, to), oldest first unless newest_first.
  absl::StatusOr<std::vector<std::string>> IndexRange(const std::string& unit, absl::Time from,
                                                      absl::Time to, int limit, bool newest_first);
  absl::StatusOr<std::vector<v1::Breach>> BreachesOf(const std::string& unit, int limit);
  absl::StatusOr<std::optional<v1::Breach>> LoadBreach(const std::string& id);
  absl::StatusOr<int64_t> NextForwardNumber(const std::string& unit, int year);

  // Reconciliation requests by id, one round trip; missing ones are skipped.
  absl::StatusOr<std::vector<StoredReconciliation>> LoadReconciliations(
      const std::vector<std::string>& ids);
  // Request ids of `unit`, newest first.
  absl::StatusOr<std::vector<std::string>> ReconciliationIndex(const std::string& unit, int limit);
  // Request ids listed in the daily summaries of `units` for `day`, one round trip.
  absl::StatusOr<std::vector<std::string>> ReconciliationsOfDay(
      const std::vector<std::string>& units, const std::string& day);
  // Unanswered request ids under each match key, deduplicated, one round trip.
  absl::StatusOr<std::vector<std::string>> OpenReconciliations(
      const std::vector<std::string>& matches);

  // Writes of an item guarded by the version it was loaded at (0 = must not
  // exist yet); indexes a new item.
  static void PutItem(redis::Mutation& m, const StoredItem& loaded, const v1::InboxItem& item);
  static void PutCase(redis::Mutation& m, const CaseRecord& loaded, const CaseRecord& updated);
  // A reconciliation request guarded by the version it was loaded at (0 =
  // must not exist yet); a new one is indexed by unit and by summary day.
  static void PutReconciliation(redis::Mutation& m, const StoredReconciliation& loaded,
                                const v1::ReconciliationInboxItem& item);
  static void AddEvent(redis::Mutation& m, const v1::RoutingEvent& event, int64_t max_len);

  // The dedup key of a consumed message; kept forever, or for `ttl` where
  // re-sends stop after a bounded time.
  static void MarkApplied(redis::Mutation& m, const std::string& applied_key);
  static void MarkApplied(redis::Mutation& m, const std::string& applied_key, absl::Duration ttl);
  // An accepted document by id: LoadCase reads the supplements from here.
  static void PutDocument(redis::Mutation& m, const v1::AcceptedDocument& doc);
  // Appends a supplement (stored by PutDocument) to its case's list, so
  // LoadCase returns supplements in acceptance order.
  static void AppendSupplement(redis::Mutation& m, const std::string& root,
                               const std::string& supplement_id);
  // A data request `unit` received on case `root`, for Questions: a later
  // supplement reaching that unit answers it.
  static void AddQuestion(redis::Mutation& m, const std::string& unit, const std::string& root,
                          const std::string& item_id);
  // A breach, indexed under its responsible unit by detected_at (BreachesOf)
  // and under its case (CaseBreaches).
  static void AddBreach(redis::Mutation& m, const v1::Breach& breach);
  // Lists an unanswered reconciliation request under each key a document may
  // answer it by (OpenReconciliations), or takes it off them once answered.
  static void OpenReconciliation(redis::Mutation& m, const std::vector<std::string>& matches,
                                 const std::string& request_id);
  static void CloseReconciliation(redis::Mutation& m, const std::vector<std::string>& matches,
                                  const std::string& request_id);

  // Events after `cursor` ("" = the oldest kept), at most `limit`.
  absl::StatusOr<std::vector<v1::RoutingEvent>> EventsAfter(const std::string& cursor, int limit);
  // The newest event's cursor ("0-0" when there is none).
  absl::StatusOr<std::string> LatestCursor();

 private:
  redis::Client* client_;
};

}  // namespace opsreport::routing
