#include "redis_report_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::intake {
namespace {

// KEYS: idem, seq, outbox. ARGV: id, body, fingerprint, outgoing prefix,
// root id ('' for a report), outbox score (ms), original outgoing number ('' for a report).
const redis::Script& AcceptScript() {
  static const redis::Script script(R"lua(
local existing = redis.call('GET', KEYS[1])
if existing then
  local d = redis.call('HMGET', 'intake:doc:' .. existing, 'fp', 'reg', 'out')
  if d[1] ~= ARGV[3] then return redis.error_reply('IDEMPOTENCY_MISMATCH') end
  return {existing, tonumber(d[2]), d[3], 1}
end
if ARGV[7] ~= '' and not redis.call('GET', 'intake:out:' .. ARGV[7]) then
  return redis.error_reply('UNKNOWN_ORIGINAL')
end
local seq = redis.call('INCR', KEYS[2])
local out = ARGV[4] .. seq
redis.call('HSET', 'intake:doc:' .. ARGV[1], 'body', ARGV[2], 'fp', ARGV[3], 'reg', seq, 'out', out)
redis.call('SET', 'intake:out:' .. out, ARGV[1])
redis.call('SET', KEYS[1], ARGV[1])
if ARGV[5] ~= '' then redis.call('RPUSH', 'intake:supp:' .. ARGV[5], ARGV[1]) end
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[1])
redis.call('RPUSH', 'intake:log', ARGV[1])
return {ARGV[1], seq, out, 0}
)lua");
  return script;
}

// KEYS: outbox. ARGV: now ms, lease end ms, limit.
const redis::Script& ClaimScript() {
  static const redis::Script script(R"lua(
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids
)lua");
  return script;
}

constexpr char kOutbox[] = "intake:outbox";

}  // namespace

RedisReportStore::RedisReportStore(redis::Client* client) : client_(client) {}

absl::StatusOr<AcceptOutcome> RedisReportStore::Accept(const AcceptRequest& request) {
  const v1::AcceptedDocument& doc = request.document;
  std::string body;
  if (!doc.SerializeToString(&body)) return absl::InternalError("cannot serialize document");
  std::vector<std::string> keys = {
      absl::StrCat("intake:idem:", doc.unit_code(), ":", doc.idempotency_key()),
      absl::StrCat("intake:seq:", doc.unit_code(), ":", request.year), kOutbox};
  std::string root = doc.has_supplement() ? doc.root_report_id() : "";
  std::vector<std::string> args = {doc.id(),
                                   body,
                                   request.fingerprint,
                                   absl::StrCat(doc.unit_code(), "/", request.year, "/"),
                                   root,
                                   absl::StrCat(absl::ToUnixMillis(request.outbox_due)),
                                   request.original_outgoing_number};
  absl::StatusOr<redis::Reply> reply = client_->Eval(AcceptScript(), keys, args);
  if (!reply.ok()) {
    if (reply.status().message().find("IDEMPOTENCY_MISMATCH") != absl::string_view::npos) {
      return absl::AlreadyExistsError(absl::StrCat("idempotency key '", doc.idempotency_key(),
                                                   "' was already used for a different document"));
    }
    if (reply.status().message().find("UNKNOWN_ORIGINAL") != absl::string_view::npos) {
      return absl::FailedPreconditionError(absl::StrCat("no accepted report has outgoing number ",
                                                        request.original_outgoing_number));
    }
    return reply.status();
  }
  if (reply->type != redis::Reply::Type::kArray || reply->elements.size() != 4) {
    return absl::InternalError("unexpected reply from the accept script");
  }
  AcceptOutcome out;
  out.report_id = reply->elements[0].str;
  out.registration_number = reply->elements[1].integer;
  out.outgoing_number = reply->elements[2].str;
  out.duplicate = reply->elements[3].integer == 1;
  return out;
}

absl::StatusOr<std::optional<v1::AcceptedDocument>> RedisReportStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"HMGET", absl::StrCat("intake:doc:", id),
                                                         "body", "reg", "out"}));
  if (reply.elements.size() != 3 || reply.elements[0].is_nil()) return std::nullopt;
  v1::AcceptedDocument doc;
  if (!doc.ParseFromString(reply.elements[0].str)) {
    return absl::DataLossError(absl::StrCat("stored document ", id, " does not parse"));
  }
  int64_t reg = 0;
  if (!absl::SimpleAtoi(reply.elements[1].str, &reg)) {
    return absl::DataLossError(absl::StrCat("stored document ", id, " has no registration number"));
  }
  ApplyNumbers(doc, reg, reply.elements[2].str);
  return doc;
}

absl::StatusOr<std::optional<std::string>> RedisReportStore::FindByOutgoingNumber(
    const std::string& outgoing_number) {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"GET", absl::StrCat("intake:out:", outgoing_number)}));
  if (reply.is_nil()) return std::nullopt;
  return reply.str;
}

absl::StatusOr<std::vector<std::string>> RedisReportStore::Supplements(const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply reply,
                   client_->Command({"LRANGE", absl::StrCat("intake:supp:", id), "0", "-1"}));
  std::vector<std::string> out;
  for (const auto& e : reply.elements) out.push_back(e.str);
  return out;
}

absl::StatusOr<std::vector<std::string>> RedisReportStore::ClaimDue(absl::Time now,
                                                                    absl::Duration lease,
                                                                    int limit) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Eval(ClaimScript(), {kOutbox},
                                                     {absl::StrCat(absl::ToUnixMillis(now)),
                                                      absl::StrCat(absl::ToUnixMillis(now + lease)),
                                                      absl::StrCat(limit)}));
  std::vector<std::string> out;
  for (const auto& e : reply.elements) out.push_back(e.str);
  return out;
}

absl::Status RedisReportStore::Acknowledge(const std::vector<std::string>& ids) {
  if (ids.empty()) return absl::OkStatus();
  std::vector<std::string> command = {"ZREM", kOutbox};
  command.insert(command.end(), ids.begin(), ids.end());
  return client_->Command(command).status();
}

absl::StatusOr<int64_t> RedisReportStore::OutboxSize() {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"ZCARD", kOutbox}));
  return reply.integer;
}

}  // namespace opsreport::intake
