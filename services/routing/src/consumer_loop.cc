#include "consumer_loop.h"

#include <iostream>

namespace opsreport::routing {
namespace {

constexpr absl::Duration kCommitInterval = absl::Milliseconds(200);
constexpr absl::Duration kRetryDelay = absl::Milliseconds(200);

}  // namespace

ConsumerLoop::ConsumerLoop(kafka::Consumer* consumer, kafka::Producer* producer, Router* router,
                           ConsumerTopics topics)
    : consumer_(consumer), producer_(producer), router_(router), topics_(std::move(topics)) {}

ConsumerLoop::~ConsumerLoop() { Stop(); }

void ConsumerLoop::Start() {
  stop_ = false;
  thread_ = std::thread([this] {
    while (!stop_) RunOnce(absl::Milliseconds(100));
    CommitHandled();
  });
}

void ConsumerLoop::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::Status ConsumerLoop::Handle(const kafka::Message& message) {
  if (message.topic == topics_.accepted) {
    v1::AcceptedDocument doc;
    if (!doc.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("accepted document does not parse");
    }
    return router_->OnAccepted(doc);
  }
  if (message.topic == topics_.hops) {
    v1::Hop hop;
    if (!hop.ParseFromString(message.payload)) return absl::InvalidArgumentError("hop does not parse");
    absl::StatusOr<v1::HopReceipt> receipt = router_->OnHop(hop);
    if (!receipt.ok()) return receipt.status();
    // Fire-and-forget: a lost receipt only means the hop is sent again,
    // found applied, and answered again.
    producer_->SendAsync(topics_.receipts, message.key, receipt->SerializeAsString(),
                         [](absl::Status) {});
    return absl::OkStatus();
  }
  if (message.topic == topics_.receipts) {
    v1::HopReceipt receipt;
    if (!receipt.ParseFromString(message.payload)) {
      return absl::InvalidArgumentError("receipt does not parse");
    }
    return router_->OnReceipts({receipt});
  }
  return absl::InvalidArgumentError("record from an unexpected topic " + message.topic);
}

bool ConsumerLoop::RunOnce(absl::Duration timeout) {
  absl::StatusOr<std::optional<kafka::Message>> polled = consumer_->Poll(timeout);
  if (!polled.ok() || !polled->has_value()) {
    if (absl::Now() - last_commit_ >= kCommitInterval) CommitHandled();
    return false;
  }
  const kafka::Message& message = **polled;
  while (true) {
    absl::Status status = Handle(message);
    if (status.ok()) break;
    if (absl::IsInvalidArgument(status)) {
      // Can never succeed; retrying would stall the partition forever.
      std::cerr << "opsreport-routing: rejected " << message.topic << "/" << message.partition
                << "@" << message.offset << ": " << status << std::endl;
      ++rejected_;
      break;
    }
    if (stop_) return true;  // not committed: redelivered to the next owner
    std::this_thread::sleep_for(absl::ToChronoMilliseconds(kRetryDelay));
  }
  ++handled_;
  to_commit_[{message.topic, message.partition}] = message;
  if (absl::Now() - last_commit_ >= kCommitInterval) CommitHandled();
  return true;
}

void ConsumerLoop::CommitHandled() {
  last_commit_ = absl::Now();
  for (auto it = to_commit_.begin(); it != to_commit_.end();) {
    // Asynchronous: a synchronous commit hangs while the coordinator is
    // unreachable. A lost commit only means redelivery, deduplicated.
    if (consumer_->AckAsync(it->second).ok()) {
      it = to_commit_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace opsreport::routing
