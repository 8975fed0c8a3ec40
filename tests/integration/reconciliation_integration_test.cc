// Reconciliation across the real processes: a ЄРДР extract streamed over
// gRPC (and dropped as a file), a daily run started and followed over gRPC,
// its request reaching the unit's inbox through Kafka and routing, routing's
// receipt clearing the reconciliation's outbox, and a run queued before a
// SIGKILL finishing after the restart.

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/testing/status_matchers.h"
#include "opsreport/v1/reconciliation.grpc.pb.h"
#include "opsreport/v1/routing.grpc.pb.h"
#include "stack_fixture.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

constexpr char kProceedings[] = "12026100020009001";

std::string Yesterday() {
  absl::CivilDay d = absl::ToCivilDay(absl::Now(), calendar::KyivZone()) - 1;
  return absl::StrFormat("%04d-%02d-%02d", d.year(), d.month(), d.day());
}

std::string ExtractCsv(const std::string& proceedings, const std::string& registered) {
  return absl::StrCat(
      "proceedings_number,registered_at,unit_code,unit_name,reported_at,cc_article,article_part,"
      "article_paragraph,summary,place,catalogue_number\n",
      proceedings, ",", registered, ",1002,Печерське РУ,", registered,
      ",115,1,,Виявлено труп чоловіка з ознаками насильницької смерті,м. Київ,1\n");
}

class ReconciliationIntegrationTest : public StackTest {
 protected:
  static void SetUpTestSuite() {
    stack::StackOptions options;
    options.control = false;
    options.routing_extra_flags = "--outbox_poll=100ms";
    options.reconciliation_extra_flags =
        "--outbox_poll=100ms --timer_poll=200ms --drop_poll=200ms --request_lease=3s";
    StartStack(std::move(options));
  }
  static std::string As(const std::string& unit, auth::Role role = auth::Role::kDutyOfficer) {
    return signer_->Sign(
        {unit, absl::StrCat("Черговий ", unit), role, absl::Now() + absl::Hours(1)});
  }
  static std::unique_ptr<v1::Reconciliation::Stub> Recon() {
    return v1::Reconciliation::NewStub(
        grpc::CreateChannel(stack_->reconciliation_address(), grpc_util::ChannelCredentials()));
  }
  static grpc::Status Upload(const std::string& text, v1::ExtractReceipt* receipt) {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, As("1000", auth::Role::kHqAnalyst));
    auto stub = Recon();
    auto writer = stub->UploadExtract(&ctx, receipt);
    v1::ExtractChunk chunk;
    chunk.mutable_header()->set_name("entries-test.csv");
    chunk.mutable_header()->set_kind(v1::EXTRACT_KIND_ENTRIES);
    chunk.mutable_header()->set_format(v1::EXTRACT_FORMAT_CSV);
    writer->Write(chunk);
    // Small chunks: the server must put the stream back together.
    for (size_t at = 0; at < text.size(); at += 64) {
      chunk.set_data(text.substr(at, 64));
      writer->Write(chunk);
    }
    writer->WritesDone();
    return writer->Finish();
  }
  static v1::Run WatchUntilEnd(const std::string& run_id) {
    v1::Run last;
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (absl::Now() < give_up) {
      grpc::ClientContext ctx;
      grpc_util::AttachCredential(ctx, As("0001"));
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(20)));
      v1::GetRunRequest r;
      r.set_run_id(run_id);
      auto stub = Recon();
      auto reader = stub->WatchRun(&ctx, r);
      while (reader->Read(&last)) {
      }
      (void)reader->Finish();
      if (last.state() == v1::RUN_STATE_DONE || last.state() == v1::RUN_STATE_FAILED) break;
      absl::SleepFor(absl::Milliseconds(300));  // restarting: try again
    }
    return last;
  }
  static grpc::Status StartRun(const v1::RunRequest& r, v1::Run* run) {
    grpc::Status s;
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    do {
      grpc::ClientContext ctx;
      grpc_util::AttachCredential(ctx, As("1000"));
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
      s = Recon()->StartRun(&ctx, r, run);
      if (s.error_code() != grpc::StatusCode::UNAVAILABLE) return s;
      absl::SleepFor(absl::Milliseconds(200));
    } while (absl::Now() < give_up);
    return s;
  }
};

TEST_F(ReconciliationIntegrationTest, ServesHealthAndReflection) {
  ASSERT_OK_AND_ASSIGN(std::string health, HealthCheck(stack_->reconciliation_address()));
  EXPECT_EQ(health, std::string("\x08\x01", 2));
  ASSERT_OK_AND_ASSIGN(std::string services, ReflectionServices(stack_->reconciliation_address()));
  EXPECT_THAT(services, HasSubstr("opsreport.v1.Reconciliation"));
}

