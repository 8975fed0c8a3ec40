#include "opsreport/outbox/redis_store.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::outbox {
namespace {

// KEYS: outbox. ARGV: now ms, lease end ms, limit.
const redis::Script& ClaimScript() {
  static const redis::Script script(R"lua(
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids
)lua");
  return script;
}

}  // namespace

RedisStore::RedisStore(redis::Client* client, std::string prefix)
    : client_(client),
      zset_(absl::StrCat(prefix, ":outbox")),
      message_prefix_(absl::StrCat(prefix, ":outbox:msg:")) {}

std::string RedisStore::MessageKey(const std::string& id) const { return message_prefix_ + id; }

void RedisStore::AddPut(redis::Mutation& mutation, const Message& message, absl::Time due) const {
  mutation.Do({"HSET", MessageKey(message.id), "topic", message.topic, "key", message.key,
               "payload", message.payload});
  mutation.Do({"ZADD", zset_, absl::StrCat(absl::ToUnixMillis(due)), message.id});
}

absl::StatusOr<std::vector<std::string>> RedisStore::ClaimDue(absl::Time now, absl::Duration lease,
                                                              int limit) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Eval(ClaimScript(), {zset_},
                                                     {absl::StrCat(absl::ToUnixMillis(now)),
                                                      absl::StrCat(absl::ToUnixMillis(now + lease)),
                                                      absl::StrCat(limit)}));
  return reply.AsStringArray();
}

absl::StatusOr<std::optional<Message>> RedisStore::Load(const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"HMGET", MessageKey(id), "topic", "key", "payload"}));
  if (!reply.is_array() || reply.elements.size() != 3 || reply.elements[2].is_nil()) {
    return std::nullopt;
  }
  return Message{id, reply.elements[0].str, reply.elements[1].str, reply.elements[2].str};
}

absl::Status RedisStore::Clear(const std::vector<std::string>& ids) {
  if (ids.empty()) return absl::OkStatus();
  std::vector<std::string> zrem = {"ZREM", zset_};
  std::vector<std::string> del = {"DEL"};
  for (const std::string& id : ids) {
    zrem.push_back(id);
    del.push_back(MessageKey(id));
  }
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies, client_->Transaction({zrem, del}));
  for (const redis::Reply& r : replies) RETURN_IF_ERROR(r.ToStatus());
  return absl::OkStatus();
}

absl::StatusOr<int64_t> RedisStore::Size() {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", zset_}));
  return reply.AsInteger();
}

}  // namespace opsreport::outbox
