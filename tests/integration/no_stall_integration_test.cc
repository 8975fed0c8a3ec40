// No consumer stalls, over the real processes (issue 14): records published
// with an ordinary Kafka client out of order, forged, or while Redis does not
// answer. Each service holds what waits for a prerequisite and applies it when
// the prerequisite comes; parks (with the reason, listed over
// opsreport.v1.Consumers) what can never apply; goes on with the records
// behind; reports NOT_SERVING only while a loop is really stuck; and applies
// a replayed record exactly once.

#include <atomic>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/process/subprocess.h"
#include "opsreport/testing/temp_dir.h"
#include "opsreport/topics/topics.h"
#include "opsreport/v1/consumer.grpc.pb.h"
#include "opsreport/v1/control.grpc.pb.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.grpc.pb.h"
#include "stack_fixture.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

constexpr char kServing[] = "\x08\x01";
constexpr char kNotServing[] = "\x08\x02";
constexpr absl::Duration kWait = absl::Seconds(60);

std::string Unique(const std::string& prefix) {
  static std::atomic<int> n{0};
  return absl::StrCat(prefix, "-", absl::ToUnixMicros(absl::Now()), "-", n++);
}

// An accepted murder report of the district (item 1: it reaches the Ministry
// and goes on control), as intake would publish it.
v1::AcceptedDocument Report(const std::string& id) {
  v1::AcceptedDocument doc;
  doc.set_id(id);
  doc.set_root_report_id(id);
  doc.set_idempotency_key(id);
  doc.set_unit_code(fixtures::kDistrictUnit);
  doc.set_registration_number(7);
  doc.set_outgoing_number(absl::StrCat(fixtures::kDistrictUnit, "/", id));
  *doc.mutable_accepted_at() = fixtures::ToProto(absl::Now() - absl::Minutes(5));
  doc.set_submitted_by(fixtures::kDistrictDutyOfficer);
  *doc.mutable_special_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
  return doc;
}

v1::AcceptedDocument SupplementOf(const v1::AcceptedDocument& report, const std::string& id) {
  v1::AcceptedDocument doc;
  doc.set_id(id);
  doc.set_root_report_id(report.id());
  doc.set_idempotency_key(id);
  doc.set_unit_code(fixtures::kDistrictUnit);
  doc.set_registration_number(8);
  doc.set_outgoing_number(absl::StrCat(fixtures::kDistrictUnit, "/", id));
  *doc.mutable_accepted_at() = fixtures::ToProto(absl::Now() - absl::Minutes(1));
  doc.set_submitted_by(fixtures::kDistrictDutyOfficer);
  *doc.mutable_supplement() = fixtures::ErdrSupplement(
      report.outgoing_number(), absl::FormatTime("%Y-%m-%d", absl::Now(), absl::UTCTimeZone()), 42,
      absl::Now() - absl::Minutes(2));
  return doc;
}

std::string HopId(const std::string& root) { return absl::StrCat(root, ":chain:0001:2"); }

// The Ministry's delivery of `doc` as routing would publish it.
v1::InboxItem Delivery(const v1::AcceptedDocument& doc) {
  v1::InboxItem item;
  item.set_item_id(doc.id());
  item.set_unit_code("0001");
  v1::Hop* hop = item.mutable_hop();
  hop->set_id(HopId(doc.id()));
  hop->set_kind(v1::HOP_KIND_CHAIN);
  hop->set_from_unit(fixtures::kRegionUnit);
  hop->set_to_unit("0001");
  *hop->mutable_document() = doc;
  item.set_state(v1::INBOX_STATE_RECEIVED);
  *item.mutable_received_at() = fixtures::ToProto(absl::Now() - absl::Minutes(3));
  item.set_final(true);
  return item;
}

// Routing's receipt of the Ministry's hop: what control verifies a delivery by.
v1::HopReceipt Ack(const std::string& root) {
  v1::HopReceipt receipt;
  receipt.set_hop_id(HopId(root));
  receipt.set_receiver_unit("0001");
  *receipt.mutable_applied_at() = fixtures::ToProto(absl::Now());
  return receipt;
}

