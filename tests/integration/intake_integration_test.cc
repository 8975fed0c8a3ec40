// The intake service end to end: real opsreport-intake process, real
// redis-server, mock Kafka over TCP, gRPC over loopback.
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/impl/rpc_method.h"
#include "grpcpp/support/sync_stream.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/status.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/telegram/telegram.h"
#include "stack_fixture.h"

namespace opsreport::integration {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::HasSubstr;

// One filing time for the whole run: the fixture's times are whole minutes, so a
// retry built a minute later would be a different document under the same key
// (intake rightly refuses that as ALREADY_EXISTS).
v1::SubmitSpecialReportRequest Request(const std::string& key) {
  static const absl::Time kReceived = absl::Now() - absl::Hours(2);
  v1::SubmitSpecialReportRequest r;
  r.set_idempotency_key(key);
  *r.mutable_report() = fixtures::MurderReport(kReceived);
  return r;
}

class IntakeIntegrationTest : public StackTest {};

TEST_F(IntakeIntegrationTest, FileFetchSeeOnKafkaAndRetry) {
  std::string key = absl::StrCat("file-", absl::ToUnixNanos(absl::Now()));
  v1::SubmitResponse first;
  grpc::Status s = Submit(Request(key), &first);
  ASSERT_TRUE(s.ok()) << s.error_message();
  EXPECT_GT(first.registration_number(), 0);
  EXPECT_THAT(first.outgoing_number(), HasSubstr("1001/"));

  v1::GetReportResponse got;
  ASSERT_TRUE(Get(first.report_id(), &got).ok());
  EXPECT_EQ(got.document().outgoing_number(), first.outgoing_number());
  EXPECT_EQ(got.document().special_report().registration_number(), first.registration_number());
  EXPECT_EQ(got.document().submitted_by(), "Литвиненко Павло Сергійович");

  // Same idempotency key: same numbers, nothing new stored.
  int64_t before = AcceptedCount();
  v1::SubmitResponse retry;
  ASSERT_TRUE(Submit(Request(key), &retry).ok());
  EXPECT_TRUE(retry.duplicate());
  EXPECT_EQ(retry.report_id(), first.report_id());
  EXPECT_EQ(retry.outgoing_number(), first.outgoing_number());
  EXPECT_EQ(AcceptedCount(), before);

  std::set<std::string> seen = ConsumeIds({first.report_id()}, absl::Seconds(30));
  EXPECT_TRUE(seen.count(first.report_id())) << "accepted report not on the Kafka topic";
}

TEST_F(IntakeIntegrationTest, SupplementChainsUnderItsOriginal) {
  v1::SubmitResponse original;
  ASSERT_TRUE(
      Submit(Request(absl::StrCat("orig-", absl::ToUnixNanos(absl::Now()))), &original).ok());
  v1::GetReportResponse got;
  ASSERT_TRUE(Get(original.report_id(), &got).ok());
  absl::Time accepted = absl::FromUnixSeconds(got.document().accepted_at().seconds());

  v1::SubmitSupplementRequest request;
  request.set_idempotency_key(absl::StrCat("sup-", original.report_id()));
  *request.mutable_supplement() = fixtures::ErdrSupplement(
      original.outgoing_number(), absl::FormatTime("%Y-%m-%d", accepted, calendar::KyivZone()),
      original.registration_number(), accepted);
  v1::SubmitResponse sup;
  {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, Token());
    grpc::Status s = NewStub()->SubmitSupplement(&ctx, request, &sup);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  ASSERT_TRUE(Get(original.report_id(), &got).ok());
  ASSERT_EQ(got.supplement_ids_size(), 1);
  EXPECT_EQ(got.supplement_ids(0), sup.report_id());
  v1::GetReportResponse sup_doc;
  ASSERT_TRUE(Get(sup.report_id(), &sup_doc).ok());
  EXPECT_EQ(sup_doc.document().root_report_id(), original.report_id());

  // A supplement to an unknown outgoing number is refused.
  request.set_idempotency_key(absl::StrCat("sup-unknown-", original.report_id()));
  request.mutable_supplement()->set_original_outgoing_number("1001/1999/1");
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, Token());
  v1::SubmitResponse none;
  grpc::Status s = NewStub()->SubmitSupplement(&ctx, request, &none);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(grpc_util::ViolationsOf(s),
              Contains(Field(&base::Violation::field, "supplement.original_outgoing_number")));
}

