#pragma once
// One atomic, guarded write step built in C++: guards (a key must be absent,
// a hash field must hold a value) are checked first, and only if all hold are
// the commands run, all in one Lua step. Services keep their rules in C++ and
// still get "dedup key and state change in one atomic Redis step":
//
//   redis::Mutation m;
//   m.RequireAbsent("svc:applied:" + id, "duplicate")
//    .RequireField(item_key, "v", expected_version, "conflict")
//    .Do({"HSET", item_key, "body", bytes, "v", next_version})
//    .Do({"SET", "svc:applied:" + id, "1"});
//   ASSIGN_OR_RETURN(redis::MutationResult r, redis::Apply(*client, m));
//
// Keys travel in ARGV, not KEYS: fine on one Redis (our deployment), not on
// Redis Cluster.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/redis/client.h"

namespace opsreport::redis {

class Mutation {
 public:
  // Fails the step with `label` when `key` exists.
  Mutation& RequireAbsent(const std::string& key, const std::string& label);
  // Fails the step with `label` unless HGET key field equals `expected`
  // (an absent key or field reads as "").
  Mutation& RequireField(const std::string& key, const std::string& field,
                         const std::string& expected, const std::string& label);
  // A write command run once every guard holds, in the order added.
  Mutation& Do(std::vector<std::string> command);

  bool empty() const { return commands_ == 0; }
  int commands() const { return commands_; }
  const std::vector<std::string>& args() const { return args_; }

 private:
  std::vector<std::string> args_;
  int commands_ = 0;
};

struct MutationResult {
  bool applied = false;
  std::string failed_guard;  // the label of the first guard that failed
};

// Runs the step. A failed guard is a result, not an error: nothing was written.
absl::StatusOr<MutationResult> Apply(Client& client, const Mutation& mutation);

}  // namespace opsreport::redis
