#pragma once
// A durable outbox drained to Kafka: the sender writes a message to its
// outbox in the same atomic step as its own state change, and the relay
// publishes it, clearing it only once the broker (or, where the service
// wires it so, the receiver) confirms. Nothing written is lost: an entry that
// is never confirmed falls due again when its lease ends, also after a crash,
// and is sent again; receivers dedup by message id.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::outbox {

struct Message {
  std::string id;     // unique; receivers dedup by it
  std::string topic;  // empty = the relay's default topic
  std::string key;    // Kafka key: messages of one key keep their order
  std::string payload;
};

// The durable side, implemented over each service's own store so that an
// entry is written atomically with the state change it announces. Entries are
// written already leased (due = now + lease): a freshly written message is
// handed to the relay in memory, and the store only yields it if that
// publication is never confirmed.
class Store {
 public:
  virtual ~Store() = default;
  // Leases up to `limit` entries due at `now` until `now + lease`; their ids.
  virtual absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                            int limit) = 0;
  // The message of a claimed entry; nullopt if it vanished.
  virtual absl::StatusOr<std::optional<Message>> Load(const std::string& id) = 0;
  // Removes confirmed entries, in one write.
  virtual absl::Status Clear(const std::vector<std::string>& ids) = 0;
};

}  // namespace opsreport::outbox
