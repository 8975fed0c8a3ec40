#pragma once
// Publishes accepted documents from the durable outbox to Kafka and clears
// each entry once the broker confirms it (acks=all).
//
// Fast path: intake hands each freshly accepted document over in memory
// (Enqueue); its outbox entry was written already leased, so nobody else
// sends it meanwhile. Slow path: entries whose lease ran out (publish failed,
// process killed before the confirmation) are claimed from Redis and sent
// again. So every accepted document is published at least once; consumers
// dedup by document id. Confirmations are cleared in batches, one write per
// pass, because every Redis write waits for the AOF fsync.

#include <atomic>
#include <deque>
#include <string>
#include <thread>
#include <vector>

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
  // After a wake-up, wait this long to gather more documents into one pass:
  // fewer thread switches and fewer fsynced clears. Publication latency is
  // not on the caller's path (the call returns after the durable write).
  absl::Duration linger = absl::Milliseconds(2);
};

class OutboxRelay {
 public:
  OutboxRelay(ReportStore* store, kafka::Producer* producer, const base::Clock* clock,
              RelayOptions options);
  ~OutboxRelay();  // Stop()

  void Start();
  // Stops the thread, waits (up to 5 s) for in-flight confirmations, clears them.
  void Stop();
  // Hands over a just-accepted document (numbers filled in) for publishing.
  void Enqueue(v1::AcceptedDocument doc);
  // One pass: publish handed-over documents, claim and publish expired
  // entries, clear confirmed ones. Returns how many were sent.
  absl::StatusOr<int> RunOnce();

  const RelayOptions& options() const { return options_; }
  int64_t published() const { return published_.load(); }
  int64_t failures() const { return failures_.load(); }

 private:
  void Loop();
  void Publish(const v1::AcceptedDocument& doc);
  absl::Status FlushConfirmed();

  ReportStore* store_;
  kafka::Producer* producer_;
  const base::Clock* clock_;
  RelayOptions options_;
  absl::Mutex mu_;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<v1::AcceptedDocument> handed_over_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> confirmed_ ABSL_GUARDED_BY(mu_);
  absl::Time next_claim_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::thread thread_;
  std::atomic<int64_t> published_{0};
  std::atomic<int64_t> failures_{0};
};

}  // namespace opsreport::intake
