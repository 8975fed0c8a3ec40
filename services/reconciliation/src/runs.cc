// Job runs: queueing, the worker, progress records and what runs write.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/redis/mutation.h"
#include "run_progress.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

std::string JobName(v1::JobKind kind) {
  switch (kind) {
    case v1::JOB_KIND_DAILY:
      return "daily";
    case v1::JOB_KIND_MONTHLY:
      return "monthly";
    case v1::JOB_KIND_MINISTRY:
      return "ministry";
    default:
      return "unknown";
  }
}

bool Finished(v1::RunState s) { return s == v1::RUN_STATE_DONE || s == v1::RUN_STATE_FAILED; }

}  // namespace

std::string RunId(v1::JobKind kind, const std::string& unit, const std::string& period) {
  return absl::StrCat(JobName(kind), ":", unit, ":", period);
}

absl::StatusOr<v1::Run> ReconciliationService::StartRun(const auth::Principal& caller,
                                                        const v1::RunRequest& request) {
  if (request.kind() == v1::JOB_KIND_MINISTRY) {
    if (caller.unit_code != org_->ministry().code()) {
      return absl::PermissionDeniedError(
          "the Ministry's reconciliation is the Ministry HQ's (§7.9)");
    }
  } else {
    RETURN_IF_ERROR(CheckSees(caller, request.unit_code()));
  }
  return QueueRun(request);
}

absl::StatusOr<v1::Run> ReconciliationService::QueueRun(const v1::RunRequest& request) {
  base::Violations v;
  std::string period = request.period();
  switch (request.kind()) {
    case v1::JOB_KIND_DAILY:
      if (org_->Find(request.unit_code()) == nullptr) {
        v.Add("unit_code", "unknown unit '" + request.unit_code() + "'");
      }
      if (!ParseDay(period).ok()) v.Add("period", "'" + period + "' is not a day YYYY-MM-DD");
      break;
    case v1::JOB_KIND_MONTHLY: {
      const v1::Unit* unit = org_->Find(request.unit_code());
      if (unit == nullptr) {
        v.Add("unit_code", "unknown unit '" + request.unit_code() + "'");
      } else if (records_.RegionOf(unit->code()) != unit->code() ||
                 unit->code() == org_->ministry().code()) {
        v.Add("unit_code", "'" + request.unit_code() +
                               "' is not a region: the monthly check is a regional HQ's (§7.8.2)");
      }
      if (!ParseMonth(period).ok()) v.Add("period", "'" + period + "' is not a month YYYY-MM");
      break;
    }
    case v1::JOB_KIND_MINISTRY:
      if (!request.unit_code().empty() && request.unit_code() != org_->ministry().code()) {
        v.Add("unit_code", "must be empty or the Ministry for the Ministry's reconciliation");
      }
      if (!ParseMonth(period).ok()) v.Add("period", "'" + period + "' is not a month YYYY-MM");
      break;
    default:
      v.Add("kind", "must be daily, monthly or ministry");
  }
  RETURN_IF_ERROR(v.ToStatus("run request"));
  const std::string unit = request.kind() == v1::JOB_KIND_MINISTRY ? "" : request.unit_code();
  const std::string id = RunId(request.kind(), unit, period);
  ASSIGN_OR_RETURN(std::optional<v1::Run> existing, runs_.Load(id));
  if (existing && !Finished(existing->state())) return *existing;
  if (existing && existing->state() == v1::RUN_STATE_DONE && !request.rerun()) return *existing;
  v1::Run run;
  run.set_id(id);
  run.set_kind(request.kind());
  run.set_unit_code(unit);
  run.set_period(period);
  run.set_state(v1::RUN_STATE_QUEUED);
  *run.mutable_queued_at() = base::ToProto(clock_->Now());
  run.set_generation(existing ? existing->generation() + 1 : 1);
  // A fresh run recounts from nothing; what earlier runs requested stays
  // requested (requests are keyed by discrepancy), so nothing is sent twice.
  redis::Mutation m;
  RunStore::Queue(m, run, clock_->Now());
  RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  {
    absl::MutexLock lock(&worker_mu_);
    wake_ = true;
  }
  return run;
}

absl::StatusOr<v1::Run> ReconciliationService::GetRun(const auth::Principal& caller,
                                                      const std::string& run_id) {
  ASSIGN_OR_RETURN(std::optional<v1::Run> run, runs_.Load(run_id));
  if (!run) return absl::NotFoundError("no run '" + run_id + "'");
  if (run->kind() == v1::JOB_KIND_MINISTRY) {
    if (caller.unit_code != org_->ministry().code()) {
      return absl::PermissionDeniedError("the Ministry's reconciliation is the Ministry HQ's");
    }
  } else {
    RETURN_IF_ERROR(CheckSees(caller, run->unit_code()));
  }
  ASSIGN_OR_RETURN(auto reasons, runs_.Rejections(run_id));
  for (auto& [id, reason] : reasons) (*run->mutable_rejected_requests())[id] = std::move(reason);
  return *run;
}

absl::StatusOr<v1::ListDiscrepanciesResponse> ReconciliationService::ListDiscrepancies(
    const auth::Principal& caller, const v1::ListDiscrepanciesRequest& request) {
  RETURN_IF_ERROR(GetRun(caller, request.run_id()).status());
  const int limit = request.limit() > 0 ? request.limit() : 1000;
  ASSIGN_OR_RETURN(DiscrepancyPage page, runs_.Discrepancies(request.run_id(), limit));
  v1::ListDiscrepanciesResponse out;
  out.set_total(page.total);
  for (v1::Discrepancy& d : page.discrepancies) *out.add_discrepancies() = std::move(d);
  return out;
}

