#pragma once
// In-memory outbox::Store for unit tests of relays and of services' outbox
// wiring. Thread-safe.

#include <map>

#include "absl/synchronization/mutex.h"
#include "opsreport/outbox/outbox.h"

namespace opsreport::outbox {

class MemoryStore final : public Store {
 public:
  // Writes `message`, due for the poller at `due`.
  void Put(Message message, absl::Time due);
  absl::StatusOr<std::vector<std::string>> ClaimDue(absl::Time now, absl::Duration lease,
                                                    int limit) override;
  absl::StatusOr<std::optional<Message>> Load(const std::string& id) override;
  absl::Status Clear(const std::vector<std::string>& ids) override;
  size_t size() const;

 private:
  struct Entry {
    Message message;
    absl::Time due;
  };
  mutable absl::Mutex mu_;
  std::map<std::string, Entry> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace opsreport::outbox
