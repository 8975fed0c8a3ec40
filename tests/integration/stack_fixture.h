#pragma once
// One embedded stack per test suite: mock Kafka over TCP, a real
// redis-server, and the real opsreport-intake process, reached over gRPC on
// loopback with signed credentials.

#include <memory>
#include <set>
#include <string>

#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/redis/client.h"
#include "opsreport/stack/stack.h"
#include "opsreport/testing/temp_dir.h"
#include "opsreport/v1/intake.grpc.pb.h"

namespace opsreport::integration {

class StackTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  // Starts the suite's stack in a fresh temp dir with `options` (data_dir is set here).
  static void StartStack(stack::StackOptions options);

  // A credential for the district's duty officer (or another unit/role).
  static std::string Token(const std::string& unit = "1001",
                           auth::Role role = auth::Role::kDutyOfficer);
  static std::unique_ptr<v1::Intake::Stub> NewStub();
  // Keeps reconnecting until the restarted intake answers.
  static void WaitForIntake();

  grpc::Status Submit(const v1::SubmitSpecialReportRequest& request, v1::SubmitResponse* response,
                      const std::string& token = Token());
  grpc::Status Get(const std::string& id, v1::GetReportResponse* response);
  // Ids of documents seen on the accepted topic within `timeout` until all of `want` are seen.
  std::set<std::string> ConsumeIds(const std::set<std::string>& want, absl::Duration timeout);
  int64_t AcceptedCount();  // length of intake:log
  // grpc.health.v1.Health/Check for service "" without credentials: the raw
  // reply ("\x08\x01" is SERVING).
  static absl::StatusOr<std::string> HealthCheck(const std::string& address,
                                                 const std::string& service = "");
  // ServerReflectionInfo list_services: the raw reply, which names every service.
  static absl::StatusOr<std::string> ReflectionServices(const std::string& address);

  static testing::TempDir* dir_;
  static stack::Stack* stack_;
  static auth::CredentialSigner* signer_;
  static redis::Client* redis_;
};

}  // namespace opsreport::integration
