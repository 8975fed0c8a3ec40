#include "stack_fixture.h"

#include <condition_variable>
#include <mutex>

#include "absl/strings/str_cat.h"
#include "grpcpp/generic/generic_stub.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"

namespace opsreport::integration {

testing::TempDir* StackTest::dir_ = nullptr;
stack::Stack* StackTest::stack_ = nullptr;
auth::CredentialSigner* StackTest::signer_ = nullptr;
redis::Client* StackTest::redis_ = nullptr;

void StackTest::SetUpTestSuite() {
  stack::StackOptions options;
  // A short re-send lease so publishes interrupted by a kill are retried within the test.
  options.intake_extra_flags = "--outbox_lease=2s";
  options.routing = false;  // intake's own tests
  StartStack(std::move(options));
}

void StackTest::StartStack(stack::StackOptions options) {
  dir_ = new testing::TempDir();
  options.data_dir = dir_->path();
  auto started = stack::Stack::Start(options);
  ASSERT_TRUE(started.ok()) << started.status();
  stack_ = started->release();
  auto signer = auth::CredentialSigner::FromKeyFile(stack_->key_file());
  ASSERT_TRUE(signer.ok()) << signer.status();
  signer_ = new auth::CredentialSigner(*std::move(signer));
  auto config = redis::ParseRedisAddress(stack_->redis_address());
  ASSERT_TRUE(config.ok());
  auto client = redis::NewRedisClient(*config);
  ASSERT_TRUE(client.ok()) << client.status();
  redis_ = client->release();
  WaitForIntake();
}

void StackTest::TearDownTestSuite() {
  delete redis_;
  delete signer_;
  delete stack_;
  delete dir_;
}

std::string StackTest::Token(const std::string& unit, auth::Role role) {
  return signer_->Sign({unit, "Литвиненко Павло Сергійович", role, absl::Now() + absl::Hours(1)});
}

std::unique_ptr<v1::Intake::Stub> StackTest::NewStub() {
  return v1::Intake::NewStub(
      grpc::CreateChannel(stack_->intake_address(), grpc_util::ChannelCredentials()));
}

void StackTest::WaitForIntake() {
  auto channel = grpc::CreateChannel(stack_->intake_address(), grpc_util::ChannelCredentials());
  ASSERT_TRUE(channel->WaitForConnected(absl::ToChronoTime(absl::Now() + absl::Seconds(30))));
}

grpc::Status StackTest::Submit(const v1::SubmitSpecialReportRequest& request,
                               v1::SubmitResponse* response, const std::string& token) {
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc_util::AttachCredential(ctx, token);
  return NewStub()->SubmitSpecialReport(&ctx, request, response);
}

grpc::Status StackTest::Get(const std::string& id, v1::GetReportResponse* response) {
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, Token());
  v1::GetReportRequest request;
  request.set_report_id(id);
  return NewStub()->GetReport(&ctx, request, response);
}

std::set<std::string> StackTest::ConsumeIds(const std::set<std::string>& want,
                                            absl::Duration timeout) {
  kafka::ConsumerConfig config;
  config.bootstrap = stack_->kafka_bootstrap();
  config.group_id = absl::StrCat("test-", absl::ToUnixNanos(absl::Now()));
  config.topics = {"opsreport.reports.accepted"};
  auto consumer = kafka::NewKafkaConsumer(config);
  EXPECT_TRUE(consumer.ok()) << consumer.status();
  std::set<std::string> seen;
  if (!consumer.ok()) return seen;
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    bool all = true;
    for (const auto& id : want) all = all && seen.count(id);
    if (all) break;
    auto message = (*consumer)->Poll(absl::Milliseconds(200));
    if (!message.ok() || !message->has_value()) continue;
    v1::AcceptedDocument doc;
    if (doc.ParseFromString((*message)->payload)) seen.insert(doc.id());
  }
  return seen;
}

int64_t StackTest::AcceptedCount() {
  auto reply = redis_->Command({"LLEN", "intake:log"});
  EXPECT_TRUE(reply.ok()) << reply.status();
  return reply.ok() ? reply->integer : -1;
}

namespace {

std::string Flatten(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  std::string bytes;
  if (!buffer.Dump(&slices).ok()) return bytes;
  for (auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes;
}

}  // namespace

absl::StatusOr<std::string> StackTest::HealthCheck(const std::string& address,
                                                   const std::string& service) {
  auto channel = grpc::CreateChannel(address, grpc_util::ChannelCredentials());
  grpc::GenericStub generic(channel);
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  // HealthCheckRequest{service = 1}, encoded by hand: no health stubs here.
  std::string encoded;
  if (!service.empty()) {
    encoded = std::string("\x0a") + static_cast<char>(service.size()) + service;
  }
  grpc::Slice body(encoded);
  grpc::ByteBuffer request(&body, 1), reply;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  grpc::Status status;
  generic.UnaryCall(&ctx, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &request, &reply,
                    [&](grpc::Status s) {
                      std::lock_guard<std::mutex> lock(mu);
                      status = s;
                      done = true;
                      cv.notify_one();
                    });
  std::unique_lock<std::mutex> lock(mu);
  cv.wait(lock, [&] { return done; });
  if (!status.ok()) return absl::UnavailableError(status.error_message());
  return Flatten(reply);
}

absl::StatusOr<std::string> StackTest::ReflectionServices(const std::string& address) {
  auto channel = grpc::CreateChannel(address, grpc_util::ChannelCredentials());
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  grpc::internal::RpcMethod method("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                   grpc::internal::RpcMethod::BIDI_STREAMING);
  std::unique_ptr<grpc::ClientReaderWriter<grpc::ByteBuffer, grpc::ByteBuffer>> stream(
      grpc::internal::ClientReaderWriterFactory<grpc::ByteBuffer, grpc::ByteBuffer>::Create(
          channel.get(), method, &ctx));
  // list_services is field 7, an empty string.
  grpc::Slice list_services("\x3a\x00", 2);
  grpc::ByteBuffer request(&list_services, 1), reply;
  if (!stream->Write(request) || !stream->WritesDone() || !stream->Read(&reply)) {
    return absl::UnavailableError("reflection stream failed");
  }
  grpc::Status status = stream->Finish();
  if (!status.ok()) return absl::UnavailableError(status.error_message());
  return Flatten(reply);
}

}  // namespace opsreport::integration
