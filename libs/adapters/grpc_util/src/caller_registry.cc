#include "caller_registry.h"

#include <array>
#include <functional>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace opsreport::grpc_util::internal {
namespace {

// Sharded so concurrent calls rarely contend on one lock.
constexpr size_t kShards = 16;

struct Entry {
  const void* owner;
  absl::StatusOr<auth::Principal> verdict;
};

struct Shard {
  absl::Mutex mu;
  absl::flat_hash_map<const grpc::ServerContextBase*, Entry> verdicts ABSL_GUARDED_BY(mu);
};

Shard& ShardFor(const grpc::ServerContextBase* context) {
  static auto* shards =
      new std::array<Shard, kShards>();  // never destroyed: calls may outlive main
  return (*shards)[std::hash<const void*>()(context) % kShards];
}

}  // namespace

void RecordVerdict(const grpc::ServerContextBase* context, const void* owner,
                   absl::StatusOr<auth::Principal> verdict) {
  Shard& shard = ShardFor(context);
  absl::MutexLock lock(&shard.mu);
  shard.verdicts.insert_or_assign(context, Entry{owner, std::move(verdict)});
}

void ForgetVerdict(const grpc::ServerContextBase* context, const void* owner) {
  Shard& shard = ShardFor(context);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.verdicts.find(context);
  if (it != shard.verdicts.end() && it->second.owner == owner) shard.verdicts.erase(it);
}

std::optional<absl::StatusOr<auth::Principal>> FindVerdict(const grpc::ServerContextBase* context) {
  Shard& shard = ShardFor(context);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.verdicts.find(context);
  if (it == shard.verdicts.end()) return std::nullopt;
  return it->second.verdict;
}

}  // namespace opsreport::grpc_util::internal
