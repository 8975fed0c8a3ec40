#include "run_store.h"

#include "absl/strings/str_cat.h"
#include "keys.h"
#include "opsreport/base/status_macros.h"
#include "run_progress.h"

namespace opsreport::reconciliation_service {

absl::StatusOr<std::optional<v1::Run>> RunStore::Load(const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"GET", keys::Run(id)}));
  if (r.is_nil()) return std::nullopt;
  v1::Run run;
  if (!run.ParseFromString(r.str)) return absl::DataLossError("run " + id + " does not parse");
  return run;
}

absl::Status RunStore::Save(const v1::Run& run) {
  return client_->Command({"SET", keys::Run(run.id()), run.SerializeAsString()}).status();
}

absl::StatusOr<std::optional<std::string>> RunStore::NextQueued() {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"ZRANGE", keys::kRunQueue, "0", "0"}));
  ASSIGN_OR_RETURN(std::vector<std::string> ids, r.AsStringArray());
  if (ids.empty()) return std::nullopt;
  return ids[0];
}

absl::Status RunStore::Dequeue(const std::string& id) {
  return client_->Command({"ZREM", keys::kRunQueue, id}).status();
}

absl::StatusOr<v1::MonthlyReport> RunStore::LoadStats(const std::string& run_id) {
  ASSIGN_OR_RETURN(redis::Reply saved, client_->Command({"GET", keys::RunStats(run_id)}));
  v1::MonthlyReport rows;
  if (!saved.is_nil() && !rows.ParseFromString(saved.str)) {
    return absl::DataLossError("checkpoint of " + run_id + " does not parse");
  }
  return rows;
}

absl::StatusOr<DiscrepancyPage> RunStore::Discrepancies(const std::string& run_id, int limit) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"HGETALL", keys::Discrepancies(run_id)}));
  ASSIGN_OR_RETURN(auto fields, r.AsStringMap());  // sorted by key: the join's order
  DiscrepancyPage page;
  page.total = static_cast<int64_t>(fields.size());
  for (const auto& [key, bytes] : fields) {
    if (static_cast<int>(page.discrepancies.size()) >= limit) break;
    if (!page.discrepancies.emplace_back().ParseFromString(bytes)) {
      return absl::DataLossError("discrepancy " + key + " does not parse");
    }
  }
  return page;
}

absl::StatusOr<std::map<std::string, std::string>> RunStore::Rejections(const std::string& run_id) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"HGETALL", keys::Rejected(run_id)}));
  return r.AsStringMap();
}

absl::Status RunStore::AddRejection(const std::string& run_id, const std::string& request_id,
                                    const std::string& reason) {
  return client_->Command({"HSET", keys::Rejected(run_id), request_id, reason}).status();
}

absl::StatusOr<std::optional<v1::ReconciliationRequest>> RunStore::LoadRequest(
    const std::string& id) {
  ASSIGN_OR_RETURN(redis::Reply stored, client_->Command({"GET", keys::Request(id)}));
  v1::ReconciliationRequest request;
  if (stored.is_nil() || !request.ParseFromString(stored.str)) return std::nullopt;
  return request;
}

absl::StatusOr<int64_t> RunStore::CountRequests(const std::vector<std::string>& ids) {
  if (ids.empty()) return 0;
  std::vector<std::vector<std::string>> exists;
  exists.reserve(ids.size());
  for (const std::string& id : ids) exists.push_back({"EXISTS", keys::Request(id)});
  ASSIGN_OR_RETURN(std::vector<redis::Reply> replies, client_->Pipeline(exists));
  int64_t count = 0;
  for (const redis::Reply& e : replies) count += e.integer;
  return count;
}

void RunStore::PutRun(redis::Mutation& m, const v1::Run& run) {
  m.Do({"SET", keys::Run(run.id()), run.SerializeAsString()});
}

void RunStore::Queue(redis::Mutation& m, const v1::Run& run, absl::Time at) {
  m.Do({"DEL", keys::Discrepancies(run.id()), keys::RunStats(run.id())});
  PutRun(m, run);
  m.Do({"ZADD", keys::kRunQueue, absl::StrCat(absl::ToUnixMillis(at)), run.id()});
}

void RunStore::Finish(redis::Mutation& m, const v1::Run& run) {
  PutRun(m, run);
  m.Do({"ZREM", keys::kRunQueue, run.id()});
}

void RunStore::PutStats(redis::Mutation& m, const std::string& run_id,
                        const v1::MonthlyReport& rows) {
  m.Do({"SET", keys::RunStats(run_id), rows.SerializeAsString()});
}

void RunStore::AddDiscrepancy(redis::Mutation& m, const std::string& run_id,
                              const v1::Discrepancy& d) {
  m.Do({"HSET", keys::Discrepancies(run_id), DiscrepancyKey(d), d.SerializeAsString()});
}

void RunStore::AddRequest(outbox::Step& step, const std::string& id, const std::string& payload) {
  step.RequireAbsent(keys::Request(id), outbox::Guard::kDuplicate)
      .mutation()
      .Do({"SET", keys::Request(id), payload});
}

}  // namespace opsreport::reconciliation_service