TEST_F(IntakeIntegrationTest, MalformedReportIsRejectedWithAllViolationsAndNothingStored) {
  int64_t before = AcceptedCount();
  v1::SubmitSpecialReportRequest bad =
      Request(absl::StrCat("bad-", absl::ToUnixNanos(absl::Now())));
  bad.mutable_report()->set_catalogue_number("77.7");
  bad.mutable_report()->mutable_coding_line()->set_article_part("");
  bad.mutable_report()->mutable_persons(0)->set_full_name(std::string(5000, 'x'));
  bad.mutable_report()->mutable_content()->clear_place();
  v1::SubmitResponse response;
  grpc::Status s = Submit(bad, &response);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::vector<std::string> fields;
  for (const auto& v : grpc_util::ViolationsOf(s)) fields.push_back(v.field);
  EXPECT_THAT(fields, Contains("report.catalogue_number"));
  EXPECT_THAT(fields, Contains("report.coding_line.article_part"));
  EXPECT_THAT(fields, Contains("report.persons[0].full_name"));
  EXPECT_THAT(fields, Contains("report.content.place"));
  EXPECT_THAT(s.error_message(), HasSubstr("unknown catalogue item 77.7"));
  EXPECT_EQ(AcceptedCount(), before);
  auto idem = redis_->Command({"EXISTS", absl::StrCat("intake:idem:1001:", bad.idempotency_key())});
  ASSERT_TRUE(idem.ok());
  EXPECT_EQ(idem->integer, 0);
}

