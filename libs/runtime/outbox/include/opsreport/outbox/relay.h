#pragma once
// Publishes outbox messages to Kafka and clears them once confirmed.
//
// Fast path: a service hands each freshly written message over in memory
// (Enqueue). Slow path: entries whose lease ran out (publish failed, process
// killed before the confirmation) are claimed from the store and sent again.
// Confirmations are cleared in batches, one write per pass, because every
// write to an AOF-fsynced Redis waits for the disk.

#include <atomic>
#include <deque>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "opsreport/base/clock.h"
#include "opsreport/kafka/producer.h"
#include "opsreport/outbox/outbox.h"

namespace opsreport::outbox {

struct RelayOptions {
  std::string default_topic;
  absl::Duration poll_interval = absl::Milliseconds(200);
  absl::Duration lease = absl::Seconds(30);
  int batch = 256;
  // After a wake-up, wait this long to gather more messages into one pass:
  // fewer thread switches and fewer fsynced clears.
  absl::Duration linger = absl::Milliseconds(2);
  // Where delivery ends. kBroker: the broker's confirmation (acks=all) clears
  // the entry. kReceiver: only the receiving service's acknowledgement does
  // (the service calls Store::Clear when it consumes that acknowledgement);
  // until then the entry stays leased and is re-sent when the lease ends, so
  // a message the receiver never applied is sent again even though Kafka
  // took it (the mock may evict it before it is read).
  enum class ClearOn { kBroker, kReceiver };
  ClearOn clear_on = ClearOn::kBroker;
};

class Relay {
 public:
  Relay(Store* store, kafka::Producer* producer, const base::Clock* clock, RelayOptions options);
  ~Relay();  // Stop()

  void Start();
  // Stops the thread, waits (up to 5 s) for in-flight confirmations, clears them.
  void Stop();
  // Hands over a message just written to the store.
  void Enqueue(Message message);
  // Enqueue as a step's hand-off (outbox::Sink); the relay must outlive it.
  std::function<void(const Message&)> Handoff() {
    return [this](const Message& m) { Enqueue(m); };
  }
  // kReceiver: the receiver has applied message `id`. Cleared with the next
  // pass, in one write with others; lost if the process dies first, which
  // only means one re-send (receivers dedup and acknowledge again).
  void Acknowledged(std::string id);
  // One pass: publish handed-over messages, claim and publish expired
  // entries, clear confirmed ones. Returns how many were sent.
  absl::StatusOr<int> RunOnce();

  const RelayOptions& options() const { return options_; }
  int64_t published() const { return published_.load(); }
  int64_t failures() const { return failures_.load(); }

 private:
  void Loop();
  void Publish(const Message& message);
  absl::Status ClearConfirmed();

  Store* store_;
  kafka::Producer* producer_;
  const base::Clock* clock_;
  RelayOptions options_;
  absl::Mutex mu_;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::deque<Message> handed_over_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> confirmed_ ABSL_GUARDED_BY(mu_);
  absl::Time next_claim_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  std::thread thread_;
  std::atomic<int64_t> published_{0};
  std::atomic<int64_t> failures_{0};
};

}  // namespace opsreport::outbox
