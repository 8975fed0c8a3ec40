#include "opsreport/testing/status_matchers.h"

#include "gtest/gtest-spi.h"

namespace opsreport::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

absl::StatusOr<int> Answer(bool ok) {
  if (!ok) return absl::NotFoundError("no answer");
  return 42;
}

int calls = 0;
absl::Status Counted() {
  ++calls;
  return absl::InternalError("boom");
}

TEST(StatusMatchersTest, OkMacros) {
  EXPECT_OK(absl::OkStatus());
  EXPECT_OK(Answer(true));
  ASSERT_OK_AND_ASSIGN(int v, Answer(true));
  EXPECT_EQ(v, 42);
  EXPECT_NONFATAL_FAILURE(EXPECT_OK(Answer(false)), "no answer");
}

TEST(StatusMatchersTest, FailingExpectEvaluatesOnce) {
  calls = 0;
  EXPECT_NONFATAL_FAILURE(EXPECT_OK(Counted()), "boom");
  EXPECT_EQ(calls, 1);
}

TEST(StatusMatchersTest, StatusIs) {
  EXPECT_THAT(Answer(false), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Answer(false), StatusIs(absl::StatusCode::kNotFound, HasSubstr("answer")));
  EXPECT_THAT(Answer(false), Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("zzz"))));
  EXPECT_THAT(Answer(true), StatusIs(absl::StatusCode::kOk));
  EXPECT_THAT(absl::InternalError("x"), Not(StatusIs(absl::StatusCode::kNotFound)));
}

}  // namespace
}  // namespace opsreport::testing