TEST_F(IntakeIntegrationTest, CallersWithoutValidCredentialsAreRefused) {
  v1::SubmitSpecialReportRequest r = Request("auth-check");
  v1::SubmitResponse response;
  {
    grpc::ClientContext ctx;  // no credential at all
    EXPECT_EQ(NewStub()->SubmitSpecialReport(&ctx, r, &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  EXPECT_EQ(Submit(r, &response, "garbage.token").error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto forged = auth::CredentialSigner::Create(std::string(32, 'k'));
  ASSERT_TRUE(forged.ok());
  std::string forged_token =
      forged->Sign({"1001", "x", auth::Role::kDutyOfficer, absl::Now() + absl::Hours(1)});
  EXPECT_EQ(Submit(r, &response, forged_token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::string expired =
      signer_->Sign({"1001", "x", auth::Role::kDutyOfficer, absl::Now() - absl::Seconds(1)});
  EXPECT_EQ(Submit(r, &response, expired).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // A valid credential of another unit may not file for 1001.
  EXPECT_EQ(Submit(r, &response, Token("1002")).error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(IntakeIntegrationTest, HealthAndReflectionAnswerWithoutCredentials) {
  absl::StatusOr<std::string> health = HealthCheck(stack_->intake_address());
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, std::string("\x08\x01", 2)) << "status SERVING";
  absl::StatusOr<std::string> services = ReflectionServices(stack_->intake_address());
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, HasSubstr("opsreport.v1.Intake"));
  EXPECT_THAT(*services, HasSubstr("grpc.health.v1.Health"));
}

TEST_F(IntakeIntegrationTest, LegacyTelegramParsesIntoTheSameReport) {
  std::ifstream in("tests/integration/testdata/legacy_telegram.txt");
  ASSERT_TRUE(in) << "missing testdata";
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = telegram::ParseSpecialReport(text.str());
  ASSERT_TRUE(parsed.ok()) << parsed.status();

  v1::SubmitTelegramRequest request;
  request.set_idempotency_key(absl::StrCat("tlg-", absl::ToUnixNanos(absl::Now())));
  request.set_text(text.str());
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, Token());
  v1::SubmitResponse response;
  grpc::Status s = NewStub()->SubmitTelegram(&ctx, request, &response);
  ASSERT_TRUE(s.ok()) << s.error_message();
  v1::GetReportResponse got;
  ASSERT_TRUE(Get(response.report_id(), &got).ok());
  v1::SpecialReport stored = got.document().special_report();
  stored.clear_registration_number();
  stored.clear_outgoing_number();
  // A legacy telegram has no unit line: intake takes the unit from the coding line.
  EXPECT_EQ(stored.unit_code(), "1001");
  parsed->set_unit_code("1001");
  EXPECT_EQ(stored.SerializeAsString(), parsed->SerializeAsString());
  EXPECT_EQ(stored.coding_line().catalogue_code(), "0600");
  EXPECT_EQ(stored.persons_size(), 2);
}

// SIGKILL the intake process while clients are filing: every report it
// acknowledged is still there after a restart, exactly once, and reaches Kafka.
TEST_F(IntakeIntegrationTest, KilledIntakeLosesNoAcknowledgedReport) {
  std::string prefix = absl::StrCat("kill-", absl::ToUnixNanos(absl::Now()), "-");
  std::mutex mu;
  std::map<std::string, v1::SubmitResponse> acked;  // idempotency key -> response
  std::atomic<bool> stop{false};
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        std::string key = absl::StrCat(prefix, next.fetch_add(1));
        v1::SubmitResponse response;
        if (Submit(Request(key), &response).ok()) {
          std::lock_guard<std::mutex> lock(mu);
          acked[key] = response;
        }
      }
    });
  }
  absl::SleepFor(absl::Seconds(1));
  ASSERT_TRUE(stack_->KillIntake().ok());
  absl::SleepFor(absl::Milliseconds(300));
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(acked.size(), 10u);
  ASSERT_TRUE(stack_->StartIntake().ok());
  WaitForIntake();

  std::set<std::string> ids;
  for (const auto& [key, response] : acked) {
    v1::GetReportResponse got;
    ASSERT_TRUE(Get(response.report_id(), &got).ok()) << key;
    EXPECT_EQ(got.document().idempotency_key(), key);
    // A retry after the restart returns the numbers acknowledged before it.
    v1::SubmitResponse retry;
    grpc::Status s = Submit(Request(key), &retry);
    ASSERT_TRUE(s.ok()) << key << ": " << s.error_message();
    EXPECT_EQ(retry.outgoing_number(), response.outgoing_number());
    EXPECT_TRUE(retry.duplicate());
    ids.insert(response.report_id());
  }
  // None twice: one stored document per idempotency key that was ever attempted.
  auto log = redis_->Command({"LRANGE", "intake:log", "0", "-1"});
  ASSERT_TRUE(log.ok());
  std::map<std::string, int> per_key;
  for (const auto& e : log->elements) {
    auto doc = redis_->Command({"HGET", absl::StrCat("intake:doc:", e.str), "body"});
    v1::AcceptedDocument d;
    ASSERT_TRUE(doc.ok() && d.ParseFromString(doc->str));
    if (d.idempotency_key().rfind(prefix, 0) == 0) ++per_key[d.idempotency_key()];
  }
  for (const auto& [key, count] : per_key) EXPECT_EQ(count, 1) << key;
  // And every acknowledged report is published (the outbox is re-sent after restart).
  std::set<std::string> seen = ConsumeIds(ids, absl::Seconds(60));
  for (const auto& id : ids) EXPECT_TRUE(seen.count(id)) << "not published: " << id;
}

// redis-server SIGKILLed and restarted: AOF (appendfsync always) keeps every acknowledged report.
TEST_F(IntakeIntegrationTest, RedisCrashKeepsAcknowledgedReports) {
  std::vector<v1::SubmitResponse> acked;
  for (int i = 0; i < 20; ++i) {
    v1::SubmitResponse r;
    ASSERT_TRUE(
        Submit(Request(absl::StrCat("redis-crash-", absl::ToUnixNanos(absl::Now()), "-", i)), &r)
            .ok());
    acked.push_back(r);
  }
  ASSERT_TRUE(stack_->RestartRedis(/*kill=*/true).ok());
  for (const auto& r : acked) {
    v1::GetReportResponse got;
    grpc::Status s;
    for (int attempt = 0; attempt < 50; ++attempt) {  // the pool re-dials after the restart
      s = Get(r.report_id(), &got);
      if (s.ok()) break;
      absl::SleepFor(absl::Milliseconds(100));
    }
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(got.document().outgoing_number(), r.outgoing_number());
  }
}

}  // namespace
}  // namespace opsreport::integration
