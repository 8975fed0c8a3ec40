#pragma once
// Parks what has waited too long for its prerequisite: a held record older
// than the hold limit (e.g. a delivery about a report that was never filed)
// leaves the HoldStore and enters the ParkingLot in one step, with the
// reason, where an operator sees it and may replay it (which holds it again
// if the prerequisite is still missing).

#include <atomic>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "opsreport/base/clock.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/consumer/parking_lot.h"
#include "opsreport/redis/client.h"

namespace opsreport::consumer {

class HoldSweeper {
 public:
  HoldSweeper(HoldStore* holds, ParkingLot* parking, redis::Client* client,
              const base::Clock* clock, absl::Duration limit, absl::Duration every);
  ~HoldSweeper();  // Stop()

  void Start();
  void Stop();
  // Parks every hold older than the limit; how many it parked.
  absl::StatusOr<int> SweepOnce();

 private:
  HoldStore* holds_;
  ParkingLot* parking_;
  redis::Client* client_;
  const base::Clock* clock_;
  absl::Duration limit_;
  absl::Duration every_;
  std::unique_ptr<absl::Notification> stop_;
  std::thread thread_;
};

}  // namespace opsreport::consumer
