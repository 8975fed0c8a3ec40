#pragma once
// kafka::DeadLetters in memory, for unit tests of consumer loops: parks,
// answers HeldBy and replays as consumer::ParkingLot does over Redis, and
// can be told to refuse parks (Redis down).

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "opsreport/kafka/dead_letters.h"

namespace opsreport::kafka {

class MemoryDeadLetters final : public DeadLetters {
 public:
  absl::Status Park(const Parked& parked) override;
  std::optional<std::string> HeldBy(const std::string& topic, const std::string& key) override;
  absl::StatusOr<std::vector<Parked>> ForReplay(const std::vector<std::string>& ids,
                                                bool all) override;
  absl::Status Replayed(const Parked& parked, const absl::Status& outcome) override;
  absl::Status Refresh() override;
  int refreshes() const;

  // The next `n` parks fail with `status`.
  void FailNextParks(int n, absl::Status status);
  std::vector<Parked> parked() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, Parked> parked_ ABSL_GUARDED_BY(mu_);  // by RecordId
  int fail_parks_ ABSL_GUARDED_BY(mu_) = 0;
  int refreshes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status fail_status_ ABSL_GUARDED_BY(mu_);
};

}  // namespace opsreport::kafka
