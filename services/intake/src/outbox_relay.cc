#include "outbox_relay.h"

#include <iostream>

#include "absl/strings/str_cat.h"

namespace opsreport::intake {

OutboxRelay::OutboxRelay(ReportStore* store, kafka::Producer* producer, const base::Clock* clock,
                         RelayOptions options)
    : store_(store), producer_(producer), clock_(clock), options_(std::move(options)) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() { thread_ = std::thread([this] { Loop(); }); }

void OutboxRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void OutboxRelay::Notify() {
  absl::MutexLock lock(&mu_);
  wake_ = true;
}

absl::StatusOr<int> OutboxRelay::RunOnce() {
  absl::StatusOr<std::vector<std::string>> due =
      store_->ClaimDue(clock_->Now(), options_.lease, options_.batch);
  if (!due.ok()) return due.status();
  int sent = 0;
  for (const std::string& id : *due) {
    absl::StatusOr<std::optional<v1::AcceptedDocument>> doc = store_->Get(id);
    if (!doc.ok() || !doc->has_value()) {
      ++failures_;
      continue;  // stays leased; retried when the lease ends
    }
    std::string payload;
    (*doc)->SerializeToString(&payload);
    // Keyed by the root report so a report and its supplements keep their order.
    const std::string& key = (*doc)->root_report_id();
    producer_->SendAsync(options_.topic, key, payload, [this, id](absl::Status status) {
      if (!status.ok()) {
        ++failures_;
        return;
      }
      if (store_->Acknowledge(id).ok()) ++published_;
    });
    ++sent;
  }
  return sent;
}

void OutboxRelay::Loop() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return wake_ || stop_; };
      mu_.AwaitWithTimeout(absl::Condition(&ready), options_.poll_interval);
      if (stop_) return;
      wake_ = false;
    }
    absl::StatusOr<int> sent = RunOnce();
    if (!sent.ok()) {
      ++failures_;
      std::cerr << "outbox relay: " << sent.status() << "\n";
    } else if (*sent == options_.batch) {
      Notify();  // more may be waiting
    }
  }
}

}  // namespace opsreport::intake
