#include "transaction_errors.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "opsreport/redis/reply.h"

namespace opsreport::redis::internal {

absl::Status QueueingError(const std::string& error, size_t index, const std::string& name) {
  absl::Status status =
      absl::FailedPreconditionError(absl::StrCat("redis MULTI/EXEC: commands[", index, "] (", name,
                                                 ") rejected, transaction discarded: ", error));
  status.SetPayload(kRedisErrorPayload, absl::Cord(error));
  return status;
}

}  // namespace opsreport::redis::internal