class NoStallIntegrationTest : public StackTest {
 protected:
  static void SetUpTestSuite() {
    stack::StackOptions options;
    // Short limits so holds expire, retries end and stalls show within a test.
    const std::string consumer_flags =
        " --hold_limit=8s --hold_sweep=1s --consumer_retry_attempts=4"
        " --consumer_retry_backoff=50ms --consumer_retry_backoff_max=200ms"
        " --consumer_stall_limit=4s";
    options.routing_extra_flags = "--outbox_poll=100ms" + consumer_flags;
    options.control_extra_flags = "--outbox_poll=100ms" + consumer_flags;
    options.reconciliation_extra_flags = "--outbox_poll=100ms" + consumer_flags;
    StartStack(std::move(options));
    kafka::ProducerConfig config;
    config.bootstrap = stack_->kafka_bootstrap();
    config.client_id = "an-ordinary-client";
    auto producer = kafka::NewKafkaProducer(config);
    ASSERT_TRUE(producer.ok()) << producer.status();
    producer_ = producer->release();
  }
  static void TearDownTestSuite() {
    delete producer_;
    StackTest::TearDownTestSuite();
  }

  static void Publish(const topics::Topic& topic, const std::string& key,
                      const google::protobuf::Message& m) {
    ASSERT_TRUE(producer_->Send(topic.name, key, m.SerializeAsString()).ok());
  }

  static std::string Operator() { return Token("0001", auth::Role::kOperator); }

  template <typename Req, typename Resp, typename Call>
  static grpc::Status CallConsumers(const std::string& address, const Req& req, Resp* resp,
                                    Call call) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    grpc_util::AttachCredential(ctx, Operator());
    auto stub =
        v1::Consumers::NewStub(grpc::CreateChannel(address, grpc_util::ChannelCredentials()));
    return ((*stub).*call)(&ctx, req, resp);
  }
  static v1::ConsumerStatus Status(const std::string& address) {
    v1::ConsumerStatus status;
    grpc::Status s =
        CallConsumers(address, v1::ConsumerStatusRequest{}, &status, &v1::Consumers::Stub::Status);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return status;
  }
  static std::vector<v1::ParkedRecord> Parked(const std::string& address) {
    v1::ListParkedResponse response;
    v1::ListParkedRequest request;
    request.set_limit(1000);
    grpc::Status s = CallConsumers(address, request, &response, &v1::Consumers::Stub::ListParked);
    EXPECT_TRUE(s.ok()) << s.error_message();
    return {response.records().begin(), response.records().end()};
  }
  static std::optional<v1::ParkedRecord> ParkedAbout(const std::string& address,
                                                     const std::string& key) {
    for (const auto& r : Parked(address)) {
      if (r.key() == key) return r;
    }
    return std::nullopt;
  }
  template <typename Predicate>
  static bool WaitFor(Predicate done, absl::Duration timeout = kWait) {
    for (const absl::Time until = absl::Now() + timeout; absl::Now() < until;) {
      if (done()) return true;
      absl::SleepFor(absl::Milliseconds(200));
    }
    return done();
  }

  static std::optional<v1::ReportRecord> ReconRecord(const std::string& id) {
    auto body = redis_->Command({"HGET", "recon:report:" + id, "body"});
    if (!body.ok() || !body->is_string()) return std::nullopt;
    v1::ReportRecord record;
    if (!record.ParseFromString(body->str)) return std::nullopt;
    return record;
  }
  static grpc::Status ControlFile(const std::string& id, v1::ControlFile* file) {
    v1::GetFileRequest get;
    get.set_id(id);
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    grpc_util::AttachCredential(ctx, Token("0001"));
    auto stub = v1::Control::NewStub(
        grpc::CreateChannel(stack_->control_address(), grpc_util::ChannelCredentials()));
    return stub->GetFile(&ctx, get, file);
  }
  static std::optional<v1::CaseView> Case(const std::string& root) {
    v1::GetCaseRequest get;
    get.set_root_report_id(root);
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    grpc_util::AttachCredential(ctx, Token("0001"));
    auto stub = v1::Routing::NewStub(
        grpc::CreateChannel(stack_->routing_address(), grpc_util::ChannelCredentials()));
    v1::CaseView view;
    if (!stub->GetCase(&ctx, get, &view).ok()) return std::nullopt;
    return view;
  }

  // opsreport-cli with an operator's token; its output, and its exit code.
  static std::string Cli(std::vector<std::string> args, int* exit_code) {
    testing::TempDir dir;
    const std::string log = dir.path() + "/cli.log";
    process::SpawnOptions options;
    options.argv = {OPSREPORT_CLI_BIN};
    options.argv.insert(options.argv.end(), args.begin(), args.end());
    options.argv.push_back("--token=" + Operator());
    options.stdout_path = log;
    options.stderr_path = log;
    auto child = process::Subprocess::Spawn(options);
    EXPECT_TRUE(child.ok()) << child.status();
    if (!child.ok()) return "";
    auto code = child->Wait(absl::Seconds(60));
    *exit_code = code.ok() ? *code : -1;
    std::ifstream in(log);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  static kafka::Producer* producer_;
};

