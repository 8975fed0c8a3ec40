#pragma once
// Durable deadline timers in Redis: scheduled timers survive a restart of any
// process (and of Redis, with AOF), and each fires once however many pollers
// claim concurrently, because every claim is one Lua step.
//
// Keys for namespace `ns`:
//   <ns>:timers           ZSET  id -> due (Unix ms)        pending timers
//   <ns>:timers:inflight  ZSET  id -> lease expiry (Unix ms) claimed, not acked
//   <ns>:timer:<id>       HASH  due, payload                the timer's record
// A record exists exactly while its timer is pending or in flight.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::timers {

struct Timer {
  std::string id;
  // Stored to the millisecond, rounded up so a timer never fires early.
  absl::Time due;
  std::string payload;  // opaque bytes

  bool operator==(const Timer&) const = default;
};
// {id, due (RFC 3339 UTC), payload C-escaped} for logs and test failures.
std::ostream& operator<<(std::ostream& os, const Timer& timer);

class TimerStore {
 public:
  // Timers per Lua step in ScheduleMany: large enough to amortise the round
  // trip, small enough that one step does not stall Redis (~1 ms).
  static constexpr int kScheduleBatch = 1000;
  static constexpr int kDefaultRecoverLimit = 10000;

  // `client` is not owned and must outlive the store. `ns` ("routing",
  // "control", ...) prefixes every key; every call fails with
  // INVALID_ARGUMENT while it is empty.
  TimerStore(redis::Client* client, std::string ns);

  const std::string& ns() const { return ns_; }
  std::string DueKey() const;
  std::string InFlightKey() const;
  std::string RecordKey(const std::string& id) const;

  // Idempotent: scheduling an existing id replaces its due time and payload
  // in one atomic step. Scheduling an id that is in flight (claimed with a
  // lease, not yet acked) makes it pending again with the new values, so a
  // handler may re-arm its own timer (e.g. the next hourly update) before it
  // is acked. INVALID_ARGUMENT for an empty id or an infinite due.
  absl::Status Schedule(const Timer& timer);
  // Bulk form: one Lua step per kScheduleBatch timers, so each batch is
  // atomic but the whole call is not; on an error the earlier batches stay
  // scheduled and a retry of the whole call is harmless. A repeated id in
  // the input: the last one wins. Input faults are all reported at once,
  // before anything is written ("timers[3].id: is empty; ...").
  absl::Status ScheduleMany(const std::vector<Timer>& timers);

  // The writes of Schedule / Cancel added to a caller's mutation, so a
  // service schedules or cancels deadlines in the same atomic step as the
  // state change that starts or meets them. Same semantics as the calls;
  // INVALID_ARGUMENT (nothing added) for an empty id or an infinite due.
  absl::Status ScheduleIn(redis::Mutation& mutation, const Timer& timer) const;
  absl::Status CancelIn(redis::Mutation& mutation, const std::string& id) const;

  // Removes a pending or in-flight timer. Unknown or already fired: OK.
  absl::Status Cancel(const std::string& id);

  // Fire-and-forget claim: atomically takes up to `limit` pending timers due
  // at or before `now` (earliest first) and deletes them. A caller that dies
  // before handling them loses them; use ClaimDueLeased where that matters.
  // `now` may be absl::InfiniteFuture() (everything pending).
  absl::StatusOr<std::vector<Timer>> ClaimDue(absl::Time now, int limit);

  // Crash-safe claim: atomically moves up to `limit` due timers to the
  // in-flight set with a lease ending at now + lease. The caller handles
  // each and Acks it; a timer not acked before its lease ends is put back
  // by RecoverExpiredLeases and fires again, so handlers must be idempotent
  // (the emitted event carries a dedup key).
  absl::StatusOr<std::vector<Timer>> ClaimDueLeased(absl::Time now, absl::Duration lease,
                                                    int limit);
  // Ends an in-flight timer: removes it and its record. Not in flight
  // (already acked, cancelled, rescheduled, unknown): OK, nothing changes,
  // so a record re-armed by the handler survives the Ack.
  absl::Status Ack(const std::string& id);
  absl::Status AckMany(const std::vector<std::string>& ids);
  // Moves up to `limit` in-flight timers whose lease ended at or before
  // `now` back to the pending set with their original due time. Returns how
  // many were moved.
  absl::StatusOr<int64_t> RecoverExpiredLeases(absl::Time now, int limit = kDefaultRecoverLimit);

  // Timers waiting to fire (not in flight).
  absl::StatusOr<int64_t> PendingCount();
  // Timers claimed with a lease and not yet acked.
  absl::StatusOr<int64_t> InFlightCount();
  // The timer while it is pending or in flight; nullopt once fired (acked),
  // cancelled or never scheduled.
  absl::StatusOr<std::optional<Timer>> Get(const std::string& id);

 private:
  absl::Status CheckNamespace() const;

  redis::Client* client_;
  std::string ns_;
};

}  // namespace opsreport::timers
