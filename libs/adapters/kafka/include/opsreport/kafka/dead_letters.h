#pragma once
// Where a consumer loop sets aside a record it cannot apply, so that the
// records behind it go on (kafka::ApplyLoop). The loop decides when to park;
// the implementation (consumer::ParkingLot, over Redis, with a copy on the
// dead-letter topic) keeps the record until an operator replays it.

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/kafka/message.h"

namespace opsreport::kafka {

enum class ParkCause {
  kRetriesExhausted,  // a transient failure outlasted the retries
  kInvalid,           // can never be applied as it is
  kBehind,            // parked unapplied behind an earlier one with its key
  kHoldExpired,       // its prerequisite did not come within the hold limit
};

struct Parked {
  Message message;
  ParkCause cause = ParkCause::kRetriesExhausted;
  std::string error;  // the last error, or why it can never apply
  int attempts = 0;
  absl::Time first_failed_at = absl::InfinitePast();
  std::string behind;      // kBehind: the id of the record it waits behind
  bool holds_key = false;  // later records with its key park behind it
};

// "<topic>/<partition>@<offset>": how a parked record is named everywhere.
std::string RecordId(const Message& message);

class DeadLetters {
 public:
  virtual ~DeadLetters() = default;

  // Durably sets the record aside. An error means it was not: the loop keeps
  // the record (uncommitted) and tries again.
  virtual absl::Status Park(const Parked& parked) = 0;

  // The parked record that holds `key` on `topic` (its later records must
  // wait behind it), if any. Called for every record of a topic that keeps
  // its keys' order, so it answers from memory.
  virtual std::optional<std::string> HeldBy(const std::string& topic, const std::string& key) = 0;

  // Reads again which keys are held (the loop asks before the first record
  // of a partition it has not read for a while: one that may have moved to
  // it from another process, whose parked keys its memory may not know).
  virtual absl::Status Refresh() { return absl::OkStatus(); }

  // What a replay applies: every parked record when `all`, else the named
  // ones and those parked behind them; in topic, partition, offset order.
  // NOT_FOUND names an id that is not parked.
  virtual absl::StatusOr<std::vector<Parked>> ForReplay(const std::vector<std::string>& ids,
                                                        bool all) = 0;

  // The outcome of replaying `parked`: OK removes it from the store; an
  // error keeps it with that error (it then holds its key if `holds_key`).
  virtual absl::Status Replayed(const Parked& parked, const absl::Status& outcome) = 0;
};

}  // namespace opsreport::kafka
