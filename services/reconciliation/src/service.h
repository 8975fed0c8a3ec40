#pragma once
// The reconciliation service's use cases, behind the gRPC handler and the
// Kafka / timer loops: extracts in, the report projection, job runs
// (daily §3.7, monthly §7.8, Ministry §7.9) with progress and checkpoints,
// the monthly report and its due dates. No gRPC types here.

#include <atomic>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "extract_store.h"
#include "month_store.h"
#include "opsreport/auth/principal.h"
#include "opsreport/base/clock.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/kafka/message.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/redis_store.h"
#include "opsreport/outbox/step.h"
#include "opsreport/reconciliation/reconciler.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/service/dispatcher.h"
#include "opsreport/timers/timer_store.h"
#include "opsreport/topics/topics.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/routing.pb.h"
#include "record_store.h"
#include "run_store.h"
#include "schedule_store.h"
#include "time_of_day.h"

namespace opsreport::reconciliation_service {

struct ServiceOptions {
  absl::Duration report_grace = absl::Hours(48);
  TimeOfDay daily_time{9, 0};
  std::vector<std::string> daily_units;  // empty: every regional directorate
  int check_due_day = 10;
  TimeOfDay monthly_time{6, 0};
  int report_due_day = 15;
  int ministry_day = 16;
  int64_t checkpoint_every = 5000;
  std::string requests_topic{topics::kReconciliationRequests.name};
  absl::Duration request_lease = absl::Seconds(30);
  std::string accepted_topic{topics::kReportsAccepted.name};
  std::string delivered_topic{topics::kRoutingDelivered.name};
  std::string receipts_topic{topics::kReconciliationReceipts.name};
  // Tests: a run "crashes" (stops where it is, left RUNNING) after this many
  // checkpoints; 0 = never.
  int crash_after_checkpoints = 0;
};

// What a run of a job found and counted so far (a resumed run continues it).
struct RunProgress;

class ReconciliationService {
 public:
  // Not owned; must outlive the service. `requests` hands a just-written
  // request to the relay (fast path); `holds` keeps the records that came
  // before their report (the kit's holds()).
  ReconciliationService(redis::Client* client, const org::OrgDirectory* org,
                        const catalogue::Catalogue* catalogue, const base::Clock* clock,
                        ServiceOptions options, outbox::Sink requests, consumer::HoldStore* holds);
  ~ReconciliationService();  // StopWorker()

  // --- Extracts -----------------------------------------------------------
  // Validates the whole extract (every bad row and column named; nothing
  // applied), then applies it; the same bytes again change nothing.
  // `in` must be seekable (a file): it is read twice.
  absl::StatusOr<v1::ExtractReceipt> IngestExtract(std::istream& in,
                                                   const v1::ExtractHeader& header);
  // The upload check of the header alone (before any data is spooled).
  static absl::Status ValidateHeader(const v1::ExtractHeader& header);
  // Who may hand in extracts: the analytics units (hq_analyst) and our services.
  static absl::Status CheckUploader(const auth::Principal& caller);

  // --- Projection (Kafka) --------------------------------------------------
  // Accepted documents, deliveries to the Ministry, routing's receipts. A
  // supplement or delivery before its report is held (see RecordStore).
  absl::Status OnRecord(const kafka::Message& message);
  // The handler above, for the consumer's subscription (its topics()).
  const service::Dispatcher& dispatcher() const { return dispatcher_; }
  // A request routing refused: shown on its run, never sent again.
  absl::Status RecordRejection(const v1::ReconciliationRequestReceipt& receipt);

  // --- Jobs ----------------------------------------------------------------
  absl::StatusOr<v1::Run> StartRun(const auth::Principal& caller, const v1::RunRequest& request);
  // Queues a run as the scheduler does (no caller).
  absl::StatusOr<v1::Run> QueueRun(const v1::RunRequest& request);
  absl::StatusOr<v1::Run> GetRun(const auth::Principal& caller, const std::string& run_id);
  absl::StatusOr<v1::ListDiscrepanciesResponse> ListDiscrepancies(
      const auth::Principal& caller, const v1::ListDiscrepanciesRequest& request);
  // Runs queued (and interrupted) runs until none is left; the worker
  // thread calls it, tests call it directly.
  absl::Status DrainQueue();
  void StartWorker();
  void StopWorker();

