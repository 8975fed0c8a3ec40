// Real servers over loopback: the credential gate, Caller(), RequireUnit,
// health, reflection and violations in error_details, on local TCP and mTLS.
#include "opsreport/grpc_util/authentication.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpc_util_test.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/impl/client_unary_call.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/grpc_util/server_setup.h"
#include "opsreport/grpc_util/status.h"

namespace opsreport::grpc_util {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using ::testing::Not;
namespace pb = ::opsreport::grpcutiltest;

const absl::Time kNow = absl::FromUnixSeconds(1700000000);
constexpr char kEchoService[] = "opsreport.grpcutiltest.Echo";
constexpr char kPingMethod[] = "/opsreport.grpcutiltest.Echo/Ping";

class EchoService final : public pb::Echo::Service {
 public:
  grpc::Status Say(grpc::ServerContext* context, const pb::SayRequest* request,
                   pb::SayReply* reply) override {
    handler_calls++;
    if (!request->skip_caller_check()) {
      auto caller = Caller(context);
      if (!caller.ok()) return ToGrpcStatus(caller.status());
      if (absl::Status in_scope = RequireUnit(*caller, request->unit_code()); !in_scope.ok()) {
        return ToGrpcStatus(in_scope);
      }
      reply->set_unit_code(caller->unit_code);
      reply->set_officer(caller->officer);
      reply->set_role(std::string(auth::RoleName(caller->role)));
      reply->set_expires_unix_seconds(absl::ToUnixSeconds(caller->expires_at));
    }
    if (request->fail_with_violations()) {
      base::Violations violations;
      violations.Add("report.persons[1].birth_date", "дата народження в майбутньому");
      violations.Add("report.unit_code", "невідомий підрозділ \"9999\"");
      return ToGrpcStatus(violations.ToStatus("special report"));
    }
    return grpc::Status::OK;
  }

  // Public: answers with the caller when one is known.
  grpc::Status Ping(grpc::ServerContext* context, const pb::SayRequest*,
                    pb::SayReply* reply) override {
    handler_calls++;
    auto caller = Caller(context);
    reply->set_officer(caller.ok() ? caller->officer
                                   : "anonymous: " + std::string(caller.status().message()));
    return grpc::Status::OK;
  }

  std::atomic<int> handler_calls{0};
};

class AuthenticationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { EnableStandardServices(); }

  void SetUp() override {
    signer_ = std::make_shared<auth::CredentialSigner>(
        *auth::CredentialSigner::Create(std::string(32, 'k')));
    Start(Transport{});
  }

  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown(absl::ToChronoTime(absl::Now()));
  }

  void Start(const Transport& transport) {
    if (server_ != nullptr) server_->Shutdown(absl::ToChronoTime(absl::Now()));
    transport_ = transport;
    grpc::ServerBuilder builder;
    int port = 0;
    ASSERT_TRUE(AddAuthenticatedListeningPort(
                    builder, "127.0.0.1:0", transport,
                    {.signer = signer_, .clock = &clock_, .public_methods = {kPingMethod}}, &port)
                    .ok());
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ASSERT_TRUE(MarkServing(*server_, {kEchoService}).ok());
    address_ = "127.0.0.1:" + std::to_string(port);
    channel_ = grpc::CreateChannel(address_, ChannelCredentials(transport));
    stub_ = pb::Echo::NewStub(channel_);
  }

  auth::Principal DutyOfficer(std::string unit = "0512") {
    return {.unit_code = std::move(unit),
            .officer = "Ковальчук Ґанна Євгенівна",
            .role = auth::Role::kDutyOfficer,
            .expires_at = kNow + absl::Hours(1)};
  }

  static void Prepare(grpc::ClientContext& context) {
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  }

  grpc::Status Say(const std::vector<std::string>& tokens, const pb::SayRequest& request,
                   pb::SayReply* reply = nullptr) {
    grpc::ClientContext context;
    Prepare(context);
    for (const std::string& token : tokens) AttachCredential(context, token);
    pb::SayReply ignored;
    return stub_->Say(&context, request, reply != nullptr ? reply : &ignored);
  }

  static pb::SayRequest ForUnit(const std::string& unit) {
    pb::SayRequest request;
    request.set_unit_code(unit);
    return request;
  }

  void ExpectRefusedUnread(const grpc::Status& status, const std::string& reason) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(reason));
    EXPECT_EQ(service_.handler_calls.load(), 0) << "refused call must not reach the handler";
  }

  grpc::Status HealthCheck(const std::string& service, pb::HealthCheckResponse* response) {
    grpc::ClientContext context;
    Prepare(context);
    pb::HealthCheckRequest request;
    request.set_service(service);
    grpc::internal::RpcMethod method("/grpc.health.v1.Health/Check",
                                     grpc::internal::RpcMethod::NORMAL_RPC);
    return grpc::internal::BlockingUnaryCall(channel_.get(), method, &context, request, response);
  }

  std::shared_ptr<auth::CredentialSigner> signer_;
  base::FakeClock clock_{kNow};
  EchoService service_;
  Transport transport_;
  std::unique_ptr<grpc::Server> server_;
  std::string address_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<pb::Echo::Stub> stub_;
};

