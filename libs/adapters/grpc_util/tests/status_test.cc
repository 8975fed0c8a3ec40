#include "opsreport/grpc_util/status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::grpc_util {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

absl::Status TwoViolations() {
  base::Violations violations;
  violations.Add("report.persons[1].birth_date", "дата народження в майбутньому");
  violations.Add("report.unit_code", "невідомий підрозділ \"9999\"");
  return violations.ToStatus("special report");
}

TEST(StatusTest, OkStaysOk) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(StatusTest, EveryCanonicalCodeKeepsCodeAndMessage) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status status(static_cast<absl::StatusCode>(code), "повідомлення");
    grpc::Status converted = ToGrpcStatus(status);
    EXPECT_EQ(static_cast<int>(converted.error_code()), code);
    EXPECT_EQ(converted.error_message(), "повідомлення");
    EXPECT_TRUE(converted.error_details().empty());
    EXPECT_EQ(FromGrpcStatus(converted), status);
  }
}

TEST(StatusTest, NonCanonicalCodeBecomesUnknown) {
  absl::Status status(static_cast<absl::StatusCode>(42), "odd");
  grpc::Status converted = ToGrpcStatus(status);
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::UNKNOWN);
  EXPECT_EQ(converted.error_message(), "odd");
}

TEST(StatusTest, ViolationsTravelInErrorDetails) {
  absl::Status status = TwoViolations();
  grpc::Status converted = ToGrpcStatus(status);
  EXPECT_EQ(converted.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(converted.error_message(), std::string(status.message()));
  v1::Violations details;
  ASSERT_TRUE(details.ParseFromString(converted.error_details()));
  ASSERT_EQ(details.violations_size(), 2);
  EXPECT_EQ(details.violations(0).field(), "report.persons[1].birth_date");
  EXPECT_EQ(details.violations(1).message(), "невідомий підрозділ \"9999\"");

  EXPECT_THAT(
      ViolationsOf(converted),
      ElementsAre(base::Violation{"report.persons[1].birth_date", "дата народження в майбутньому"},
                  base::Violation{"report.unit_code", "невідомий підрозділ \"9999\""}));
  absl::Status back = FromGrpcStatus(converted);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), status.message());
  EXPECT_EQ(base::ViolationsFromStatus(back), base::ViolationsFromStatus(status));
}

TEST(StatusTest, ViolationsPayloadOnlyTravelsWithInvalidArgument) {
  absl::Status status = TwoViolations();
  absl::Status other(absl::StatusCode::kFailedPrecondition, status.message());
  other.SetPayload(base::Violations::kPayloadUrl,
                   *status.GetPayload(base::Violations::kPayloadUrl));
  EXPECT_TRUE(ToGrpcStatus(other).error_details().empty());
  // And a reader ignores details on other codes.
  grpc::Status with_details(grpc::StatusCode::INTERNAL, "x", ToGrpcStatus(status).error_details());
  EXPECT_THAT(ViolationsOf(with_details), IsEmpty());
}

TEST(StatusTest, ForeignOrGarbledDetailsYieldNoViolations) {
  EXPECT_THAT(ViolationsOf(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "x")), IsEmpty());
  EXPECT_THAT(ViolationsOf(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "x", "\xff\xff\xff")),
              IsEmpty());
  absl::Status back =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "x", "\xff\xff\xff"));
  EXPECT_FALSE(back.GetPayload(base::Violations::kPayloadUrl).has_value());
}

}  // namespace
}  // namespace opsreport::grpc_util