  // --- Monthly report and status ------------------------------------------
  absl::StatusOr<v1::MonthlyReport> GetMonthlyReport(const auth::Principal& caller,
                                                     const v1::MonthlyReportRequest& request);
  absl::StatusOr<v1::RegionMonthStatus> SubmitMonthlyReport(
      const auth::Principal& caller, const v1::SubmitMonthlyReportRequest& request);
  absl::StatusOr<v1::MonthlyStatusResponse> GetMonthlyStatus(
      const auth::Principal& caller, const v1::MonthlyStatusRequest& request);
  absl::StatusOr<v1::MinistryReconciliation> GetMinistryReconciliation(
      const auth::Principal& caller, const v1::MinistryReconciliationRequest& request);

  // --- Schedule ---------------------------------------------------------
  // Arms the next daily, monthly and Ministry timers unless armed already
  // (a timer missed while the service was down fires at once).
  absl::Status EnsureScheduled();
  absl::Status OnTimer(const timers::Timer& timer);

  outbox::RedisStore& request_outbox() { return *requests_.store; }
  timers::TimerStore& timers() { return timers_; }
  RecordStore& records() { return records_; }

 private:
  service::Dispatcher MakeDispatcher();
  absl::Status OnDelivered(const v1::InboxItem& item, const kafka::Message& message);
  absl::Status OnRequestReceipt(const v1::ReconciliationRequestReceipt& receipt);
  absl::Status Execute(v1::Run& run);
  absl::Status ExecuteDaily(v1::Run& run);
  absl::Status ExecuteMonthly(v1::Run& run);
  absl::Status ExecuteMinistry(v1::Run& run);
  // Writes what a stretch of a run found: its discrepancies, the requests
  // they call for (each once, ever), found crimes, and the run's progress.
  // `extra` adds its writes to the same atomic step (a checkpoint's counts).
  absl::Status Flush(v1::Run& run, RunProgress& progress, v1::ReconciliationRequestKind unreported,
                     const std::string& summary_day,
                     const std::function<void(redis::Mutation&)>& extra = nullptr);
  absl::Status CheckSees(const auth::Principal& caller, const std::string& unit) const;
  absl::StatusOr<v1::RegionMonthStatus> Status(const std::string& region, absl::CivilMonth month);
  reconciliation::ReconcileOptions JoinOptions() const;
  void WorkerLoop();

  redis::Client* client_;
  const org::OrgDirectory* org_;
  const catalogue::Catalogue* catalogue_;
  const base::Clock* clock_;
  ServiceOptions options_;
  RecordStore records_;
  RunStore runs_;
  MonthStore months_;
  ScheduleStore schedule_;
  ExtractStore extracts_;
  outbox::Sink requests_;
  service::Dispatcher dispatcher_;  // built last: its handlers use the members above
  timers::TimerStore timers_;
  absl::Mutex ingest_mu_;  // one extract applied at a time
  absl::Mutex worker_mu_;
  bool wake_ ABSL_GUARDED_BY(worker_mu_) = false;
  bool stop_ ABSL_GUARDED_BY(worker_mu_) = false;
  std::thread worker_;
  // Set by StopWorker: a long run stops at its next checkpoint and resumes
  // after the restart.
  std::atomic<bool> stopping_{false};
};

// Ids: "daily:<unit>:<YYYY-MM-DD>", "monthly:<region>:<YYYY-MM>", "ministry::<YYYY-MM>".
std::string RunId(v1::JobKind kind, const std::string& unit, const std::string& period);

}  // namespace opsreport::reconciliation_service
