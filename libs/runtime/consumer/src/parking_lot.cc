#include "opsreport/consumer/parking_lot.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"

namespace opsreport::consumer {
namespace {

// How stale the in-memory view of held keys may get: a partition taken
// over from another process brings its parked keys within this long.
constexpr absl::Duration kRefreshEvery = absl::Seconds(5);
constexpr char kSeparator = '\x1f';

std::string KeyOf(const std::string& topic, const std::string& key) {
  return absl::StrCat(topic, std::string(1, kSeparator), key);
}

v1::ParkedRecord::Cause CauseToProto(kafka::ParkCause cause) {
  switch (cause) {
    case kafka::ParkCause::kRetriesExhausted:
      return v1::ParkedRecord::CAUSE_RETRIES_EXHAUSTED;
    case kafka::ParkCause::kInvalid:
      return v1::ParkedRecord::CAUSE_INVALID;
    case kafka::ParkCause::kBehind:
      return v1::ParkedRecord::CAUSE_BEHIND;
    case kafka::ParkCause::kHoldExpired:
      return v1::ParkedRecord::CAUSE_HOLD_EXPIRED;
  }
  return v1::ParkedRecord::CAUSE_UNSPECIFIED;
}

kafka::ParkCause CauseFromProto(v1::ParkedRecord::Cause cause) {
  switch (cause) {
    case v1::ParkedRecord::CAUSE_INVALID:
      return kafka::ParkCause::kInvalid;
    case v1::ParkedRecord::CAUSE_BEHIND:
      return kafka::ParkCause::kBehind;
    case v1::ParkedRecord::CAUSE_HOLD_EXPIRED:
      return kafka::ParkCause::kHoldExpired;
    default:
      return kafka::ParkCause::kRetriesExhausted;
  }
}

// Removes (or rewrites) one parked record and recomputes which record holds
// its key, in one step: a crash or another loop between the two can neither
// leave a key held by a record that is gone nor free a key still held.
// KEYS: records, index, bykey, heads. ARGV: id, heads field, body ("" =
// remove the record), "1" to keep it in the key's order (scored ARGV[5]).
const redis::Script& ReplayedScript() {
  static const redis::Script script(R"lua(
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
else
  if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return false end
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  if ARGV[4] == '1' then
    redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
  else
    redis.call('ZREM', KEYS[3], ARGV[1])
  end
end
local first = redis.call('ZRANGE', KEYS[3], 0, 0)
if #first > 0 then
  redis.call('HSET', KEYS[4], ARGV[2], first[1])
  return first[1]
end
redis.call('HDEL', KEYS[4], ARGV[2])
return false
)lua");
  return script;
}

// Records that take part in their key's order: those holding it and those
// parked behind one.
bool Ordered(const kafka::Parked& p) { return p.holds_key || p.cause == kafka::ParkCause::kBehind; }

}  // namespace

v1::ParkedRecord ToProto(const kafka::Parked& parked, const std::string& service, absl::Time now) {
  v1::ParkedRecord r;
  r.set_id(kafka::RecordId(parked.message));
  r.set_service(service);
  r.set_topic(parked.message.topic);
  r.set_partition(parked.message.partition);
  r.set_offset(parked.message.offset);
  r.set_key(parked.message.key);
  r.set_payload(parked.message.payload);
  r.set_cause(CauseToProto(parked.cause));
  r.set_error(parked.error);
  r.set_attempts(parked.attempts);
  if (parked.first_failed_at != absl::InfinitePast()) {
    *r.mutable_first_failed_at() = base::ToProto(parked.first_failed_at);
  }
  *r.mutable_parked_at() = base::ToProto(now);
  r.set_behind(parked.behind);
  r.set_holds_key(parked.holds_key);
  return r;
}

kafka::Parked FromProto(const v1::ParkedRecord& r) {
  kafka::Parked p;
  p.message = {r.topic(), r.partition(), r.offset(), r.key(), r.payload()};
  p.cause = CauseFromProto(r.cause());
  p.error = r.error();
  p.attempts = r.attempts();
  if (r.has_first_failed_at()) p.first_failed_at = base::ToTime(r.first_failed_at());
  p.behind = r.behind();
  p.holds_key = r.holds_key();
  return p;
}

ParkingLot::ParkingLot(redis::Client* client, std::string service, std::string dead_letter_topic,
                       outbox::Sink dead_letters, const base::Clock* clock)
    : client_(client),
      service_(std::move(service)),
      prefix_("park:" + service_),
      dead_letter_topic_(std::move(dead_letter_topic)),
      dead_letters_(std::move(dead_letters)),
      clock_(clock) {}

absl::Status ParkingLot::Load() { return Refresh(); }

absl::Status ParkingLot::Refresh() {
  uint64_t generation = 0;
  {
    absl::MutexLock lock(&mu_);
    generation = generation_;
  }
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"HGETALL", prefix_ + ":heads"}));
  std::map<std::pair<std::string, std::string>, std::string> heads;
  for (size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
    const std::string& field = reply.elements[i].str;
    size_t sep = field.find(kSeparator);
    if (sep == std::string::npos) continue;
    heads[{field.substr(0, sep), field.substr(sep + 1)}] = reply.elements[i + 1].str;
  }
  absl::MutexLock lock(&mu_);
  // A park or replay of this process since the read began is newer than
  // what was read: keep the map and read again on the next lookup.
  if (generation_ != generation) return absl::OkStatus();
  heads_ = std::move(heads);
  refreshed_at_ = absl::Now();
  return absl::OkStatus();
}

