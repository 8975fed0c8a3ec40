#include "opsreport/outbox/relay.h"

#include <iostream>

#include "opsreport/base/status_macros.h"

namespace opsreport::outbox {

Relay::Relay(Store* store, kafka::Producer* producer, const base::Clock* clock,
             RelayOptions options)
    : store_(store), producer_(producer), clock_(clock), options_(std::move(options)) {}

Relay::~Relay() { Stop(); }

void Relay::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Relay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
  // Let in-flight publishes confirm, then clear them, so a clean stop leaves
  // only the truly unconfirmed entries to be re-sent on the next start.
  (void)producer_->Flush(absl::Seconds(5));
  (void)ClearConfirmed();
}

void Relay::Enqueue(Message message) {
  absl::MutexLock lock(&mu_);
  handed_over_.push_back(std::move(message));
  wake_ = true;
}

void Relay::Acknowledged(std::string id) {
  absl::MutexLock lock(&mu_);
  confirmed_.push_back(std::move(id));
  wake_ = true;
}

void Relay::Publish(const Message& m) {
  const std::string& topic = m.topic.empty() ? options_.default_topic : m.topic;
  producer_->SendAsync(topic, m.key, m.payload, [this, id = m.id](absl::Status status) {
    if (!status.ok()) {
      ++failures_;  // stays leased in the store; re-sent when the lease ends
      return;
    }
    ++published_;
    if (options_.clear_on == RelayOptions::ClearOn::kReceiver) return;
    // Cleared with the next pass, in one write with others.
    absl::MutexLock lock(&mu_);
    confirmed_.push_back(id);
  });
}

absl::Status Relay::ClearConfirmed() {
  std::vector<std::string> ids;
  {
    absl::MutexLock lock(&mu_);
    ids.swap(confirmed_);
  }
  if (ids.empty()) return absl::OkStatus();
  absl::Status status = store_->Clear(ids);
  // Not cleared: the entries fall due again and are re-sent; receivers dedup.
  if (!status.ok()) ++failures_;
  return status;
}

absl::StatusOr<int> Relay::RunOnce() {
  std::deque<Message> fresh;
  bool claim = false;
  absl::Time now = clock_->Now();
  {
    absl::MutexLock lock(&mu_);
    fresh.swap(handed_over_);
    if (now >= next_claim_) {
      claim = true;
      next_claim_ = now + options_.poll_interval;
    }
  }
  int sent = 0;
  for (const Message& m : fresh) {
    Publish(m);
    ++sent;
  }
  if (claim) {
    ASSIGN_OR_RETURN(std::vector<std::string> due,
                     store_->ClaimDue(now, options_.lease, options_.batch));
    for (const std::string& id : due) {
      absl::StatusOr<std::optional<Message>> m = store_->Load(id);
      if (!m.ok() || !m->has_value()) {
        ++failures_;
        continue;  // stays leased; retried when the lease ends
      }
      Publish(**m);
      ++sent;
    }
    if (static_cast<int>(due.size()) == options_.batch) {
      absl::MutexLock lock(&mu_);
      next_claim_ = now;  // more may be waiting
      wake_ = true;
    }
  }
  RETURN_IF_ERROR(ClearConfirmed());
  return sent;
}

void Relay::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return wake_ || stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&ready), options_.poll_interval);
      if (stop_) return;
      wake_ = false;
    }
    absl::SleepFor(options_.linger);
    absl::StatusOr<int> sent = RunOnce();
    if (!sent.ok()) std::cerr << "outbox relay: " << sent.status() << "\n";
  }
}

}  // namespace opsreport::outbox
