#include "opsreport/kafka_fake/memory_dead_letters.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace opsreport::kafka {
namespace {

bool Ordered(const Parked& p) { return p.holds_key || p.cause == ParkCause::kBehind; }

bool Before(const Parked& a, const Parked& b) {
  return std::make_tuple(a.message.topic, a.message.partition, a.message.offset) <
         std::make_tuple(b.message.topic, b.message.partition, b.message.offset);
}

}  // namespace

absl::Status MemoryDeadLetters::Park(const Parked& parked) {
  absl::MutexLock lock(&mu_);
  if (fail_parks_ > 0) {
    --fail_parks_;
    return fail_status_;
  }
  parked_[RecordId(parked.message)] = parked;
  return absl::OkStatus();
}

std::optional<std::string> MemoryDeadLetters::HeldBy(const std::string& topic,
                                                     const std::string& key) {
  absl::MutexLock lock(&mu_);
  const Parked* head = nullptr;
  for (const auto& [id, p] : parked_) {
    if (p.message.topic != topic || p.message.key != key || !Ordered(p)) continue;
    if (head == nullptr || Before(p, *head)) head = &p;
  }
  if (head == nullptr) return std::nullopt;
  return RecordId(head->message);
}

absl::StatusOr<std::vector<Parked>> MemoryDeadLetters::ForReplay(
    const std::vector<std::string>& ids, bool all) {
  absl::MutexLock lock(&mu_);
  std::vector<Parked> out;
  std::set<std::string> taken;
  for (const std::string& id : ids) {
    if (!parked_.count(id)) return absl::NotFoundError("ids: no parked record " + id);
  }
  for (const auto& [id, p] : parked_) {
    bool wanted = all;
    for (const std::string& asked : ids) {
      const Parked& a = parked_.at(asked);
      wanted |= asked == id || (Ordered(a) && Ordered(p) && a.message.topic == p.message.topic &&
                                a.message.key == p.message.key);
    }
    if (wanted && taken.insert(id).second) out.push_back(p);
  }
  std::sort(out.begin(), out.end(), Before);
  return out;
}

absl::Status MemoryDeadLetters::Replayed(const Parked& parked, const absl::Status& outcome) {
  absl::MutexLock lock(&mu_);
  if (outcome.ok()) {
    parked_.erase(RecordId(parked.message));
  } else {
    parked_[RecordId(parked.message)] = parked;
  }
  return absl::OkStatus();
}

absl::Status MemoryDeadLetters::Refresh() {
  absl::MutexLock lock(&mu_);
  ++refreshes_;
  return absl::OkStatus();
}

int MemoryDeadLetters::refreshes() const {
  absl::MutexLock lock(&mu_);
  return refreshes_;
}

void MemoryDeadLetters::FailNextParks(int n, absl::Status status) {
  absl::MutexLock lock(&mu_);
  fail_parks_ = n;
  fail_status_ = std::move(status);
}

std::vector<Parked> MemoryDeadLetters::parked() const {
  absl::MutexLock lock(&mu_);
  std::vector<Parked> out;
  for (const auto& [id, p] : parked_) out.push_back(p);
  std::sort(out.begin(), out.end(), Before);
  return out;
}

}  // namespace opsreport::kafka
