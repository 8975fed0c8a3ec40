#include "scripts.h"

namespace opsreport::timers::internal {

// Scripts build record keys from a prefix argument rather than KEYS: fine on
// a single Redis (our deployment), not on Redis Cluster.

// KEYS: due, inflight. ARGV: record prefix, then (id, due ms, payload)*.
// Returns how many were scheduled. Redis CPU is the cost that matters at
// scale, so members go to ZADD 200 at a time (unpack stays far below Lua's
// C-stack limit) and the in-flight set is only touched when it exists. A
// repeated id: ZADD and HSET both apply in order, the last one wins.
const redis::Script& ScheduleScript() {
  static const redis::Script script(R"lua(
local prefix = ARGV[1]
local inflight = redis.call('EXISTS', KEYS[2]) == 1
local members = {}
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  if inflight then redis.call('ZREM', KEYS[2], id) end
  redis.call('HSET', prefix .. id, 'due', ARGV[i + 1], 'payload', ARGV[i + 2])
  members[#members + 1] = ARGV[i + 1]
  members[#members + 1] = id
  if #members == 400 then
    redis.call('ZADD', KEYS[1], unpack(members))
    members = {}
  end
end
if #members > 0 then redis.call('ZADD', KEYS[1], unpack(members)) end
return (#ARGV - 1) / 3
)lua");
  return script;
}

// KEYS: due. ARGV: now ms (or -inf/+inf), limit, record prefix.
// Returns (id, due, payload)* earliest first; they and their records are gone.
// The claimed members are ranks 0..n-1, so one ZREMRANGEBYRANK removes them;
// records go 200 to a DEL (unpack stays far below Lua's C-stack limit).
const redis::Script& ClaimScript() {
  static const redis::Script script(R"lua(
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
local out, records = {}, {}
for i = 1, #items, 2 do
  local key = ARGV[3] .. items[i]
  out[#out + 1] = items[i]
  out[#out + 1] = items[i + 1]
  out[#out + 1] = redis.call('HGET', key, 'payload') or ''
  records[#records + 1] = key
  if #records == 200 then
    redis.call('DEL', unpack(records))
    records = {}
  end
end
if #records > 0 then redis.call('DEL', unpack(records)) end
if #items > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #items / 2 - 1) end
return out
)lua");
  return script;
}

// KEYS: due, inflight. ARGV: now ms (or -inf/+inf), limit, record prefix,
// lease end ms. Returns (id, due, payload)*; they move to inflight scored by
// the lease end and keep their records (which hold the due time for recovery).
const redis::Script& ClaimLeasedScript() {
  static const redis::Script script(R"lua(
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
local out, members = {}, {}
for i = 1, #items, 2 do
  out[#out + 1] = items[i]
  out[#out + 1] = items[i + 1]
  out[#out + 1] = redis.call('HGET', ARGV[3] .. items[i], 'payload') or ''
  members[#members + 1] = ARGV[4]
  members[#members + 1] = items[i]
  if #members == 400 then
    redis.call('ZADD', KEYS[2], unpack(members))
    members = {}
  end
end
if #members > 0 then redis.call('ZADD', KEYS[2], unpack(members)) end
if #items > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #items / 2 - 1) end
return out
)lua");
  return script;
}

// KEYS: inflight. ARGV: record prefix, id*. Deletes the record only of ids
// that were in flight, so a timer re-armed by its handler survives its Ack.
// Returns how many were in flight. 200 ids per ZMSCORE/ZREM/DEL (Redis 6.2+).
// A repeated id is removed by the first chunk that holds it; a later chunk
// finds it gone.
const redis::Script& AckScript() {
  static const redis::Script script(R"lua(
local n = 0
for i = 2, #ARGV, 200 do
  local ids = {}
  for j = i, math.min(i + 199, #ARGV) do ids[#ids + 1] = ARGV[j] end
  local scores = redis.call('ZMSCORE', KEYS[1], unpack(ids))
  local members, records, seen = {}, {}, {}
  for k = 1, #ids do
    if scores[k] and not seen[ids[k]] then
      seen[ids[k]] = true
      members[#members + 1] = ids[k]
      records[#records + 1] = ARGV[1] .. ids[k]
    end
  end
  if #members > 0 then
    redis.call('ZREM', KEYS[1], unpack(members))
    redis.call('DEL', unpack(records))
    n = n + #members
  end
end
return n
)lua");
  return script;
}

// KEYS: due, inflight. ARGV: now ms (or -inf/+inf), limit, record prefix.
// Moves in-flight ids whose lease ended back to due with their recorded due
// time; an entry whose record vanished is dropped. Returns how many moved.
const redis::Script& RecoverScript() {
  static const redis::Script script(R"lua(
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local moved = 0
for _, id in ipairs(ids) do
  local due = redis.call('HGET', ARGV[3] .. id, 'due')
  if due then
    redis.call('ZADD', KEYS[1], due, id)
    moved = moved + 1
  end
end
if #ids > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, #ids - 1) end
return moved
)lua");
  return script;
}

}  // namespace opsreport::timers::internal
