#pragma once
// Abseil 20220623 ships no public status matchers; these are the project's.

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::testing::internal {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

template <typename T>
::testing::AssertionResult IsOk(const T& value) {
  const absl::Status& s = GetStatus(value);
  if (s.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << s;
}

}  // namespace opsreport::testing::internal

// Evaluates `expr` once; on failure the message shows the status.
#define EXPECT_OK(expr) EXPECT_TRUE(::opsreport::testing::internal::IsOk(expr))
#define ASSERT_OK(expr) ASSERT_TRUE(::opsreport::testing::internal::IsOk(expr))

#define OPSREPORT_ASSERT_OK_AND_ASSIGN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                         \
  ASSERT_TRUE(tmp.ok()) << tmp.status();                      \
  lhs = std::move(*tmp)

// `ASSERT_OK_AND_ASSIGN(auto x, Foo());` fails the test on an error status.
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr)                                                        \
  OPSREPORT_ASSERT_OK_AND_ASSIGN_IMPL_(OPSREPORT_CONCAT_(opsreport_assert_statusor_, __LINE__), \
                                       lhs, rexpr)

namespace opsreport::testing {

// EXPECT_THAT(status_or_statusor, StatusIs(absl::StatusCode::kNotFound));
// EXPECT_THAT(s, StatusIs(absl::StatusCode::kNotFound, HasSubstr("x")));
MATCHER_P(StatusIs, code,
          std::string(negation ? "has no" : "has") + " status code " +
              absl::StatusCodeToString(code)) {
  const absl::Status& s = ::opsreport::testing::internal::GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code;
}

MATCHER_P2(StatusIs, code, message_matcher,
           std::string(negation ? "has no" : "has") + " status code " +
               absl::StatusCodeToString(code) + " with a matching message") {
  const absl::Status& s = ::opsreport::testing::internal::GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

}  // namespace opsreport::testing
