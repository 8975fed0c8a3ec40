#pragma once
// The store of parked records (kafka::DeadLetters over Redis): a record a
// consumer loop could not apply is kept here with its topic, partition,
// offset, key, payload and last error until an operator replays it
// (opsreport.v1.Consumers, opsreport-cli parked/replay), and a copy goes to
// the dead-letter topic through an outbox written in the same step, so the
// copy is published even if the broker is away when the record is parked.
//
// Redis, under "park:<service>":
//   :records         hash id -> opsreport.v1.ParkedRecord
//   :index           zset id scored by parked_at (ms): listing, count, oldest
//   :bykey:<t>\x1f<k> zset id scored by offset: the records of one ordered key
//   :heads           hash "<topic>\x1f<key>" -> the id holding that key
//   :pub             the dead-letter outbox (outbox::RedisStore)
// Which keys are held is also kept in memory (HeldBy is asked for every
// record of an ordered topic) and read again from Redis every few seconds,
// so a partition that moves to another process brings its parked keys.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "opsreport/base/clock.h"
#include "opsreport/kafka/dead_letters.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/client.h"
#include "opsreport/v1/consumer.pb.h"

namespace opsreport::consumer {

v1::ParkedRecord ToProto(const kafka::Parked& parked, const std::string& service, absl::Time now);
kafka::Parked FromProto(const v1::ParkedRecord& record);

class ParkingLot : public kafka::DeadLetters {
 public:
  // `service` names the consumer group; `dead_letters` is the outbox whose
  // relay publishes to `dead_letter_topic`.
  ParkingLot(redis::Client* client, std::string service, std::string dead_letter_topic,
             outbox::Sink dead_letters, const base::Clock* clock);

  // Reads which keys are held (at start, before the loops run).
  absl::Status Load();

  absl::Status Park(const kafka::Parked& parked) override;
  std::optional<std::string> HeldBy(const std::string& topic, const std::string& key) override;
  absl::Status Refresh() override;
  absl::StatusOr<std::vector<kafka::Parked>> ForReplay(const std::vector<std::string>& ids,
                                                       bool all) override;
  absl::Status Replayed(const kafka::Parked& parked, const absl::Status& outcome) override;

  // Adds the park of `parked` to `step` (the hold sweeper parks an expired
  // hold in the step that releases it). Such a park never holds its key.
  void AddPark(outbox::Step& step, const kafka::Parked& parked) const;

  struct Page {
    std::vector<v1::ParkedRecord> records;  // oldest first
    std::string next_page_token;            // "" = last page
    int64_t total = 0;
  };
  absl::StatusOr<Page> List(int limit, const std::string& page_token) const;
  absl::StatusOr<int64_t> Count() const;
  absl::StatusOr<std::optional<absl::Time>> OldestParkedAt() const;

  const std::string& service() const { return service_; }

 private:
  absl::StatusOr<std::optional<v1::ParkedRecord>> LoadOne(const std::string& id) const;

  redis::Client* client_;
  std::string service_;
  std::string prefix_;
  std::string dead_letter_topic_;
  outbox::Sink dead_letters_;
  const base::Clock* clock_;

  mutable absl::Mutex mu_;
  std::map<std::pair<std::string, std::string>, std::string> heads_ ABSL_GUARDED_BY(mu_);
  absl::Time refreshed_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  uint64_t generation_ ABSL_GUARDED_BY(mu_) = 0;  // bumped by every local change
};

}  // namespace opsreport::consumer