kafka::Producer* NoStallIntegrationTest::producer_ = nullptr;

TEST_F(NoStallIntegrationTest, ADeliveryBeforeItsReportWaitsAndIsAppliedWhenTheReportComes) {
  const v1::AcceptedDocument report = Report(Unique("early"));
  Publish(topics::kRoutingDelivered, report.id(), Delivery(report));
  // Held, not retried in place: both consumers hold it and stay SERVING.
  EXPECT_TRUE(WaitFor([] { return Status(stack_->reconciliation_address()).held() >= 1; }));
  EXPECT_TRUE(WaitFor([] { return Status(stack_->control_address()).held() >= 1; }));
  EXPECT_EQ(*HealthCheck(stack_->reconciliation_address()), kServing);
  EXPECT_EQ(*HealthCheck(stack_->control_address()), kServing);
  EXPECT_FALSE(ReconRecord(report.id()).has_value());
  v1::ControlFile file;
  EXPECT_FALSE(ControlFile(report.id(), &file).ok()) << "opened before anything was verified";

  Publish(topics::kReportsAccepted, report.id(), report);
  ASSERT_TRUE(WaitFor([&] {
    auto r = ReconRecord(report.id());
    return r && r->has_reached_ministry_at();
  })) << "the held delivery was not applied with its report";
  Publish(topics::kRoutingReceipts, report.id(), Ack(report.id()));
  ASSERT_TRUE(WaitFor([&] { return ControlFile(report.id(), &file).ok(); }))
      << "control did not open the file once routing's receipt verified the delivery";
  EXPECT_EQ(file.state(), v1::CONTROL_STATE_OPEN);
  // The same delivery again changes nothing.
  Publish(topics::kRoutingDelivered, report.id(), Delivery(report));
  absl::SleepFor(absl::Seconds(2));
  v1::ControlFile again;
  ASSERT_TRUE(ControlFile(report.id(), &again).ok());
  EXPECT_EQ(again.version(), file.version());
  EXPECT_FALSE(ParkedAbout(stack_->reconciliation_address(), report.id()).has_value());
  EXPECT_FALSE(ParkedAbout(stack_->control_address(), report.id()).has_value());
}

