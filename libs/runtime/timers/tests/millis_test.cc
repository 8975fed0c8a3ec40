#include "../src/millis.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::timers::internal {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::HasSubstr;

TEST(MillisTest, DueRoundsUpNowRoundsDown) {
  absl::Time t = absl::FromUnixMillis(1773144000123);
  EXPECT_EQ(*DueMillis(t), 1773144000123);
  EXPECT_EQ(*DueMillis(t + absl::Nanoseconds(1)), 1773144000124);
  EXPECT_EQ(*DueMillis(t - absl::Nanoseconds(1)), 1773144000123);
  EXPECT_EQ(*DueMillis(absl::FromUnixMillis(-5) - absl::Nanoseconds(1)), -5);
  EXPECT_EQ(NowArg(t + absl::Microseconds(999)), "1773144000123");
  EXPECT_EQ(NowArg(absl::FromUnixMillis(-5) - absl::Nanoseconds(1)), "-6");
  EXPECT_EQ(NowArg(absl::InfiniteFuture()), "+inf");
  EXPECT_EQ(NowArg(absl::InfinitePast()), "-inf");
}

TEST(MillisTest, DueOutsideExactDoubleRangeIsRejected) {
  EXPECT_EQ(*DueMillis(absl::FromUnixMillis(kMaxExactMillis)), kMaxExactMillis);
  EXPECT_THAT(DueMillis(absl::FromUnixMillis(kMaxExactMillis + 1)),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("2^53")));
  EXPECT_THAT(DueMillis(absl::FromUnixMillis(-kMaxExactMillis - 1)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DueMillis(absl::InfiniteFuture()),
              StatusIs(absl::StatusCode::kInvalidArgument, "is infinite"));
  EXPECT_THAT(DueMillis(absl::InfinitePast()), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MillisTest, ParsesScoresInEitherNotation) {
  EXPECT_EQ(*ParseMillis("1773144000123", "x"), absl::FromUnixMillis(1773144000123));
  EXPECT_EQ(*ParseMillis("1.774e+12", "x"), absl::FromUnixMillis(1774000000000));
  EXPECT_EQ(*ParseMillis("-5", "x"), absl::FromUnixMillis(-5));
  EXPECT_THAT(ParseMillis("soon", "due of timer a"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("due of timer a: 'soon'")));
  EXPECT_THAT(ParseMillis("inf", "x"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ParseMillis("", "x"), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace opsreport::timers::internal