void ParkingLot::AddPark(outbox::Step& step, const kafka::Parked& parked) const {
  const v1::ParkedRecord record = ToProto(parked, service_, clock_->Now());
  redis::Mutation& m = step.mutation();
  // A record redelivered while parked behind another (a commit lost in a
  // crash) keeps what it was parked with.
  m.Do({parked.cause == kafka::ParkCause::kBehind ? "HSETNX" : "HSET", prefix_ + ":records",
        record.id(), record.SerializeAsString()});
  m.Do({"ZADD", prefix_ + ":index", "NX", absl::StrCat(absl::ToUnixMillis(clock_->Now())),
        record.id()});
  if (Ordered(parked)) {
    const std::string k = KeyOf(record.topic(), record.key());
    m.Do({"ZADD", prefix_ + ":bykey:" + k, absl::StrCat(record.offset()), record.id()});
    // The key's earliest parked record holds it: this one, unless one holds
    // it already (a record parked behind a head replayed meanwhile becomes
    // the head itself, never points at one that is gone).
    m.Do({"HSETNX", prefix_ + ":heads", k, record.id()});
  }
  // The copy on the dead-letter topic, published by the relay; keyed by the
  // id so a copy parked twice (a crash before the commit) is one record.
  step.Put(dead_letters_,
           {"park:" + record.id(), dead_letter_topic_, record.id(), record.SerializeAsString()},
           clock_->Now() + absl::Seconds(30));
}

absl::Status ParkingLot::Park(const kafka::Parked& parked) {
  outbox::Step step;
  AddPark(step, parked);
  RETURN_IF_ERROR(step.Commit(*client_));
  if (Ordered(parked)) {
    absl::MutexLock lock(&mu_);
    ++generation_;
    heads_.emplace(std::make_pair(parked.message.topic, parked.message.key),
                   kafka::RecordId(parked.message));
  }
  return absl::OkStatus();
}

std::optional<std::string> ParkingLot::HeldBy(const std::string& topic, const std::string& key) {
  bool stale = false;
  {
    absl::MutexLock lock(&mu_);
    stale = absl::Now() - refreshed_at_ > kRefreshEvery;
  }
  // A failed refresh keeps the last view: Redis being away is the loop's
  // (and its handler's) problem to report, not this lookup's.
  if (stale) Refresh().IgnoreError();
  absl::MutexLock lock(&mu_);
  auto it = heads_.find({topic, key});
  if (it == heads_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::optional<v1::ParkedRecord>> ParkingLot::LoadOne(const std::string& id) const {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"HGET", prefix_ + ":records", id}));
  if (!reply.is_string()) return std::nullopt;
  v1::ParkedRecord record;
  if (!record.ParseFromString(reply.str)) {
    return absl::DataLossError("parked record " + id + " does not parse");
  }
  return record;
}

