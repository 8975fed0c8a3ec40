#pragma once
// The routing service's Kafka side: one consumer-group member reading
// accepted documents, hops and receipts, handing each to the Router, sending
// the receipt of each applied hop, and committing offsets only after the
// Router's step is stored. A redelivered record is harmless: every step is
// deduplicated in Redis.

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <utility>

#include "absl/time/time.h"
#include "opsreport/kafka/consumer.h"
#include "opsreport/kafka/producer.h"
#include "router.h"

namespace opsreport::routing {

struct ConsumerTopics {
  std::string accepted = "opsreport.reports.accepted";
  std::string hops = "opsreport.routing.hops";
  std::string receipts = "opsreport.routing.receipts";
};

class ConsumerLoop {
 public:
  // Nothing is owned; all must outlive the loop.
  ConsumerLoop(kafka::Consumer* consumer, kafka::Producer* producer, Router* router,
               ConsumerTopics topics);
  ~ConsumerLoop();  // Stop()

  void Start();
  void Stop();
  // Polls once and handles what came; false on a timeout. A step that fails
  // for a transient reason (Redis down) is retried until it succeeds or the
  // loop stops, so records are never skipped past.
  bool RunOnce(absl::Duration timeout);
  // Commits the offsets of everything handled so far.
  void CommitHandled();

  int64_t handled() const { return handled_.load(); }
  int64_t rejected() const { return rejected_.load(); }

 private:
  absl::Status Handle(const kafka::Message& message);

  kafka::Consumer* consumer_;
  kafka::Producer* producer_;
  Router* router_;
  ConsumerTopics topics_;
  std::map<std::pair<std::string, int32_t>, kafka::Message> to_commit_;
  absl::Time last_commit_ = absl::InfinitePast();
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::atomic<int64_t> handled_{0};
  std::atomic<int64_t> rejected_{0};
};

}  // namespace opsreport::routing
