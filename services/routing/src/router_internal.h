#pragma once
// Pieces shared by the Router's source files.

#include <string>
#include <vector>

#include "opsreport/outbox/outbox.h"
#include "opsreport/redis/mutation.h"
#include "router.h"

namespace opsreport::routing {

namespace internal {

// How often a step is rebuilt after a concurrent change to what it read.
inline constexpr int kAttempts = 8;

// Retries a step rebuilt from fresh reads while a concurrent change beat it
// (ABORTED); returns the first other outcome, or the last ABORTED.
template <typename F>
auto WithRetries(F attempt) -> decltype(attempt()) {
  decltype(attempt()) result = attempt();
  for (int i = 1; i < kAttempts && absl::IsAborted(result.status()); ++i) result = attempt();
  return result;
}

const v1::Signature& SignatureOf(const v1::AcceptedDocument& doc);
bool IsDone(const v1::InboxItem& item);
int KyivYear(absl::Time t);

}  // namespace internal
}  // namespace opsreport::routing
