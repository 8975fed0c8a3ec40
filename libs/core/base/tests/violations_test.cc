#include "opsreport/base/violations.h"

#include "gtest/gtest.h"
#include "opsreport/base/clock.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/strings.h"

namespace opsreport::base {
namespace {

TEST(ViolationsTest, EmptyIsOk) { EXPECT_TRUE(Violations().ToStatus("report").ok()); }

TEST(ViolationsTest, StatusNamesEveryFieldAndRoundTrips) {
  Violations v;
  v.Add("report.coding_line.unit_code", "must not be empty");
  v.Add("report.persons[0].full_name", "must not be empty");
  absl::Status s = v.ToStatus("special report");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("2 violation(s)"), std::string_view::npos);
  EXPECT_NE(s.message().find("report.coding_line.unit_code: must not be empty"),
            std::string_view::npos);
  EXPECT_NE(s.message().find("report.persons[0].full_name"), std::string_view::npos);
  EXPECT_EQ(ViolationsFromStatus(s), v.items());
}

absl::StatusOr<int> Half(int x) {
  if (x % 2) return absl::InvalidArgumentError("odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int h, Half(x));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

absl::Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x).status());
  return absl::OkStatus();
}

TEST(StatusMacrosTest, PropagateErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_FALSE(Quarter(6).ok());
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(3).code(), absl::StatusCode::kInvalidArgument);
}

TEST(FakeClockTest, MovesOnlyWhenTold) {
  FakeClock clock(absl::FromUnixSeconds(1000));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(1000));
  clock.Advance(absl::Seconds(5));
  EXPECT_EQ(clock.Now(), absl::FromUnixSeconds(1005));
}

TEST(StringsTest, SplitKeepsEmptyAndUtf8Counts) {
  EXPECT_EQ(SplitKeepEmpty("a||b", '|').size(), 3u);
  EXPECT_EQ(Utf8Length("Київ"), 4u);
  EXPECT_TRUE(IsValidUtf8("Київ"));
  EXPECT_FALSE(IsValidUtf8("\xff\xfe"));
  EXPECT_EQ(Trim("  x \t"), "x");
}

}  // namespace
}  // namespace opsreport::base