TEST_F(ReconciliationIntegrationTest, AnUnreportedCrimeBecomesARequestInTheUnitsInbox) {
  const std::string registered = Yesterday() + " 10:15";
  v1::ExtractReceipt receipt;
  v1::ExtractReceipt bad;
  grpc::Status refused = Upload(ExtractCsv(kProceedings, Yesterday() + " 25:99"), &bad);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("row 2, column registered_at"));
  ASSERT_TRUE(Upload(ExtractCsv(kProceedings, registered), &receipt).ok());
  EXPECT_EQ(receipt.rows(), 1);
  EXPECT_FALSE(receipt.already_applied());
  v1::ExtractReceipt again;
  ASSERT_TRUE(Upload(ExtractCsv(kProceedings, registered), &again).ok());
  EXPECT_TRUE(again.already_applied());

  v1::RunRequest r;
  r.set_kind(v1::JOB_KIND_DAILY);
  r.set_unit_code("1000");
  r.set_period(Yesterday());
  v1::Run run;
  ASSERT_TRUE(StartRun(r, &run).ok());
  v1::Run done = WatchUntilEnd(run.id());
  ASSERT_EQ(done.state(), v1::RUN_STATE_DONE) << done.error();
  EXPECT_EQ(done.discrepancies(), 1);

  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, As("1000"));
  v1::ListDiscrepanciesRequest list;
  list.set_run_id(run.id());
  v1::ListDiscrepanciesResponse found;
  ASSERT_TRUE(Recon()->ListDiscrepancies(&ctx, list, &found).ok());
  ASSERT_EQ(found.discrepancies_size(), 1);
  EXPECT_EQ(found.discrepancies(0).kind(), v1::DISCREPANCY_KIND_UNREPORTED_CRIME);
  EXPECT_EQ(found.discrepancies(0).unit_code(), "1002");

  // Through Kafka to routing: the unit's inbox and the day's summary.
  auto routing = v1::Routing::NewStub(
      grpc::CreateChannel(stack_->routing_address(), grpc_util::ChannelCredentials()));
  v1::ListInboxResponse inbox;
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  while (absl::Now() < give_up) {
    grpc::ClientContext c;
    grpc_util::AttachCredential(c, As("1002"));
    v1::ListInboxRequest q;
    q.set_unit_code("1002");
    ASSERT_TRUE(routing->ListInbox(&c, q, &inbox).ok());
    if (inbox.reconciliation_requests_size() > 0) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_EQ(inbox.reconciliation_requests_size(), 1);
  EXPECT_EQ(inbox.reconciliation_requests(0).request().id(),
            absl::StrCat("info:1002:unreported:", kProceedings));
  grpc::ClientContext sc;
  grpc_util::AttachCredential(sc, As("1000"));
  v1::DailySummaryRequest sq;
  sq.set_unit_code("1000");
  sq.set_day(Yesterday());
  v1::DailySummaryResponse summary;
  ASSERT_TRUE(routing->DailySummary(&sc, sq, &summary).ok());
  EXPECT_EQ(summary.summary().reconciliation_requests_size(), 1);

  // Routing's receipt clears the reconciliation's outbox.
  int64_t pending = -1;
  while (absl::Now() < give_up) {
    auto r2 = redis_->Command({"ZCARD", "recon:outbox"});
    ASSERT_TRUE(r2.ok());
    pending = r2->integer;
    if (pending == 0) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_EQ(pending, 0);

  // The unit's desk answers it (the register was wrong): it leaves the inbox.
  grpc::ClientContext ac;
  grpc_util::AttachCredential(ac, As("1002"));
  v1::AnswerReconciliationRequestRequest answer;
  answer.set_unit_code("1002");
  answer.set_request_id(inbox.reconciliation_requests(0).request().id());
  answer.set_answer("Провадження обліковано за іншим підрозділом; ЄРДР виправлено");
  v1::ReconciliationInboxItem answered;
  grpc::Status s = routing->AnswerReconciliationRequest(&ac, answer, &answered);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_TRUE(answered.has_answered_at());
  grpc::ClientContext lc;
  grpc_util::AttachCredential(lc, As("1002"));
  v1::ListInboxRequest q;
  q.set_unit_code("1002");
  ASSERT_TRUE(routing->ListInbox(&lc, q, &inbox).ok());
  EXPECT_EQ(inbox.reconciliation_requests_size(), 0);
}

TEST_F(ReconciliationIntegrationTest, ADroppedExtractFileIsApplied) {
  namespace fs = std::filesystem;
  const fs::path dir = stack_->extracts_dir();
  std::ofstream(dir / "entries-drop.tmp")
      << ExtractCsv("12026100020009002", Yesterday() + " 11:00");
  fs::rename(dir / "entries-drop.tmp", dir / "entries-drop.csv");
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (!fs::exists(dir / "done" / "entries-drop.csv") && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(fs::exists(dir / "done" / "entries-drop.csv"));
  auto stored = redis_->Command({"EXISTS", "recon:entry:12026100020009002"});
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->integer, 1);
}

TEST_F(ReconciliationIntegrationTest, ARunQueuedBeforeAKillFinishesAfterTheRestart) {
  absl::CivilMonth last = absl::CivilMonth(absl::ToCivilDay(absl::Now(), calendar::KyivZone())) - 1;
  v1::RunRequest r;
  r.set_kind(v1::JOB_KIND_MONTHLY);
  r.set_unit_code("1000");
  r.set_period(absl::StrFormat("%04d-%02d", last.year(), last.month()));
  v1::Run run;
  ASSERT_TRUE(StartRun(r, &run).ok());
  ASSERT_OK(stack_->KillReconciliation());
  ASSERT_OK(stack_->StartReconciliation());
  v1::Run done = WatchUntilEnd(run.id());
  EXPECT_EQ(done.state(), v1::RUN_STATE_DONE) << done.error();
  EXPECT_GE(done.attempts(), 1);
}

}  // namespace
}  // namespace opsreport::integration