TEST_F(AuthenticationTest, ValidCredentialReachesTheHandlerWithItsPrincipal) {
  pb::SayReply reply;
  grpc::Status status = Say({signer_->Sign(DutyOfficer())}, ForUnit("0512"), &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.unit_code(), "0512");
  EXPECT_EQ(reply.officer(), "Ковальчук Ґанна Євгенівна");
  EXPECT_EQ(reply.role(), "duty_officer");
  EXPECT_EQ(reply.expires_unix_seconds(), absl::ToUnixSeconds(kNow + absl::Hours(1)));
  EXPECT_EQ(service_.handler_calls.load(), 1);
}

TEST_F(AuthenticationTest, NoCredentialIsRefusedBeforeTheHandler) {
  ExpectRefusedUnread(Say({}, ForUnit("0512")), "no credential");
}

TEST_F(AuthenticationTest, MalformedCredentialIsRefusedBeforeTheHandler) {
  ExpectRefusedUnread(Say({"not-a-token"}, ForUnit("0512")), "credential malformed");
}

TEST_F(AuthenticationTest, CredentialOfAnotherKeyIsRefusedBeforeTheHandler) {
  auto other = auth::CredentialSigner::Create(std::string(32, 'X'));
  ExpectRefusedUnread(Say({other->Sign(DutyOfficer())}, ForUnit("0512")),
                      "signature does not match");
}

TEST_F(AuthenticationTest, TwoCredentialsAreRefusedBeforeTheHandler) {
  std::string token = signer_->Sign(DutyOfficer());
  ExpectRefusedUnread(Say({token, token}, ForUnit("0512")), "exactly one is allowed");
}

TEST_F(AuthenticationTest, ExpiryFollowsTheServersClockToTheSecond) {
  std::string token = signer_->Sign(DutyOfficer());
  clock_.Set(kNow + absl::Hours(1) - absl::Seconds(1));
  EXPECT_TRUE(Say({token}, ForUnit("0512")).ok());
  EXPECT_EQ(service_.handler_calls.load(), 1);
  service_.handler_calls = 0;
  clock_.Set(kNow + absl::Hours(1));
  ExpectRefusedUnread(Say({token}, ForUnit("0512")),
                      "expired at 2023-11-14T23:13:20Z (now 2023-11-14T23:13:20Z)");
}

