#pragma once
// Publishes accepted documents from the durable outbox to Kafka and clears
// each entry once the broker confirms it (acks=all). Entries whose publish
// fails, or whose process died mid-publish, fall due again when their lease
// ends, so every accepted document is published at least once; consumers
// dedup by document id.

#include <atomic>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "opsreport/base/clock.h"
#include "opsreport/kafka/producer.h"
#include "report_store.h"

namespace opsreport::intake {

struct RelayOptions {
  std::string topic = "opsreport.reports.accepted";
  absl::Duration poll_interval = absl::Milliseconds(200);
  absl::Duration lease = absl::Seconds(30);
  int batch = 256;
};

class OutboxRelay {
 public:
  OutboxRelay(ReportStore* store, kafka::Producer* producer, const base::Clock* clock,
              RelayOptions options);
  ~OutboxRelay();  // stops the thread

  void Start();
  void Stop();
  // Wakes the relay at once (called after an accept, for low latency).
  void Notify();
  // One pass: claim due entries and publish them. Returns how many were sent.
  absl::StatusOr<int> RunOnce();

  int64_t published() const { return published_.load(); }
  int64_t failures() const { return failures_.load(); }

 private:
  void Loop();

  ReportStore* store_;
  kafka::Producer* producer_;
  const base::Clock* clock_;
  RelayOptions options_;
  absl::Mutex mu_;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
  std::atomic<int64_t> published_{0};
  std::atomic<int64_t> failures_{0};
};

}  // namespace opsreport::intake
