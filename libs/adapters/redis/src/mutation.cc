#include "opsreport/redis/mutation.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::redis {
namespace {

// ARGV: (op, argc, args...)*. Ops "?absent" (key, label) and "?field" (key,
// field, expected, label) are guards; any other op is a Redis command name.
const Script& MutationScript() {
  static const Script script(R"lua(
local ops, i = {}, 1
while i <= #ARGV do
  local c = tonumber(ARGV[i + 1])
  ops[#ops + 1] = {ARGV[i], i + 2, c}
  i = i + 2 + c
end
for _, o in ipairs(ops) do
  local op, s = o[1], o[2]
  if op == '?absent' then
    if redis.call('EXISTS', ARGV[s]) == 1 then return {'FAIL', ARGV[s + 1]} end
  elseif op == '?field' then
    local v = redis.call('HGET', ARGV[s], ARGV[s + 1]) or ''
    if v ~= ARGV[s + 2] then return {'FAIL', ARGV[s + 3]} end
  end
end
for _, o in ipairs(ops) do
  local op, s, c = o[1], o[2], o[3]
  if string.sub(op, 1, 1) ~= '?' then
    local args = {}
    for k = s, s + c - 1 do args[#args + 1] = ARGV[k] end
    redis.call(op, unpack(args))
  end
end
return {'OK', ''}
)lua");
  return script;
}

}  // namespace

Mutation& Mutation::RequireAbsent(const std::string& key, const std::string& label) {
  args_.insert(args_.end(), {"?absent", "2", key, label});
  return *this;
}

Mutation& Mutation::RequireField(const std::string& key, const std::string& field,
                                 const std::string& expected, const std::string& label) {
  args_.insert(args_.end(), {"?field", "4", key, field, expected, label});
  return *this;
}

Mutation& Mutation::Do(std::vector<std::string> command) {
  if (command.empty()) return *this;
  args_.push_back(std::move(command[0]));
  args_.push_back(absl::StrCat(command.size() - 1));
  for (size_t i = 1; i < command.size(); ++i) args_.push_back(std::move(command[i]));
  ++commands_;
  return *this;
}

absl::StatusOr<MutationResult> Apply(Client& client, const Mutation& mutation) {
  ASSIGN_OR_RETURN(Reply reply, client.Eval(MutationScript(), {}, mutation.args()));
  ASSIGN_OR_RETURN(std::vector<std::string> parts, reply.AsStringArray());
  if (parts.size() != 2) {
    return absl::InternalError(absl::StrCat("mutation: unexpected reply ", reply.DebugString()));
  }
  MutationResult result;
  result.applied = parts[0] == "OK";
  if (!result.applied) result.failed_guard = parts[1];
  return result;
}

}  // namespace opsreport::redis