absl::Status ReconciliationService::Flush(v1::Run& run, RunProgress& progress,
                                          v1::ReconciliationRequestKind unreported,
                                          const std::string& summary_day,
                                          const std::function<void(redis::Mutation&)>& extra) {
  const absl::Time now = clock_->Now();
  const std::string requester = run.unit_code().empty() ? org_->ministry().code() : run.unit_code();
  for (size_t i = 0; i < progress.pending.size(); ++i) {
    const v1::Discrepancy& d = progress.pending[i];
    const v1::ReconciliationRequestKind kind =
        d.kind() == v1::DISCREPANCY_KIND_UNREPORTED_CRIME
            ? unreported
            : v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION;
    v1::ReconciliationRequest request;
    request.set_id(RequestId(d, kind));
    request.set_kind(kind);
    request.set_unit_code(d.unit_code());
    request.set_requested_by_unit(requester);
    request.set_run_id(run.id());
    *request.mutable_discrepancy() = d;
    request.set_question(RequestText(d, kind));
    *request.mutable_requested_at() = base::ToProto(now);
    request.set_summary_day(summary_day);
    request.set_plot(progress.plots[i]);
    outbox::Message message{request.id(), options_.requests_topic, d.unit_code(),
                            request.SerializeAsString()};
    outbox::Step step;
    RunStore::AddRequest(step, request.id(), message.payload);
    step.Put(requests_, std::move(message), now + options_.request_lease);
    absl::Status committed = step.Commit(*client_);
    if (committed.ok()) run.set_requests(run.requests() + 1);
    if (!absl::IsAlreadyExists(committed)) RETURN_IF_ERROR(committed);
  }
  redis::Mutation m;
  for (size_t i = 0; i < progress.pending.size(); ++i) {
    const v1::Discrepancy& d = progress.pending[i];
    RunStore::AddDiscrepancy(m, run.id(), d);
    if (d.kind() != v1::DISCREPANCY_KIND_UNREPORTED_CRIME) continue;
    v1::FoundCrime found;
    found.set_proceedings_number(d.proceedings_number());
    found.set_unit_code(d.unit_code());
    *found.mutable_registered_at() = d.registered_at();
    found.set_catalogue_number(d.register_catalogue_number());
    *found.mutable_qualification() = d.register_qualification();
    found.set_plot(progress.plots[i]);
    *found.mutable_found_at() = base::ToProto(now);
    const absl::CivilMonth month = KyivMonthOf(base::ToTime(d.registered_at()));
    MonthStore::AddFound(m, records_.RegionOf(d.unit_code()), MonthKey(month), found);
  }
  run.set_discrepancies(run.discrepancies() + static_cast<int64_t>(progress.pending.size()));
  if (extra) extra(m);
  RunStore::PutRun(m, run);
  RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  progress.pending.clear();
  progress.plots.clear();
  ++progress.checkpoints;
  if (options_.crash_after_checkpoints > 0 &&
      progress.checkpoints >= options_.crash_after_checkpoints) {
    return absl::AbortedError("simulated crash after a checkpoint");
  }
  if (stopping_.load()) return absl::AbortedError("service stopping; the run resumes on restart");
  return absl::OkStatus();
}

absl::Status ReconciliationService::DrainQueue() {
  while (true) {
    ASSIGN_OR_RETURN(std::optional<std::string> next, runs_.NextQueued());
    if (!next) return absl::OkStatus();
    ASSIGN_OR_RETURN(std::optional<v1::Run> loaded, runs_.Load(*next));
    if (!loaded || Finished(loaded->state())) {
      RETURN_IF_ERROR(runs_.Dequeue(*next));
      continue;
    }
    v1::Run run = *loaded;
    run.set_state(v1::RUN_STATE_RUNNING);
    run.set_attempts(run.attempts() + 1);
    if (!run.has_started_at()) *run.mutable_started_at() = base::ToProto(clock_->Now());
    RETURN_IF_ERROR(runs_.Save(run));
    absl::Status status = Execute(run);
    if (absl::IsAborted(status) || absl::IsUnavailable(status)) {
      // A crash (simulated) or Redis gone: the run stays RUNNING in the
      // queue and resumes from its checkpoint next time.
      return status;
    }
    run.set_state(status.ok() ? v1::RUN_STATE_DONE : v1::RUN_STATE_FAILED);
    run.set_error(status.ok() ? "" : std::string(status.message()));
    *run.mutable_finished_at() = base::ToProto(clock_->Now());
    redis::Mutation m;
    RunStore::Finish(m, run);
    RETURN_IF_ERROR(redis::Apply(*client_, m).status());
  }
}

void ReconciliationService::StartWorker() {
  {
    absl::MutexLock lock(&worker_mu_);
    stop_ = false;
    stopping_.store(false);
    wake_ = true;  // interrupted runs resume at once
  }
  worker_ = std::thread([this] { WorkerLoop(); });
}

void ReconciliationService::StopWorker() {
  stopping_.store(true);
  {
    absl::MutexLock lock(&worker_mu_);
    stop_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

void ReconciliationService::WorkerLoop() {
  while (true) {
    {
      absl::MutexLock lock(&worker_mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(worker_mu_) { return wake_ || stop_; };
      worker_mu_.AwaitWithTimeout(absl::Condition(&ready), absl::Seconds(2));
      if (stop_) return;
      wake_ = false;
    }
    absl::Status s = DrainQueue();
    if (!s.ok()) {
      std::fprintf(stderr, "opsreport-reconciliation: runs: %s\n", s.ToString().c_str());
    }
  }
}

}  // namespace opsreport::reconciliation_service
