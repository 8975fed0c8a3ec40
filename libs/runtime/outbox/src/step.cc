#include "opsreport/outbox/step.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::outbox {
namespace {

constexpr char kDuplicateLabel[] = "duplicate";
constexpr char kConflictLabel[] = "conflict";

}  // namespace

const char* GuardLabel(Guard guard) {
  return guard == Guard::kDuplicate ? kDuplicateLabel : kConflictLabel;
}

Step& Step::RequireAbsent(const std::string& key, Guard guard) {
  mutation_.RequireAbsent(key, GuardLabel(guard));
  return *this;
}

Step& Step::RequireField(const std::string& key, const std::string& field,
                         const std::string& expected, Guard guard) {
  mutation_.RequireField(key, field, expected, GuardLabel(guard));
  return *this;
}

void Step::Put(const Sink& sink, Message message, absl::Time due) {
  sink.store->AddPut(mutation_, message, due);
  puts_.emplace_back(&sink, std::move(message));
}

absl::Status CommitMutation(redis::Client& client, const redis::Mutation& mutation) {
  ASSIGN_OR_RETURN(redis::MutationResult result, redis::Apply(client, mutation));
  if (!result.applied) {
    if (result.failed_guard == kDuplicateLabel) return absl::AlreadyExistsError("already applied");
    return absl::AbortedError(absl::StrCat("concurrent change (", result.failed_guard, ")"));
  }
  return absl::OkStatus();
}

absl::Status Step::Commit(redis::Client& client) {
  RETURN_IF_ERROR(CommitMutation(client, mutation_));
  for (const auto& [sink, message] : puts_) {
    if (sink->handoff) sink->handoff(message);
  }
  return absl::OkStatus();
}

void PutVersioned(redis::Mutation& mutation, const std::string& key, int64_t read_version,
                  const std::string& body) {
  mutation.RequireField(key, "v", read_version == 0 ? "" : absl::StrCat(read_version),
                        kConflictLabel);
  mutation.Do({"HSET", key, "body", body, "v", absl::StrCat(read_version + 1)});
}

absl::StatusOr<std::vector<VersionedBody>> LoadVersioned(redis::Client& client,
                                                         const std::vector<std::string>& keys) {
  std::vector<VersionedBody> out(keys.size());
  if (keys.empty()) return out;
  std::vector<std::vector<std::string>> commands;
  commands.reserve(keys.size());
  for (const std::string& key : keys) commands.push_back({"HMGET", key, "body", "v"});
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies, client.Pipeline(commands));
  for (size_t i = 0; i < replies.size(); ++i) {
    RETURN_IF_ERROR(replies[i].ToStatus());
    const redis::Reply& r = replies[i];
    if (!r.is_array() || r.elements.size() != 2 || r.elements[0].is_nil()) continue;
    if (!absl::SimpleAtoi(r.elements[1].str, &out[i].version) || out[i].version <= 0) {
      return absl::DataLossError(absl::StrCat(keys[i], " has no version"));
    }
    out[i].body = r.elements[0].str;
  }
  return out;
}

}  // namespace opsreport::outbox
