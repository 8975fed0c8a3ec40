#include "opsreport/consumer/hold_store.h"

#include <algorithm>
#include <iostream>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"

namespace opsreport::consumer {
namespace {

constexpr char kSeparator = '\x1f';
// How long a key with nothing held keeps its version (see ReleaseFields).
constexpr absl::Duration kEmptiedKept = absl::Hours(24 * 30);

std::string Member(const std::string& awaits, const std::string& id) {
  return absl::StrCat(awaits, std::string(1, kSeparator), id);
}

std::string Field(const std::string& id) { return "r:" + id; }

}  // namespace

v1::HeldRecord HeldOf(const kafka::Message& message, std::string id, std::string awaits,
                      absl::Time now) {
  v1::HeldRecord held;
  held.set_id(std::move(id));
  held.set_awaits(std::move(awaits));
  held.set_topic(message.topic);
  held.set_partition(message.partition);
  held.set_offset(message.offset);
  held.set_key(message.key);
  held.set_payload(message.payload);
  *held.mutable_held_at() = base::ToProto(now);
  return held;
}

kafka::Message MessageOf(const v1::HeldRecord& held) {
  return {held.topic(), held.partition(), held.offset(), held.key(), held.payload()};
}

HoldStore::HoldStore(redis::Client* client, std::string prefix, ParkingLot* parking)
    : client_(client), prefix_(std::move(prefix)), parking_(parking) {}

absl::Status HoldStore::Park(const Waiting& waiting, const v1::HeldRecord& record,
                             const std::string& reason) const {
  if (parking_ == nullptr) return absl::FailedPreconditionError("no parking lot to park in");
  kafka::Parked parked;
  parked.message = MessageOf(record);
  parked.cause = kafka::ParkCause::kInvalid;
  parked.error = absl::StrCat("held for ", record.awaits(), ", then refused: ", reason);
  parked.attempts = 1;
  parked.first_failed_at = base::ToTime(record.held_at());
  outbox::Step step;
  ReleaseOne(step.mutation(), waiting, record.id());
  parking_->AddPark(step, parked);
  return step.Commit(*client_);
}

std::string HoldStore::WaitKey(const std::string& awaits) const {
  return absl::StrCat(prefix_, ":w:", awaits);
}

absl::StatusOr<HoldStore::Waiting> HoldStore::Load(const std::string& awaits) const {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"HGETALL", WaitKey(awaits)}));
  Waiting waiting;
  waiting.awaits = awaits;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    const std::string& field = reply.elements[i].str;
    const std::string& value = reply.elements[i + 1].str;
    if (field == "v") {
      waiting.version = value;
    } else if (field.starts_with("r:")) {
      if (!waiting.records.emplace_back().ParseFromString(value)) {
        return absl::DataLossError(
            absl::StrCat("held record ", field.substr(2), " for ", awaits, " does not parse"));
      }
    }
  }
  std::sort(
      waiting.records.begin(), waiting.records.end(),
      [](const v1::HeldRecord& a, const v1::HeldRecord& b) {
        return std::make_tuple(base::ToTime(a.held_at()), a.topic(), a.partition(), a.offset()) <
               std::make_tuple(base::ToTime(b.held_at()), b.topic(), b.partition(), b.offset());
      });
  return waiting;
}

void HoldStore::Hold(redis::Mutation& m, const v1::HeldRecord& record) const {
  const std::string key = WaitKey(record.awaits());
  m.Do({"HINCRBY", key, "v", "1"});
  m.Do({"HSET", key, Field(record.id()), record.SerializeAsString()});
  m.Do({"PERSIST", key});  // a key emptied before expires; one that holds does not
  m.Do({"ZADD", prefix_ + ":index", "NX",
        absl::StrCat(absl::ToUnixMillis(base::ToTime(record.held_at()))),
        Member(record.awaits(), record.id())});
}

void HoldStore::Release(redis::Mutation& m, const Waiting& waiting) const {
  // Guarded even when nothing was loaded: a record held since then must
  // make this step ABORTED (and be applied by its rebuild), not be missed.
  const std::string key = WaitKey(waiting.awaits);
  m.RequireField(key, "v", waiting.version, outbox::GuardLabel(outbox::Guard::kConflict));
  if (waiting.records.empty()) return;
  ReleaseFields(m, waiting.awaits, [&] {
    std::vector<std::string> ids;
    for (const v1::HeldRecord& r : waiting.records) ids.push_back(r.id());
    return ids;
  }());
}

void HoldStore::ReleaseOne(redis::Mutation& m, const Waiting& waiting,
                           const std::string& id) const {
  m.RequireField(WaitKey(waiting.awaits), "v", waiting.version,
                 outbox::GuardLabel(outbox::Guard::kConflict));
  ReleaseFields(m, waiting.awaits, {id});
}

