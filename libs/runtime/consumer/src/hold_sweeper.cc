#include "opsreport/consumer/hold_sweeper.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"

namespace opsreport::consumer {
namespace {

constexpr int kBatch = 100;

}  // namespace

HoldSweeper::HoldSweeper(HoldStore* holds, ParkingLot* parking, redis::Client* client,
                         const base::Clock* clock, absl::Duration limit, absl::Duration every)
    : holds_(holds),
      parking_(parking),
      client_(client),
      clock_(clock),
      limit_(limit),
      every_(every) {}

HoldSweeper::~HoldSweeper() { Stop(); }

void HoldSweeper::Start() {
  stop_ = std::make_unique<absl::Notification>();
  thread_ = std::thread([this] {
    do {
      absl::StatusOr<int> parked = SweepOnce();
      if (!parked.ok()) {
        std::cerr << parking_->service() << ": hold sweep: " << parked.status() << std::endl;
      }
    } while (!stop_->WaitForNotificationWithTimeout(every_));
  });
}

void HoldSweeper::Stop() {
  if (!thread_.joinable()) return;
  stop_->Notify();
  thread_.join();
}

absl::StatusOr<int> HoldSweeper::SweepOnce() {
  const absl::Time now = clock_->Now();
  ASSIGN_OR_RETURN(std::vector<v1::HeldRecord> expired, holds_->HeldBefore(now - limit_, kBatch));
  int parked = 0;
  for (const v1::HeldRecord& held : expired) {
    ASSIGN_OR_RETURN(HoldStore::Waiting waiting, holds_->Load(held.awaits()));
    bool still_held = false;
    for (const auto& r : waiting.records) still_held |= r.id() == held.id();
    if (!still_held) continue;  // released since it was listed
    kafka::Parked p;
    p.message = MessageOf(held);
    p.cause = kafka::ParkCause::kHoldExpired;
    p.error = absl::StrCat(held.awaits(), " did not arrive within ", absl::FormatDuration(limit_),
                           " (held since ", absl::FormatTime(base::ToTime(held.held_at())), ")");
    outbox::Step step;
    holds_->ReleaseOne(step.mutation(), waiting, held.id());
    parking_->AddPark(step, p);
    absl::Status committed = step.Commit(*client_);
    if (absl::IsAborted(committed)) continue;  // its prerequisite came meanwhile: next sweep
    RETURN_IF_ERROR(committed);
    std::cerr << parking_->service() << ": parked " << p.message.topic << "/" << p.message.partition
              << "@" << p.message.offset << ": " << p.error << std::endl;
    ++parked;
  }
  return parked;
}

}  // namespace opsreport::consumer
