#include "opsreport/timers/fake_scripts.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "scripts.h"

namespace opsreport::timers {
namespace {

using redis::FakeClient;
using redis::Reply;
using Args = std::vector<std::string>;

absl::StatusOr<Reply> Schedule(FakeClient& r, const Args& keys, const Args& argv) {
  const std::string& prefix = argv[0];
  for (size_t i = 1; i + 2 < argv.size(); i += 3) {
    const std::string& id = argv[i];
    RETURN_IF_ERROR(r.Command({"ZADD", keys[0], argv[i + 1], id}).status());
    RETURN_IF_ERROR(r.Command({"ZREM", keys[1], id}).status());
    RETURN_IF_ERROR(r.Command({"HSET", prefix + id, internal::kDueField, argv[i + 1],
                               internal::kPayloadField, argv[i + 2]})
                        .status());
  }
  return Reply::MakeInteger(static_cast<int64_t>((argv.size() - 1) / 3));
}

// Shared by both claims: `lease_end` empty deletes, otherwise moves to
// keys[1] scored by it.
absl::StatusOr<Reply> Claim(FakeClient& r, const Args& keys, const Args& argv,
                            const std::string& lease_end) {
  ASSIGN_OR_RETURN(Reply items, r.Command({"ZRANGEBYSCORE", keys[0], "-inf", argv[0], "WITHSCORES",
                                           "LIMIT", "0", argv[1]}));
  std::vector<Reply> out;
  for (size_t i = 0; i + 1 < items.elements.size(); i += 2) {
    const std::string& id = items.elements[i].str;
    std::string record = argv[2] + id;
    ASSIGN_OR_RETURN(Reply payload, r.Command({"HGET", record, internal::kPayloadField}));
    out.push_back(Reply::MakeString(id));
    out.push_back(items.elements[i + 1]);
    out.push_back(Reply::MakeString(payload.is_nil() ? "" : payload.str));
    if (lease_end.empty()) {
      RETURN_IF_ERROR(r.Command({"DEL", record}).status());
    } else {
      RETURN_IF_ERROR(r.Command({"ZADD", keys[1], lease_end, id}).status());
    }
    RETURN_IF_ERROR(r.Command({"ZREM", keys[0], id}).status());
  }
  return Reply::MakeArray(std::move(out));
}

absl::StatusOr<Reply> Ack(FakeClient& r, const Args& keys, const Args& argv) {
  int64_t n = 0;
  for (size_t i = 1; i < argv.size(); ++i) {
    ASSIGN_OR_RETURN(Reply removed, r.Command({"ZREM", keys[0], argv[i]}));
    if (removed.integer == 1) {
      RETURN_IF_ERROR(r.Command({"DEL", argv[0] + argv[i]}).status());
      ++n;
    }
  }
  return Reply::MakeInteger(n);
}

absl::StatusOr<Reply> Recover(FakeClient& r, const Args& keys, const Args& argv) {
  ASSIGN_OR_RETURN(Reply ids,
                   r.Command({"ZRANGEBYSCORE", keys[1], "-inf", argv[0], "LIMIT", "0", argv[1]}));
  int64_t moved = 0;
  for (const Reply& id : ids.elements) {
    ASSIGN_OR_RETURN(Reply due, r.Command({"HGET", argv[2] + id.str, internal::kDueField}));
    if (!due.is_nil()) {
      RETURN_IF_ERROR(r.Command({"ZADD", keys[0], due.str, id.str}).status());
      ++moved;
    }
    RETURN_IF_ERROR(r.Command({"ZREM", keys[1], id.str}).status());
  }
  return Reply::MakeInteger(moved);
}

}  // namespace

void RegisterFakeTimerScripts(FakeClient& fake) {
  fake.RegisterScript(internal::ScheduleScript(), Schedule);
  fake.RegisterScript(
      internal::ClaimScript(),
      [](FakeClient& r, const Args& keys, const Args& argv) { return Claim(r, keys, argv, ""); });
  fake.RegisterScript(internal::ClaimLeasedScript(),
                      [](FakeClient& r, const Args& keys, const Args& argv) {
                        return Claim(r, keys, argv, argv[3]);
                      });
  fake.RegisterScript(internal::AckScript(), Ack);
  fake.RegisterScript(internal::RecoverScript(), Recover);
}

}  // namespace opsreport::timers
