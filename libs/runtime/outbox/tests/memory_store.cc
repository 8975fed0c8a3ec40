#include "memory_store.h"

namespace opsreport::outbox {

void MemoryStore::Put(Message message, absl::Time due) {
  absl::MutexLock lock(&mu_);
  std::string id = message.id;
  entries_[id] = {std::move(message), due};
}

absl::StatusOr<std::vector<std::string>> MemoryStore::ClaimDue(absl::Time now, absl::Duration lease,
                                                               int limit) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (auto& [id, entry] : entries_) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (entry.due <= now) {
      entry.due = now + lease;
      out.push_back(id);
    }
  }
  return out;
}

absl::StatusOr<std::optional<Message>> MemoryStore::Load(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  return it->second.message;
}

absl::Status MemoryStore::Clear(const std::vector<std::string>& ids) {
  absl::MutexLock lock(&mu_);
  for (const auto& id : ids) entries_.erase(id);
  return absl::OkStatus();
}

size_t MemoryStore::size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace opsreport::outbox