TEST_F(NoStallIntegrationTest,
       AForgedDeliveryIsParkedCreatesNoStateAndReplaysOnceWhenItsReportComes) {
  const v1::AcceptedDocument forged = Report(Unique("forged"));
  Publish(topics::kRoutingDelivered, forged.id(), Delivery(forged));
  // After the hold limit it is parked, with the reason, in both consumers.
  std::optional<v1::ParkedRecord> recon, control;
  ASSERT_TRUE(WaitFor([&] {
    recon = ParkedAbout(stack_->reconciliation_address(), forged.id());
    control = ParkedAbout(stack_->control_address(), forged.id());
    return recon && control;
  }));
  EXPECT_EQ(recon->cause(), v1::ParkedRecord::CAUSE_HOLD_EXPIRED);
  EXPECT_THAT(recon->error(), HasSubstr(forged.id()));
  EXPECT_THAT(recon->error(), HasSubstr("did not arrive"));
  EXPECT_EQ(recon->topic(), topics::kRoutingDelivered.name);
  EXPECT_EQ(control->cause(), v1::ParkedRecord::CAUSE_HOLD_EXPIRED);
  EXPECT_FALSE(ReconRecord(forged.id()).has_value());
  v1::ControlFile file;
  EXPECT_FALSE(ControlFile(forged.id(), &file).ok());
  EXPECT_EQ(*HealthCheck(stack_->reconciliation_address()), kServing);
  EXPECT_EQ(*HealthCheck(stack_->control_address()), kServing);
  v1::ConsumerStatus status = Status(stack_->reconciliation_address());
  EXPECT_GE(status.parked(), 1);
  EXPECT_TRUE(status.has_oldest_parked_at());
  EXPECT_TRUE(status.serving());

  // Reports filed after it are reconciled and go on control.
  const v1::AcceptedDocument later = Report(Unique("later"));
  Publish(topics::kReportsAccepted, later.id(), later);
  Publish(topics::kRoutingDelivered, later.id(), Delivery(later));
  Publish(topics::kRoutingReceipts, later.id(), Ack(later.id()));
  EXPECT_TRUE(WaitFor([&] {
    auto r = ReconRecord(later.id());
    return r && r->has_reached_ministry_at();
  }));
  EXPECT_TRUE(WaitFor([&] { return ControlFile(later.id(), &file).ok(); }));
  // And one filed by a desk through intake is projected as usual.
  v1::SubmitSpecialReportRequest request;
  request.set_idempotency_key(Unique("filed-after-forged"));
  *request.mutable_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
  v1::SubmitResponse filed;
  ASSERT_TRUE(Submit(request, &filed).ok());
  EXPECT_TRUE(WaitFor([&] { return ReconRecord(filed.report_id()).has_value(); }));
  EXPECT_TRUE(WaitFor([&] { return Case(filed.report_id()).has_value(); }));

  // The cause is fixed (the report and routing's receipt come late): a
  // replay applies the parked delivery, once.
  Publish(topics::kReportsAccepted, forged.id(), forged);
  Publish(topics::kRoutingReceipts, forged.id(), Ack(forged.id()));
  ASSERT_TRUE(WaitFor([&] { return ReconRecord(forged.id()).has_value(); }));
  EXPECT_FALSE(ReconRecord(forged.id())->has_reached_ministry_at());
  for (const std::string& address : {stack_->reconciliation_address(), stack_->control_address()}) {
    v1::ReplayParkedRequest replay;
    replay.add_ids(address == stack_->control_address() ? control->id() : recon->id());
    v1::ReplayParkedResponse replayed;
    grpc::Status s = CallConsumers(address, replay, &replayed, &v1::Consumers::Stub::ReplayParked);
    ASSERT_TRUE(s.ok()) << s.error_message();
    EXPECT_EQ(replayed.replayed_size(), 1) << address;
    EXPECT_EQ(replayed.still_parked_size(), 0) << address;
    // A second replay of the same record finds nothing: it is not applied twice.
    grpc::Status twice =
        CallConsumers(address, replay, &replayed, &v1::Consumers::Stub::ReplayParked);
    EXPECT_EQ(twice.error_code(), grpc::StatusCode::NOT_FOUND) << address;
    EXPECT_FALSE(ParkedAbout(address, forged.id()).has_value());
  }
  auto record = ReconRecord(forged.id());
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(record->has_reached_ministry_at());
  ASSERT_TRUE(WaitFor([&] { return ControlFile(forged.id(), &file).ok(); }));
  EXPECT_EQ(file.state(), v1::CONTROL_STATE_OPEN);
  EXPECT_EQ(file.version(), 1);
}