absl::StatusOr<std::vector<kafka::Parked>> ParkingLot::ForReplay(
    const std::vector<std::string>& ids, bool all) {
  std::vector<v1::ParkedRecord> records;
  if (all) {
    ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"HVALS", prefix_ + ":records"}));
    for (const redis::Reply& body : reply.elements) {
      if (!records.emplace_back().ParseFromString(body.str)) {
        return absl::DataLossError("a parked record does not parse");
      }
    }
  } else {
    std::set<std::string> wanted;
    for (const std::string& id : ids) {
      ASSIGN_OR_RETURN(std::optional<v1::ParkedRecord> record, LoadOne(id));
      if (!record) return absl::NotFoundError("ids: no parked record " + id);
      if (!wanted.insert(id).second) continue;
      records.push_back(*record);
      // A record holding its key brings those parked behind it.
      if (!record->holds_key() && record->cause() != v1::ParkedRecord::CAUSE_BEHIND) continue;
      ASSIGN_OR_RETURN(
          redis::Reply behind,
          client_->Command(
              {"ZRANGE", prefix_ + ":bykey:" + KeyOf(record->topic(), record->key()), "0", "-1"}));
      for (const redis::Reply& other : behind.elements) {
        if (!wanted.insert(other.str).second) continue;
        ASSIGN_OR_RETURN(std::optional<v1::ParkedRecord> next, LoadOne(other.str));
        if (next) records.push_back(*next);
      }
    }
  }
  std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(a.topic(), a.partition(), a.offset()) <
           std::make_tuple(b.topic(), b.partition(), b.offset());
  });
  std::vector<kafka::Parked> out;
  out.reserve(records.size());
  for (const v1::ParkedRecord& r : records) out.push_back(FromProto(r));
  return out;
}

absl::Status ParkingLot::Replayed(const kafka::Parked& parked, const absl::Status& outcome) {
  const std::string id = kafka::RecordId(parked.message);
  const std::string k = KeyOf(parked.message.topic, parked.message.key);
  std::string body;
  if (!outcome.ok()) {
    ASSIGN_OR_RETURN(std::optional<v1::ParkedRecord> stored, LoadOne(id));
    if (!stored) return absl::OkStatus();  // replayed elsewhere meanwhile
    v1::ParkedRecord updated = ToProto(parked, service_, clock_->Now());
    *updated.mutable_parked_at() = stored->parked_at();
    body = updated.SerializeAsString();
  }
  ASSIGN_OR_RETURN(
      redis::Reply head,
      client_->Eval(
          ReplayedScript(),
          {prefix_ + ":records", prefix_ + ":index", prefix_ + ":bykey:" + k, prefix_ + ":heads"},
          {id, k, body, Ordered(parked) ? "1" : "0", absl::StrCat(parked.message.offset)}));
  absl::MutexLock lock(&mu_);
  ++generation_;
  const auto key = std::make_pair(parked.message.topic, parked.message.key);
  if (head.is_string()) {
    heads_[key] = head.str;
  } else {
    heads_.erase(key);
  }
  return absl::OkStatus();
}

absl::StatusOr<ParkingLot::Page> ParkingLot::List(int limit, const std::string& page_token) const {
  if (limit <= 0) limit = 100;
  int64_t start = 0;
  if (!page_token.empty() && (!absl::SimpleAtoi(page_token, &start) || start < 0)) {
    return absl::InvalidArgumentError("page_token: not a token this service gave");
  }
  ASSIGN_OR_RETURN(redis::Reply ids,
                   client_->Command({"ZRANGE", prefix_ + ":index", absl::StrCat(start),
                                     absl::StrCat(start + limit - 1)}));
  Page page;
  ASSIGN_OR_RETURN(page.total, Count());
  for (const redis::Reply& id : ids.elements) {
    ASSIGN_OR_RETURN(std::optional<v1::ParkedRecord> record, LoadOne(id.str));
    if (record) page.records.push_back(std::move(*record));
  }
  if (start + limit < page.total) page.next_page_token = absl::StrCat(start + limit);
  return page;
}

absl::StatusOr<int64_t> ParkingLot::Count() const {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", prefix_ + ":index"}));
  return reply.integer;
}

absl::StatusOr<std::optional<absl::Time>> ParkingLot::OldestParkedAt() const {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"ZRANGE", prefix_ + ":index", "0", "0", "WITHSCORES"}));
  if (reply.elements.size() < 2) return std::nullopt;
  int64_t ms = 0;
  if (!absl::SimpleAtoi(reply.elements[1].str, &ms)) {
    return absl::DataLossError("parking index score is not a number");
  }
  return absl::FromUnixMillis(ms);
}

}  // namespace opsreport::consumer
