#include "opsreport/kafka/apply_loop.h"

#include <iostream>

namespace opsreport::kafka {
namespace {

constexpr absl::Duration kCommitInterval = absl::Milliseconds(200);
constexpr absl::Duration kRetryDelay = absl::Milliseconds(200);

}  // namespace

ApplyLoop::ApplyLoop(Consumer* consumer, Handler handler, std::string name)
    : consumer_(consumer), handler_(std::move(handler)), name_(std::move(name)) {}

ApplyLoop::~ApplyLoop() { Stop(); }

void ApplyLoop::Start() {
  stop_ = false;
  thread_ = std::thread([this] {
    while (!stop_) RunOnce(absl::Milliseconds(100));
    CommitApplied();
  });
}

void ApplyLoop::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

bool ApplyLoop::RunOnce(absl::Duration timeout) {
  absl::StatusOr<std::optional<Message>> polled = consumer_->Poll(timeout);
  if (!polled.ok() || !polled->has_value()) {
    if (absl::Now() - last_commit_ >= kCommitInterval) CommitApplied();
    return false;
  }
  const Message& message = **polled;
  while (true) {
    absl::Status status = handler_(message);
    if (status.ok()) break;
    if (absl::IsInvalidArgument(status)) {
      std::cerr << name_ << ": rejected " << message.topic << "/" << message.partition << "@"
                << message.offset << ": " << status << std::endl;
      ++rejected_;
      break;
    }
    if (stop_) return true;  // not committed: redelivered to the next owner
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(kRetryDelay));
  }
  ++applied_;
  to_commit_[{message.topic, message.partition}] = message;
  if (absl::Now() - last_commit_ >= kCommitInterval) CommitApplied();
  return true;
}

void ApplyLoop::CommitApplied() {
  last_commit_ = absl::Now();
  for (auto it = to_commit_.begin(); it != to_commit_.end();) {
    if (consumer_->AckAsync(it->second).ok()) {
      it = to_commit_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace opsreport::kafka
