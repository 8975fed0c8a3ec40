#include "opsreport/testing/fault_injecting_client.h"

#include <utility>

namespace opsreport::testing {

FaultInjectingClient::FaultInjectingClient(std::unique_ptr<redis::Client> inner)
    : inner_(std::move(inner)) {}

absl::Status FaultInjectingClient::Begin() {
  absl::MutexLock lock(&mu_);
  ++calls_;
  if (failures_.empty()) return absl::OkStatus();
  absl::Status status = std::move(failures_.front());
  failures_.pop_front();
  return status;
}

absl::StatusOr<redis::Reply> FaultInjectingClient::Command(const std::vector<std::string>& args) {
  if (absl::Status s = Begin(); !s.ok()) return s;
  return inner_->Command(args);
}

absl::StatusOr<std::vector<redis::Reply>> FaultInjectingClient::Pipeline(
    const std::vector<std::vector<std::string>>& commands) {
  if (absl::Status s = Begin(); !s.ok()) return s;
  return inner_->Pipeline(commands);
}

absl::StatusOr<redis::Reply> FaultInjectingClient::Eval(const redis::Script& script,
                                                        const std::vector<std::string>& keys,
                                                        const std::vector<std::string>& args) {
  if (absl::Status s = Begin(); !s.ok()) return s;
  return inner_->Eval(script, keys, args);
}

absl::StatusOr<std::vector<redis::Reply>> FaultInjectingClient::Transaction(
    const std::vector<std::vector<std::string>>& commands) {
  if (absl::Status s = Begin(); !s.ok()) return s;
  return inner_->Transaction(commands);
}

void FaultInjectingClient::FailNext(int n, absl::Status status) {
  absl::MutexLock lock(&mu_);
  for (int i = 0; i < n; ++i) failures_.push_back(status);
}

int64_t FaultInjectingClient::call_count() const {
  absl::MutexLock lock(&mu_);
  return calls_;
}

}  // namespace opsreport::testing
