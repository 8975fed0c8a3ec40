#include "opsreport/redis/fake_client.h"

#include "absl/strings/str_cat.h"
#include "fake_store.h"
#include "transaction_errors.h"

namespace opsreport::redis {

FakeClient::FakeClient() : store_(std::make_unique<internal::FakeStore>()) {}
FakeClient::~FakeClient() = default;

absl::Status FakeClient::Begin() {
  if (depth_ > 0) return absl::OkStatus();
  ++calls_;
  if (failures_.empty()) return absl::OkStatus();
  absl::Status s = std::move(failures_.front());
  failures_.pop_front();
  return s;
}

absl::StatusOr<Reply> FakeClient::Command(const std::vector<std::string>& args) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (absl::Status s = Begin(); !s.ok()) return s;
  if (args.empty()) return absl::InvalidArgumentError("redis: empty command");
  Reply reply = store_->Execute(args);
  if (reply.is_error()) return StatusFromRedisError(reply.str, absl::StrCat("redis ", args[0]));
  return reply;
}

absl::StatusOr<std::vector<Reply>> FakeClient::Pipeline(
    const std::vector<std::vector<std::string>>& commands) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (absl::Status s = Begin(); !s.ok()) return s;
  std::vector<Reply> replies;
  for (size_t i = 0; i < commands.size(); ++i) {
    if (commands[i].empty()) {
      return absl::InvalidArgumentError(absl::StrCat("redis: commands[", i, "] is empty"));
    }
  }
  for (const auto& command : commands) replies.push_back(store_->Execute(command));
  return replies;
}

absl::StatusOr<Reply> FakeClient::Eval(const Script& script, const std::vector<std::string>& keys,
                                       const std::vector<std::string>& args) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (absl::Status s = Begin(); !s.ok()) return s;
  auto it = scripts_.find(script.sha1());
  if (it == scripts_.end()) {
    return StatusFromRedisError(
        "NOSCRIPT No matching script. FakeClient has no handler registered for it",
        absl::StrCat("redis EVAL ", script.sha1().substr(0, 12)));
  }
  ++depth_;
  absl::StatusOr<Reply> result = it->second(*this, keys, args);
  --depth_;
  return result;
}

absl::StatusOr<std::vector<Reply>> FakeClient::Transaction(
    const std::vector<std::vector<std::string>>& commands) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  if (absl::Status s = Begin(); !s.ok()) return s;
  for (size_t i = 0; i < commands.size(); ++i) {
    if (commands[i].empty()) {
      return absl::InvalidArgumentError(absl::StrCat("redis: commands[", i, "] is empty"));
    }
  }
  // Like MULTI: a command that cannot be queued discards everything.
  for (size_t i = 0; i < commands.size(); ++i) {
    if (auto error = store_->Check(commands[i])) {
      return internal::QueueingError(*error, i, commands[i][0]);
    }
  }
  std::vector<Reply> replies;
  for (const auto& command : commands) replies.push_back(store_->Execute(command));
  return replies;
}

void FakeClient::RegisterScript(const Script& script, ScriptHandler handler) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  scripts_[script.sha1()] = std::move(handler);
}

void FakeClient::FailNext(int n, absl::Status status) {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  for (int i = 0; i < n; ++i) failures_.push_back(status);
}

std::vector<std::string> FakeClient::Keys() const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return store_->Keys();
}

int64_t FakeClient::call_count() const {
  std::lock_guard<std::recursive_mutex> lock(mu_);
  return calls_;
}

}  // namespace opsreport::redis
