#include "scripts.h"

namespace opsreport::timers::internal {

// Scripts build record keys from a prefix argument rather than KEYS: fine on
// a single Redis (our deployment), not on Redis Cluster.

// KEYS: due, inflight. ARGV: record prefix, then (id, due ms, payload)*.
// Returns how many were scheduled.
const redis::Script& ScheduleScript() {
  static const redis::Script script(R"lua(
local prefix = ARGV[1]
for i = 2, #ARGV, 3 do
  local id = ARGV[i]
  redis.call('ZADD', KEYS[1], ARGV[i + 1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('HSET', prefix .. id, 'due', ARGV[i + 1], 'payload', ARGV[i + 2])
end
return (#ARGV - 1) / 3
)lua");
  return script;
}

// KEYS: due. ARGV: now ms (or -inf/+inf), limit, record prefix.
// Returns (id, due, payload)* earliest first; they and their records are gone.
// The claimed members are ranks 0..n-1, so one ZREMRANGEBYRANK removes them.
const redis::Script& ClaimScript() {
  static const redis::Script script(R"lua(
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[2])
local out = {}
for i = 1, #items, 2 do
  local key = ARGV[3] .. items[i]
  out[#out + 1] = items[i]
  out[#out + 1] = items[i + 1]
  out[#out + 1] = redis.call('HGET', key, 'payload') or ''
  redis.call('DEL', key)
end
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
local out = {}
for i = 1, #items, 2 do
  out[#out + 1] = items[i]
  out[#out + 1] = items[i + 1]
  out[#out + 1] = redis.call('HGET', ARGV[3] .. items[i], 'payload') or ''
  redis.call('ZADD', KEYS[2], ARGV[4], items[i])
end
if #items > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #items / 2 - 1) end
return out
)lua");
  return script;
}

// KEYS: inflight. ARGV: record prefix, id*. Deletes the record only of ids
// that were in flight, so a timer re-armed by its handler survives its Ack.
// Returns how many were in flight.
const redis::Script& AckScript() {
  static const redis::Script script(R"lua(
local n = 0
for i = 2, #ARGV do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
    redis.call('DEL', ARGV[1] .. ARGV[i])
    n = n + 1
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
