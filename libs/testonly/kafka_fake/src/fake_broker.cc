#include "opsreport/kafka_fake/fake_broker.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/violations.h"
#include "opsreport/kafka/topic_name.h"

namespace opsreport::kafka {

struct FakeBroker::State {
  using Partition = std::pair<std::string, int32_t>;

  mutable absl::Mutex mu;
  // topic -> partitions -> records (offset == index).
  std::map<std::string, std::vector<std::vector<Message>>, std::less<>> topics ABSL_GUARDED_BY(mu);
  // group -> (topic, partition) -> next offset to read.
  std::map<std::string, std::map<Partition, int64_t>, std::less<>> committed ABSL_GUARDED_BY(mu);
  int fail_sends ABSL_GUARDED_BY(mu) = 0;
  absl::Status fail_status ABSL_GUARDED_BY(mu);
  uint64_t keyless_counter ABSL_GUARDED_BY(mu) = 0;

  std::vector<std::vector<Message>>& Topic(const std::string& name)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    auto& parts = topics[name];
    if (parts.empty()) parts.resize(1);
    return parts;
  }

  // FNV-1a: stable across runs, so tests can rely on which partition a key hits.
  static uint32_t Hash(std::string_view key) {
    uint32_t h = 2166136261u;
    for (unsigned char c : key) h = (h ^ c) * 16777619u;
    return h;
  }

  absl::Status Append(std::string_view topic, std::string_view key, std::string_view payload) {
    base::Violations violations;
    ValidateTopicName(topic, "topic", &violations);
    RETURN_IF_ERROR(violations.ToStatus("kafka send"));
    absl::MutexLock lock(&mu);
    if (fail_sends > 0) {
      --fail_sends;
      return fail_status;
    }
    auto& parts = Topic(std::string(topic));
    const size_t index = key.empty() ? keyless_counter++ % parts.size() : Hash(key) % parts.size();
    auto& log = parts[index];
    log.push_back(Message{std::string(topic), static_cast<int32_t>(index),
                          static_cast<int64_t>(log.size()), std::string(key),
                          std::string(payload)});
    return absl::OkStatus();
  }
};

namespace {

class FakeProducer final : public Producer {
 public:
  explicit FakeProducer(std::shared_ptr<FakeBroker::State> state) : state_(std::move(state)) {}

  absl::Status Send(std::string_view topic, std::string_view key,
                    std::string_view payload) override {
    return state_->Append(topic, key, payload);
  }
  void SendAsync(std::string_view topic, std::string_view key, std::string_view payload,
                 std::function<void(absl::Status)> done) override {
    done(state_->Append(topic, key, payload));
  }
  absl::Status Flush(absl::Duration) override { return absl::OkStatus(); }

 private:
  std::shared_ptr<FakeBroker::State> state_;
};

class FakeConsumer final : public Consumer {
 public:
  FakeConsumer(std::shared_ptr<FakeBroker::State> state, std::string group_id,
               std::vector<std::string> topics)
      : state_(std::move(state)), group_id_(std::move(group_id)), topics_(std::move(topics)) {}

  absl::StatusOr<std::optional<Message>> Poll(absl::Duration timeout) override {
    State& s = *state_;
    absl::MutexLock lock(&s.mu);
    std::optional<Message> found;
    auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(s.mu) {
      found = Next();
      return found.has_value();
    };
    s.mu.AwaitWithTimeout(absl::Condition(&ready), timeout);
    if (!found) return std::nullopt;
    positions_[{found->topic, found->partition}] = found->offset + 1;
    return found;
  }

