#include "opsreport/timers/timer_store.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "millis.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "scripts.h"

namespace opsreport::timers {
namespace {

using internal::NowArg;
using internal::ParseMillis;

// Appends (id, due ms, payload) for the schedule script, or the faults.
void AddScheduleArgs(const Timer& timer, const std::string& field, base::Violations& violations,
                     std::vector<std::string>& args) {
  bool ok = true;
  if (timer.id.empty()) {
    violations.Add(field + ".id", "is empty");
    ok = false;
  }
  absl::StatusOr<int64_t> due = internal::DueMillis(timer.due);
  if (!due.ok()) {
    violations.Add(field + ".due", std::string(due.status().message()));
    ok = false;
  }
  if (!ok) return;
  args.push_back(timer.id);
  args.push_back(absl::StrCat(*due));
  args.push_back(timer.payload);
}

// The claim scripts' flat (id, due, payload)* reply.
absl::StatusOr<std::vector<Timer>> ParseClaimed(const redis::Reply& reply) {
  if (!reply.is_array() || reply.elements.size() % 3 != 0) {
    return absl::InternalError(absl::StrCat("timer claim: unexpected reply ", reply.DebugString()));
  }
  std::vector<Timer> out;
  out.reserve(reply.elements.size() / 3);
  for (size_t i = 0; i < reply.elements.size(); i += 3) {
    Timer t;
    ASSIGN_OR_RETURN(t.id, reply.elements[i].AsString());
    ASSIGN_OR_RETURN(std::string due, reply.elements[i + 1].AsString());
    ASSIGN_OR_RETURN(t.due, ParseMillis(due, absl::StrCat("due of timer ", t.id)));
    ASSIGN_OR_RETURN(t.payload, reply.elements[i + 2].AsString());
    out.push_back(std::move(t));
  }
  return out;
}

absl::Status CheckLimit(int limit) {
  if (limit <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("limit: ", limit, " is not positive"));
  }
  return absl::OkStatus();
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const Timer& timer) {
  return os << "{id='" << timer.id << "' due=" << absl::FormatTime(timer.due, absl::UTCTimeZone())
            << " payload='" << absl::CHexEscape(timer.payload) << "'}";
}

TimerStore::TimerStore(redis::Client* client, std::string ns)
    : client_(client), ns_(std::move(ns)) {}

std::string TimerStore::DueKey() const { return absl::StrCat(ns_, ":timers"); }
std::string TimerStore::InFlightKey() const { return absl::StrCat(ns_, ":timers:inflight"); }
std::string TimerStore::RecordKey(const std::string& id) const {
  return absl::StrCat(ns_, ":timer:", id);
}

absl::Status TimerStore::CheckNamespace() const {
  if (ns_.empty()) return absl::InvalidArgumentError("timer store namespace is empty");
  return absl::OkStatus();
}

absl::Status TimerStore::Schedule(const Timer& timer) {
  RETURN_IF_ERROR(CheckNamespace());
  base::Violations violations;
  std::vector<std::string> args = {RecordKey("")};
  AddScheduleArgs(timer, "timer", violations, args);
  RETURN_IF_ERROR(violations.ToStatus(absl::StrCat("timer '", timer.id, "'")));
  return client_->Eval(internal::ScheduleScript(), {DueKey(), InFlightKey()}, args).status();
}

absl::Status TimerStore::ScheduleMany(const std::vector<Timer>& timers) {
  RETURN_IF_ERROR(CheckNamespace());
  base::Violations violations;
  std::vector<std::vector<std::string>> batches;
  for (size_t i = 0; i < timers.size(); ++i) {
    if (i % kScheduleBatch == 0) {
      batches.emplace_back();
      batches.back().reserve(1 + 3 * std::min<size_t>(kScheduleBatch, timers.size() - i));
      batches.back().push_back(RecordKey(""));
    }
    AddScheduleArgs(timers[i], absl::StrCat("timers[", i, "]"), violations, batches.back());
  }
  RETURN_IF_ERROR(violations.ToStatus(absl::StrCat(timers.size(), " timers")));
  std::vector<std::string> keys = {DueKey(), InFlightKey()};
  for (const auto& args : batches) {
    RETURN_IF_ERROR(client_->Eval(internal::ScheduleScript(), keys, args).status());
  }
  return absl::OkStatus();
}

absl::Status TimerStore::ScheduleIn(redis::Mutation& mutation, const Timer& timer) const {
  RETURN_IF_ERROR(CheckNamespace());
  if (timer.id.empty()) return absl::InvalidArgumentError("id: is empty");
  ASSIGN_OR_RETURN(int64_t due, internal::DueMillis(timer.due));
  mutation.Do({"ZREM", InFlightKey(), timer.id});
  mutation.Do({"HSET", RecordKey(timer.id), "due", absl::StrCat(due), "payload", timer.payload});
  mutation.Do({"ZADD", DueKey(), absl::StrCat(due), timer.id});
  return absl::OkStatus();
}

absl::Status TimerStore::CancelIn(redis::Mutation& mutation, const std::string& id) const {
  RETURN_IF_ERROR(CheckNamespace());
  if (id.empty()) return absl::InvalidArgumentError("id: is empty");
  mutation.Do({"ZREM", DueKey(), id});
  mutation.Do({"ZREM", InFlightKey(), id});
  mutation.Do({"DEL", RecordKey(id)});
  return absl::OkStatus();
}

absl::Status TimerStore::Cancel(const std::string& id) {
  RETURN_IF_ERROR(CheckNamespace());
  if (id.empty()) return absl::InvalidArgumentError("id: is empty");
  ASSIGN_OR_RETURN(
      std::vector<redis::Reply> replies,
      client_->Transaction(
          {{"ZREM", DueKey(), id}, {"ZREM", InFlightKey(), id}, {"DEL", RecordKey(id)}}));
  for (const auto& reply : replies) RETURN_IF_ERROR(reply.ToStatus());
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Timer>> TimerStore::ClaimDue(absl::Time now, int limit) {
  RETURN_IF_ERROR(CheckNamespace());
  RETURN_IF_ERROR(CheckLimit(limit));
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Eval(internal::ClaimScript(), {DueKey()},
                                 {NowArg(now), absl::StrCat(limit), RecordKey("")}));
  return ParseClaimed(reply);
}

absl::StatusOr<std::vector<Timer>> TimerStore::ClaimDueLeased(absl::Time now, absl::Duration lease,
                                                              int limit) {
  RETURN_IF_ERROR(CheckNamespace());
  RETURN_IF_ERROR(CheckLimit(limit));
  if (lease <= absl::ZeroDuration() || lease == absl::InfiniteDuration()) {
    return absl::InvalidArgumentError(
        absl::StrCat("lease: ", absl::FormatDuration(lease), " is not a positive finite duration"));
  }
  if (now == absl::InfiniteFuture() || now == absl::InfinitePast()) {
    // The lease end would be infinite: the claim could never be recovered.
    return absl::InvalidArgumentError("now: is infinite (a lease needs a finite start)");
  }
  ASSIGN_OR_RETURN(int64_t lease_end, internal::DueMillis(now + lease));
  ASSIGN_OR_RETURN(
      redis::Reply reply,
      client_->Eval(internal::ClaimLeasedScript(), {DueKey(), InFlightKey()},
                    {NowArg(now), absl::StrCat(limit), RecordKey(""), absl::StrCat(lease_end)}));
  return ParseClaimed(reply);
}

absl::Status TimerStore::Ack(const std::string& id) { return AckMany({id}); }

absl::Status TimerStore::AckMany(const std::vector<std::string>& ids) {
  RETURN_IF_ERROR(CheckNamespace());
  base::Violations violations;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i].empty()) violations.Add(absl::StrCat("ids[", i, "]"), "is empty");
  }
  RETURN_IF_ERROR(violations.ToStatus("ack"));
  if (ids.empty()) return absl::OkStatus();
  std::vector<std::string> args = {RecordKey("")};
  args.insert(args.end(), ids.begin(), ids.end());
  return client_->Eval(internal::AckScript(), {InFlightKey()}, args).status();
}