void HoldStore::ReleaseFields(redis::Mutation& m, const std::string& awaits,
                              const std::vector<std::string>& ids) const {
  // The version is bumped, never deleted: a key deleted and held again would
  // restart at a version a stale load still holds, and its release would
  // pass the guard and remove a record it never saw. An emptied key expires
  // long after any load of it can still be in use.
  const std::string key = WaitKey(awaits);
  std::vector<std::string> hdel = {"HDEL", key};
  std::vector<std::string> zrem = {"ZREM", prefix_ + ":index"};
  for (const std::string& id : ids) {
    hdel.push_back(Field(id));
    zrem.push_back(Member(awaits, id));
  }
  m.Do({"HINCRBY", key, "v", "1"});
  m.Do(std::move(hdel));
  m.Do(std::move(zrem));
  m.Do({"PEXPIRE", key, absl::StrCat(absl::ToInt64Milliseconds(kEmptiedKept))});
}

absl::Status HoldStore::Drain(const std::string& awaits, const std::string& label,
                              const ApplyHeld& apply, int max_conflicts) const {
  std::set<std::string> left;  // still waiting, or refused and not parked
  int conflicts = 0;
  int park_conflicts = 0;  // not reset: a park that keeps conflicting ends
  for (;;) {
    ASSIGN_OR_RETURN(Waiting waiting, Load(awaits));
    auto next = std::find_if(waiting.records.begin(), waiting.records.end(),
                             [&](const v1::HeldRecord& r) { return !left.contains(r.id()); });
    if (next == waiting.records.end()) return absl::OkStatus();
    absl::StatusOr<bool> done = apply(waiting, *next);
    if (absl::IsAborted(done.status())) {
      // Changed meanwhile (the state it applies to, or what is held).
      if (++conflicts >= max_conflicts) return done.status();
      continue;
    }
    conflicts = 0;
    if (absl::IsInvalidArgument(done.status())) {
      absl::Status parked = Park(waiting, *next, std::string(done.status().message()));
      if (absl::IsAborted(parked) && ++park_conflicts < max_conflicts) continue;
      std::cerr << label << ": held " << next->id() << " for " << awaits
                << " cannot be applied: " << done.status()
                << (parked.ok() ? "; parked" : "; left held") << std::endl;
      if (!parked.ok()) left.insert(next->id());
      continue;
    }
    RETURN_IF_ERROR(done.status());
    if (!*done) left.insert(next->id());
  }
}

absl::StatusOr<int64_t> HoldStore::Count() const {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", prefix_ + ":index"}));
  return reply.integer;
}

absl::StatusOr<std::optional<absl::Time>> HoldStore::OldestHeldAt() const {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"ZRANGE", prefix_ + ":index", "0", "0", "WITHSCORES"}));
  if (reply.elements.size() < 2) return std::nullopt;
  int64_t ms = 0;
  if (!absl::SimpleAtoi(reply.elements[1].str, &ms)) {
    return absl::DataLossError("hold index score is not a number");
  }
  return absl::FromUnixMillis(ms);
}

absl::StatusOr<std::vector<v1::HeldRecord>> HoldStore::List(int limit) const {
  return Range({"ZRANGE", prefix_ + ":index", "0", absl::StrCat(std::max(limit, 1) - 1)});
}

absl::StatusOr<std::vector<v1::HeldRecord>> HoldStore::HeldBefore(absl::Time cutoff,
                                                                  int limit) const {
  return Range({"ZRANGEBYSCORE", prefix_ + ":index", "-inf",
                absl::StrCat(absl::ToUnixMillis(cutoff)), "LIMIT", "0",
                absl::StrCat(std::max(limit, 1))});
}

absl::StatusOr<std::vector<v1::HeldRecord>> HoldStore::Range(
    const std::vector<std::string>& zrange) const {
  ASSIGN_OR_RETURN(redis::Reply members, client_->Command(zrange));
  std::vector<std::vector<std::string>> reads;
  for (const redis::Reply& member : members.elements) {
    const std::string& s = member.str;
    size_t sep = s.find(kSeparator);
    if (sep == std::string::npos) continue;
    reads.push_back({"HGET", WaitKey(s.substr(0, sep)), Field(s.substr(sep + 1))});
  }
  std::vector<v1::HeldRecord> out;
  if (reads.empty()) return out;
  ASSIGN_OR_RETURN(std::vector<redis::Reply> bodies, client_->Pipeline(reads));
  for (const redis::Reply& body : bodies) {
    if (!body.is_string()) continue;  // released since it was listed
    if (!out.emplace_back().ParseFromString(body.str)) {
      return absl::DataLossError("a held record does not parse");
    }
  }
  return out;
}

}  // namespace opsreport::consumer