TEST_F(NoStallIntegrationTest, ImpossibleRecordsAreParkedAtOnceWithTheirReason) {
  // A delivery that is not to the Ministry can never be valid: control parks
  // it at once (no hold), and a hop about a case routing never had too.
  const v1::AcceptedDocument report = Report(Unique("impossible"));
  v1::InboxItem wrong = Delivery(report);
  wrong.mutable_hop()->set_to_unit(fixtures::kRegionUnit);
  Publish(topics::kRoutingDelivered, report.id(), wrong);
  v1::Hop hop = Delivery(report).hop();
  Publish(topics::kRoutingHops, report.id(), hop);
  ASSERT_TRUE(producer_
                  ->Send(topics::kRoutingDelivered.name, report.id() + "-garbage",
                         "\xff\xff not a protobuf")
                  .ok());
  std::optional<v1::ParkedRecord> control, routing;
  ASSERT_TRUE(WaitFor([&] {
    control = ParkedAbout(stack_->control_address(), report.id());
    routing = ParkedAbout(stack_->routing_address(), report.id());
    return control && routing;
  }));
  EXPECT_EQ(control->cause(), v1::ParkedRecord::CAUSE_INVALID);
  EXPECT_FALSE(control->error().empty());
  EXPECT_EQ(routing->cause(), v1::ParkedRecord::CAUSE_INVALID);
  EXPECT_THAT(routing->error(), HasSubstr(report.id()));
  EXPECT_FALSE(Case(report.id()).has_value());
  v1::ControlFile file;
  EXPECT_FALSE(ControlFile(report.id(), &file).ok());
  std::optional<v1::ParkedRecord> garbage;
  ASSERT_TRUE(WaitFor([&] {
    garbage = ParkedAbout(stack_->control_address(), report.id() + "-garbage");
    return garbage.has_value();
  }));
  EXPECT_EQ(garbage->cause(), v1::ParkedRecord::CAUSE_INVALID);
  EXPECT_THAT(garbage->error(), HasSubstr("payload is not a opsreport.v1.InboxItem"));
  EXPECT_EQ(garbage->payload(), "\xff\xff not a protobuf");
  EXPECT_EQ(*HealthCheck(stack_->routing_address()), kServing);
  EXPECT_EQ(*HealthCheck(stack_->control_address()), kServing);

  // The operator sees it with the CLI; replaying it changes nothing while it
  // is still impossible, and says so.
  const std::string routing_flag = "--service=" + stack_->routing_address();
  int code = -1;
  std::string out = Cli({"parked", routing_flag}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr(routing->id()));
  EXPECT_THAT(out, HasSubstr("CAUSE_INVALID"));
  EXPECT_THAT(out, HasSubstr(routing->error()));
  out = Cli({"consumers", routing_flag}, &code);
  EXPECT_EQ(code, 0) << out;
  EXPECT_THAT(out, HasSubstr("opsreport-routing: SERVING"));
  EXPECT_THAT(out, HasSubstr("parked "));
  out = Cli({"replay", routing_flag, "--id=" + routing->id()}, &code);
  EXPECT_EQ(code, 1) << out;
  EXPECT_THAT(out, HasSubstr("still parked " + routing->id()));
  EXPECT_TRUE(ParkedAbout(stack_->routing_address(), report.id()).has_value());
  EXPECT_FALSE(Case(report.id()).has_value());
}

TEST_F(NoStallIntegrationTest, IntakeParksAReceiptNamingNoDocumentAndStillClearsItsOutbox) {
  const std::string key = Unique("forged-receipt");
  v1::AcceptedReceipt forged;
  forged.set_receiver("an-ordinary-client");
  Publish(topics::kReportsReceipts, key, forged);
  std::optional<v1::ParkedRecord> parked;
  ASSERT_TRUE(WaitFor([&] {
    parked = ParkedAbout(stack_->intake_address(), key);
    return parked.has_value();
  }));
  EXPECT_EQ(parked->cause(), v1::ParkedRecord::CAUSE_INVALID);
  EXPECT_EQ(parked->error(), "accepted receipt names no document");
  EXPECT_EQ(*HealthCheck(stack_->intake_address()), kServing);
  // A report filed after it leaves intake's outbox on routing's receipt.
  v1::SubmitSpecialReportRequest request;
  request.set_idempotency_key(Unique("after-forged-receipt"));
  *request.mutable_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
  v1::SubmitResponse filed;
  ASSERT_TRUE(Submit(request, &filed).ok());
  EXPECT_TRUE(WaitFor([&] {
    auto score = redis_->Command({"ZSCORE", "intake:outbox", filed.report_id()});
    return score.ok() && score->is_nil();
  })) << "the report stayed in intake's outbox";
}

