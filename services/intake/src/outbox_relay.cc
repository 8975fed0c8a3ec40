#include "outbox_relay.h"

#include <iostream>

#include "opsreport/base/status_macros.h"

namespace opsreport::intake {

OutboxRelay::OutboxRelay(ReportStore* store, kafka::Producer* producer, const base::Clock* clock,
                         RelayOptions options)
    : store_(store), producer_(producer), clock_(clock), options_(std::move(options)) {}

OutboxRelay::~OutboxRelay() { Stop(); }

void OutboxRelay::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void OutboxRelay::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (thread_.joinable()) thread_.join();
  // Let in-flight publishes confirm, then clear them, so a clean stop leaves
  // only the truly unconfirmed entries to be re-sent on the next start.
  (void)producer_->Flush(absl::Seconds(5));
  (void)FlushConfirmed();
}

void OutboxRelay::Enqueue(v1::AcceptedDocument doc) {
  absl::MutexLock lock(&mu_);
  handed_over_.push_back(std::move(doc));
  wake_ = true;
}

void OutboxRelay::Publish(const v1::AcceptedDocument& doc) {
  std::string payload;
  doc.SerializeToString(&payload);
  // Keyed by the root report so a report and its supplements keep their order.
  producer_->SendAsync(options_.topic, doc.root_report_id(), payload,
                       [this, id = doc.id()](absl::Status status) {
                         if (!status.ok()) {
                           ++failures_;  // stays leased in the outbox; re-sent when it expires
                           return;
                         }
                         ++published_;
                         // Cleared with the next pass, in one write with others.
                         absl::MutexLock lock(&mu_);
                         confirmed_.push_back(id);
                       });
}

absl::Status OutboxRelay::FlushConfirmed() {
  std::vector<std::string> ids;
  {
    absl::MutexLock lock(&mu_);
    ids.swap(confirmed_);
  }
  absl::Status status = store_->Acknowledge(ids);
  if (!status.ok()) {
    // Not cleared: the entries fall due again and are re-sent; receivers dedup.
    ++failures_;
  }
  return status;
}

absl::StatusOr<int> OutboxRelay::RunOnce() {
  std::deque<v1::AcceptedDocument> fresh;
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
  for (const auto& doc : fresh) {
    Publish(doc);
    ++sent;
  }
  if (claim) {
    absl::StatusOr<std::vector<std::string>> due =
        store_->ClaimDue(now, options_.lease, options_.batch);
    if (!due.ok()) return due.status();
    for (const std::string& id : *due) {
      absl::StatusOr<std::optional<v1::AcceptedDocument>> doc = store_->Get(id);
      if (!doc.ok() || !doc->has_value()) {
        ++failures_;
        continue;  // stays leased; retried when the lease ends
      }
      Publish(**doc);
      ++sent;
    }
    if (static_cast<int>(due->size()) == options_.batch) {
      absl::MutexLock lock(&mu_);
      next_claim_ = now;  // more may be waiting
      wake_ = true;
    }
  }
  RETURN_IF_ERROR(FlushConfirmed());
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
    absl::SleepFor(options_.linger);
    absl::StatusOr<int> sent = RunOnce();
    if (!sent.ok()) std::cerr << "outbox relay: " << sent.status() << "\n";
  }
}

}  // namespace opsreport::intake