absl::StatusOr<int64_t> TimerStore::RecoverExpiredLeases(absl::Time now, int limit) {
  RETURN_IF_ERROR(CheckNamespace());
  RETURN_IF_ERROR(CheckLimit(limit));
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Eval(internal::RecoverScript(), {DueKey(), InFlightKey()},
                                 {NowArg(now), absl::StrCat(limit), RecordKey("")}));
  return reply.AsInteger();
}

absl::StatusOr<int64_t> TimerStore::PendingCount() {
  RETURN_IF_ERROR(CheckNamespace());
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", DueKey()}));
  return reply.AsInteger();
}

absl::StatusOr<int64_t> TimerStore::InFlightCount() {
  RETURN_IF_ERROR(CheckNamespace());
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", InFlightKey()}));
  return reply.AsInteger();
}

absl::StatusOr<std::optional<Timer>> TimerStore::Get(const std::string& id) {
  RETURN_IF_ERROR(CheckNamespace());
  if (id.empty()) return absl::InvalidArgumentError("id: is empty");
  ASSIGN_OR_RETURN(
      redis::Reply reply,
      client_->Command({"HMGET", RecordKey(id), internal::kDueField, internal::kPayloadField}));
  if (!reply.is_array() || reply.elements.size() != 2) {
    return absl::InternalError(absl::StrCat("timer get: unexpected reply ", reply.DebugString()));
  }
  if (reply.elements[0].is_nil()) return std::nullopt;
  Timer t;
  t.id = id;
  ASSIGN_OR_RETURN(std::string due, reply.elements[0].AsString());
  ASSIGN_OR_RETURN(t.due, ParseMillis(due, absl::StrCat("due of timer ", id)));
  if (!reply.elements[1].is_nil()) {
    ASSIGN_OR_RETURN(t.payload, reply.elements[1].AsString());
  }
  return t;
}

}  // namespace opsreport::timers