  absl::Status Ack(const Message& message) override {
    State& s = *state_;
    absl::MutexLock lock(&s.mu);
    auto it = s.topics.find(message.topic);
    base::Violations violations;
    if (std::find(topics_.begin(), topics_.end(), message.topic) == topics_.end() ||
        it == s.topics.end()) {
      violations.Add("message.topic",
                     absl::StrCat("\"", message.topic, "\" is not a topic of this consumer"));
    } else if (message.partition < 0 ||
               static_cast<size_t>(message.partition) >= it->second.size()) {
      violations.Add("message.partition",
                     absl::StrCat(message.partition, " is not a partition of ", message.topic));
    } else if (message.offset < 0 ||
               static_cast<size_t>(message.offset) >= it->second[message.partition].size()) {
      violations.Add("message.offset", absl::StrCat(message.offset, " is beyond the end of ",
                                                    message.topic, "[", message.partition, "]"));
    }
    RETURN_IF_ERROR(violations.ToStatus("kafka ack"));
    int64_t& committed = s.committed[group_id_][{message.topic, message.partition}];
    committed = std::max(committed, message.offset + 1);
    return absl::OkStatus();
  }

 private:
  using State = FakeBroker::State;

  // First unread record across the subscribed topics' partitions. A partition
  // first seen starts at the group's committed offset.
  std::optional<Message> Next() ABSL_EXCLUSIVE_LOCKS_REQUIRED(state_->mu) {
    State& s = *state_;
    for (const std::string& topic : topics_) {
      auto it = s.topics.find(topic);
      if (it == s.topics.end()) continue;
      for (size_t p = 0; p < it->second.size(); ++p) {
        State::Partition key{topic, static_cast<int32_t>(p)};
        auto pos = positions_.find(key);
        if (pos == positions_.end()) {
          pos = positions_.emplace(key, s.committed[group_id_][key]).first;
        }
        const auto& log = it->second[p];
        if (static_cast<size_t>(pos->second) < log.size()) return log[pos->second];
      }
    }
    return std::nullopt;
  }

  std::shared_ptr<State> state_;
  const std::string group_id_;
  const std::vector<std::string> topics_;
  // This consumer's read position per partition; guarded by state_->mu.
  std::map<State::Partition, int64_t> positions_;
};

}  // namespace

FakeBroker::FakeBroker() : state_(std::make_shared<State>()) {}
FakeBroker::~FakeBroker() = default;

std::unique_ptr<Producer> FakeBroker::NewProducer() {
  return std::make_unique<FakeProducer>(state_);
}

std::unique_ptr<Consumer> FakeBroker::NewConsumer(std::string group_id,
                                                  std::vector<std::string> topics) {
  return std::make_unique<FakeConsumer>(state_, std::move(group_id), std::move(topics));
}

absl::Status FakeBroker::CreateTopic(std::string_view topic, int partitions) {
  base::Violations violations;
  ValidateTopicName(topic, "topic", &violations);
  if (partitions < 1) violations.Add("partitions", absl::StrCat("must be >= 1, got ", partitions));
  RETURN_IF_ERROR(violations.ToStatus("fake kafka create topic"));
  absl::MutexLock lock(&state_->mu);
  auto [it, inserted] = state_->topics.try_emplace(std::string(topic));
  if (!inserted) {
    return absl::AlreadyExistsError(absl::StrCat("topic ", std::string(topic), " already exists"));
  }
  it->second.resize(partitions);
  return absl::OkStatus();
}

std::vector<Message> FakeBroker::Messages(std::string_view topic) const {
  absl::MutexLock lock(&state_->mu);
  std::vector<Message> out;
  auto it = state_->topics.find(topic);
  if (it == state_->topics.end()) return out;
  for (const auto& log : it->second) out.insert(out.end(), log.begin(), log.end());
  return out;
}

void FakeBroker::FailNextSends(int n, absl::Status status) {
  absl::MutexLock lock(&state_->mu);
  state_->fail_sends = n;
  state_->fail_status = std::move(status);
}

int64_t FakeBroker::CommittedOffset(std::string_view group_id, std::string_view topic,
                                    int32_t partition) const {
  absl::MutexLock lock(&state_->mu);
  auto group = state_->committed.find(group_id);
  if (group == state_->committed.end()) return 0;
  auto it = group->second.find({std::string(topic), partition});
  return it == group->second.end() ? 0 : it->second;
}

}  // namespace opsreport::kafka