TEST_F(NoStallIntegrationTest, ASupplementBeforeItsReportIsRoutedWithIt) {
  const v1::AcceptedDocument report = Report(Unique("suppl"));
  const v1::AcceptedDocument supplement = SupplementOf(report, report.id() + "-s1");
  Publish(topics::kReportsAccepted, report.id(), supplement);
  EXPECT_TRUE(WaitFor([] { return Status(stack_->routing_address()).held() >= 1; }));
  EXPECT_FALSE(Case(report.id()).has_value());
  Publish(topics::kReportsAccepted, report.id(), report);
  ASSERT_TRUE(WaitFor([&] {
    auto view = Case(report.id());
    if (!view) return false;
    for (const auto& item : view->items()) {
      if (item.hop().document().id() == supplement.id()) return true;
    }
    return false;
  })) << "the held supplement was not routed with its report";
  EXPECT_FALSE(ParkedAbout(stack_->routing_address(), report.id()).has_value());
}

TEST_F(NoStallIntegrationTest, HealthIsNotServingOnlyWhileALoopIsReallyStuck) {
  ASSERT_EQ(*HealthCheck(stack_->reconciliation_address()), kServing);
  ASSERT_TRUE(stack_->PauseRedis().ok());
  const v1::AcceptedDocument report = Report(Unique("stuck"));
  Publish(topics::kReportsAccepted, report.id(), report);
  // Retries end, parking needs Redis too: the loop keeps the record and,
  // past the stall limit, says so.
  const bool stalled =
      WaitFor([] { return *HealthCheck(stack_->reconciliation_address()) == kNotServing; });
  // The process itself is alive: a liveness probe must not restart it.
  const absl::StatusOr<std::string> live =
      HealthCheck(stack_->reconciliation_address(), "opsreport.live");
  const absl::StatusOr<std::string> named =
      HealthCheck(stack_->reconciliation_address(), "opsreport.v1.Reconciliation");
  ASSERT_TRUE(stack_->ResumeRedis().ok());
  EXPECT_TRUE(stalled) << "reconciliation kept saying SERVING while its loop could not advance";
  EXPECT_EQ(live.value_or(""), kServing);
  EXPECT_EQ(named.value_or(""), kNotServing);
  EXPECT_TRUE(WaitFor([] { return *HealthCheck(stack_->reconciliation_address()) == kServing; }));
  // Nothing was skipped: the record is applied, not parked.
  EXPECT_TRUE(WaitFor([&] { return ReconRecord(report.id()).has_value(); }));
  EXPECT_FALSE(ParkedAbout(stack_->reconciliation_address(), report.id()).has_value());
  v1::ConsumerStatus status = Status(stack_->reconciliation_address());
  EXPECT_TRUE(status.serving());
  EXPECT_EQ(status.stalled_reason(), "");
}

TEST_F(NoStallIntegrationTest, OnlyAnOperatorSeesAndReplaysParkedRecords) {
  v1::ListParkedResponse response;
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, Token("1001"));
  auto stub = v1::Consumers::NewStub(
      grpc::CreateChannel(stack_->control_address(), grpc_util::ChannelCredentials()));
  grpc::Status s = stub->ListParked(&ctx, v1::ListParkedRequest{}, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::ReplayParkedResponse replayed;
  EXPECT_EQ(CallConsumers(stack_->control_address(), v1::ReplayParkedRequest{}, &replayed,
                          &v1::Consumers::Stub::ReplayParked)
                .error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  auto services = ReflectionServices(stack_->control_address());
  ASSERT_TRUE(services.ok());
  EXPECT_THAT(*services, HasSubstr("opsreport.v1.Consumers"));
}

}  // namespace
}  // namespace opsreport::integration