TEST_F(AuthenticationTest, AnotherUnitIsPermissionDenied) {
  grpc::Status status = Say({signer_->Sign(DutyOfficer("0512"))}, ForUnit("0001"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_THAT(status.error_message(), HasSubstr("of unit 0512 may not act for unit 0001"));
}

TEST_F(AuthenticationTest, ConcurrentCallsOnOneChannelEachSeeTheirOwnCaller) {
  constexpr int kThreads = 8;
  constexpr int kCallsEach = 25;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::string unit = "05" + std::to_string(10 + t);
      std::string token = signer_->Sign(DutyOfficer(unit));
      for (int i = 0; i < kCallsEach; ++i) {
        pb::SayReply reply;
        if (!Say({token}, ForUnit(unit), &reply).ok() || reply.unit_code() != unit) mismatches++;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(service_.handler_calls.load(), kThreads * kCallsEach);
}

TEST_F(AuthenticationTest, PublicMethodNeedsNoCredentialButSeesOneWhenSent) {
  grpc::ClientContext anonymous;
  Prepare(anonymous);
  pb::SayReply reply;
  ASSERT_TRUE(stub_->Ping(&anonymous, pb::SayRequest(), &reply).ok());
  EXPECT_THAT(reply.officer(), HasSubstr("anonymous: no credential"));

  grpc::ClientContext identified;
  Prepare(identified);
  AttachCredential(identified, signer_->Sign(DutyOfficer()));
  ASSERT_TRUE(stub_->Ping(&identified, pb::SayRequest(), &reply).ok());
  EXPECT_EQ(reply.officer(), "Ковальчук Ґанна Євгенівна");
}

TEST_F(AuthenticationTest, HealthAnswersWithoutCredential) {
  pb::HealthCheckResponse response;
  grpc::Status status = HealthCheck("", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.status(), pb::HealthCheckResponse::SERVING);
  ASSERT_TRUE(HealthCheck(kEchoService, &response).ok());
  EXPECT_EQ(response.status(), pb::HealthCheckResponse::SERVING);
  EXPECT_EQ(HealthCheck("opsreport.v1.Unknown", &response).error_code(),
            grpc::StatusCode::NOT_FOUND);

  MarkNotServing(*server_);
  ASSERT_TRUE(HealthCheck(kEchoService, &response).ok());
  EXPECT_EQ(response.status(), pb::HealthCheckResponse::NOT_SERVING);
}

TEST_F(AuthenticationTest, ReflectionListsServicesWithoutCredential) {
  grpc::ClientContext context;
  Prepare(context);
  grpc::internal::RpcMethod method("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                   grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<pb::ReflectionRequest, pb::ReflectionResponse>> stream(
      grpc::internal::ClientReaderWriterFactory<pb::ReflectionRequest,
                                                pb::ReflectionResponse>::Create(channel_.get(),
                                                                                method, &context));
  pb::ReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  ASSERT_TRUE(stream->WritesDone());
  pb::ReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  grpc::Status status = stream->Finish();
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<std::string> names;
  for (const auto& service : response.list_services_response().service()) {
    names.push_back(service.name());
  }
  EXPECT_THAT(names, IsSupersetOf({std::string(kEchoService),
                                   std::string("grpc.reflection.v1alpha.ServerReflection")}));
}

TEST_F(AuthenticationTest, ViolationsRoundTripThroughErrorDetails) {
  pb::SayRequest request = ForUnit("0512");
  request.set_fail_with_violations(true);
  grpc::Status status = Say({signer_->Sign(DutyOfficer())}, request);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("special report rejected, 2 violation(s)"));
  EXPECT_THAT(
      ViolationsOf(status),
      ElementsAre(base::Violation{"report.persons[1].birth_date", "дата народження в майбутньому"},
                  base::Violation{"report.unit_code", "невідомий підрозділ \"9999\""}));
  EXPECT_EQ(base::ViolationsFromStatus(FromGrpcStatus(status)).size(), 2u);
}

// Local TCP adds no handshake, only a loopback-peer check: plaintext clients
// (grpcurl -plaintext) connect, and the credential gate still applies.
TEST_F(AuthenticationTest, PlaintextClientOverLoopbackIsStillGated) {
  auto plaintext =
      pb::Echo::NewStub(grpc::CreateChannel(address_, grpc::InsecureChannelCredentials()));
  auto call = [&](const std::string& token) {
    grpc::ClientContext context;
    Prepare(context);
    if (!token.empty()) AttachCredential(context, token);
    pb::SayReply reply;
    return plaintext->Say(&context, ForUnit("0512"), &reply);
  };
  ExpectRefusedUnread(call(""), "no credential");
  EXPECT_TRUE(call(signer_->Sign(DutyOfficer())).ok());
  EXPECT_EQ(service_.handler_calls.load(), 1);
}

TEST_F(AuthenticationTest, MutualTls) {
  const std::string dir = OPSREPORT_GRPC_UTIL_TESTDATA;
  auto transport = MutualTlsFromFiles(dir + "/ca.pem", dir + "/node.pem", dir + "/node.key");
  ASSERT_TRUE(transport.ok()) << transport.status();
  Start(*transport);
  pb::SayReply reply;
  grpc::Status status = Say({signer_->Sign(DutyOfficer())}, ForUnit("0512"), &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(reply.officer(), "Ковальчук Ґанна Євгенівна");
  service_.handler_calls = 0;
  ExpectRefusedUnread(Say({}, ForUnit("0512")), "no credential");

  // A client without a certificate does not get through the handshake.
  grpc::SslCredentialsOptions no_client_cert;
  no_client_cert.pem_root_certs = transport->root_certs_pem;
  auto anonymous =
      pb::Echo::NewStub(grpc::CreateChannel(address_, grpc::SslCredentials(no_client_cert)));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  AttachCredential(context, signer_->Sign(DutyOfficer()));
  EXPECT_EQ(anonymous->Say(&context, ForUnit("0512"), &reply).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(service_.handler_calls.load(), 0);
}

TEST(MutualTlsFromFilesTest, NamesEveryBadFile) {
  const std::string dir = OPSREPORT_GRPC_UTIL_TESTDATA;
  auto transport =
      MutualTlsFromFiles(dir + "/missing-ca.pem", dir + "/README.md", dir + "/node.key");
  ASSERT_FALSE(transport.ok());
  EXPECT_EQ(transport.status().code(), absl::StatusCode::kInvalidArgument);
  std::string message(transport.status().message());
  EXPECT_THAT(message, HasSubstr("root certificates file " + dir + "/missing-ca.pem: cannot open"));
  EXPECT_THAT(message, HasSubstr("certificate chain file " + dir + "/README.md: not PEM"));
  EXPECT_THAT(message, Not(HasSubstr("private key")));
}

// A second port added without the gate (a misconfiguration): the interceptor
// still keeps handlers that call Caller() safe and overrides the reply of
// those that do not.
TEST_F(AuthenticationTest, InterceptorGuardsAPortWithoutTheGate) {
  server_->Shutdown(absl::ToChronoTime(absl::Now()));
  grpc::ServerBuilder builder;
  int gated_port = 0;
  int open_port = 0;
  ASSERT_TRUE(AddAuthenticatedListeningPort(
                  builder, "127.0.0.1:0", Transport{},
                  {.signer = signer_, .clock = &clock_, .public_methods = {}}, &gated_port)
                  .ok());
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &open_port);
  builder.RegisterService(&service_);
  server_ = builder.BuildAndStart();
  ASSERT_NE(server_, nullptr);
  auto open = pb::Echo::NewStub(grpc::CreateChannel("127.0.0.1:" + std::to_string(open_port),
                                                    grpc::InsecureChannelCredentials()));
  auto call = [&](const pb::SayRequest& request, const std::string& token) {
    grpc::ClientContext context;
    Prepare(context);
    if (!token.empty()) AttachCredential(context, token);
    pb::SayReply reply;
    return open->Say(&context, request, &reply);
  };
  grpc::Status checked = call(ForUnit("0512"), "");
  EXPECT_EQ(checked.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(checked.error_message(), HasSubstr("no credential"));

  pb::SayRequest careless = ForUnit("0512");
  careless.set_skip_caller_check(true);
  grpc::Status overridden = call(careless, "");
  EXPECT_EQ(overridden.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(service_.handler_calls.load(), 2) << "without the gate the handlers did run";

  EXPECT_TRUE(call(careless, signer_->Sign(DutyOfficer())).ok());
}

TEST(CallerWithoutAuthenticationTest, SaysAuthenticationIsNotInstalled) {
  EchoService service;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", ServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto stub = pb::Echo::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), ChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  pb::SayReply reply;
  ASSERT_TRUE(stub->Ping(&context, pb::SayRequest(), &reply).ok());
  EXPECT_THAT(reply.officer(), HasSubstr("authentication is not installed"));
  server->Shutdown(absl::ToChronoTime(absl::Now()));
}

TEST(AddAuthenticatedListeningPortTest, RequiresASigner) {
  grpc::ServerBuilder builder;
  absl::Status status = AddAuthenticatedListeningPort(builder, "127.0.0.1:0", Transport{}, {});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("signer is required"));
}

TEST(MarkServingTest, FailsWithoutTheHealthService) {
  grpc::EnableDefaultHealthCheckService(false);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", ServerCredentials(), &port);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  grpc::EnableDefaultHealthCheckService(true);
  ASSERT_NE(server, nullptr);
  absl::Status status = MarkServing(*server, {});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(status.message()), HasSubstr("EnableStandardServices"));
  server->Shutdown(absl::ToChronoTime(absl::Now()));
}

}  // namespace
}  // namespace opsreport::grpc_util
