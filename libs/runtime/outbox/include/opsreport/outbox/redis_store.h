#pragma once
// An outbox kept in Redis next to a service's own state, so a state change
// and the messages announcing it are written in one redis::Mutation.
//
// Keys for prefix `p`:
//   p:outbox           ZSET  id -> due (Unix ms): the entry's lease end
//   p:outbox:msg:<id>  HASH  topic, key, payload

#include <string>

#include "opsreport/outbox/outbox.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::outbox {

class RedisStore final : public Store {
 public:
  // `client` is not owned and must outlive the store.
  RedisStore(redis::Client* client, std::string prefix);

  // Adds the writes of `message`, leased until `due`, to `mutation`.
  void AddPut(redis::Mutation& mutation, const Message& message, absl::Time due) const;

  absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                    int limit) override;
  absl::StatusOr<std::optional<Message>> Load(const std::string& id) override;
  absl::Status Clear(const std::vector<std::string>& ids) override;
  absl::StatusOr<int64_t> Size();

 private:
  std::string MessageKey(const std::string& id) const;

  redis::Client* client_;
  std::string zset_;
  std::string message_prefix_;
};

}  // namespace opsreport::outbox
