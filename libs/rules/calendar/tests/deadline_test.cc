#include "opsreport/calendar/deadline.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::calendar {
namespace {

using ::testing::HasSubstr;

TEST(DeadlineTest, ParsesEveryUnit) {
  EXPECT_EQ(*Deadline::Parse("30m"), (Deadline{30, DeadlineUnit::kMinutes}));
  EXPECT_EQ(*Deadline::Parse("2h"), (Deadline{2, DeadlineUnit::kHours}));
  EXPECT_EQ(*Deadline::Parse("10d"), (Deadline{10, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(*Deadline::Parse("5wd"), (Deadline{5, DeadlineUnit::kWorkingDays}));
  EXPECT_EQ(*Deadline::Parse(" 1h\t"), (Deadline{1, DeadlineUnit::kHours}));
  EXPECT_EQ(*Deadline::Parse("0m"), (Deadline{0, DeadlineUnit::kMinutes}));
  EXPECT_EQ(*Deadline::Parse("007d"), (Deadline{7, DeadlineUnit::kCalendarDays}));
  EXPECT_EQ(*Deadline::Parse("999999h"), (Deadline{999999, DeadlineUnit::kHours}));
}

TEST(DeadlineTest, ToStringRoundTrips) {
  for (const char* text : {"30m", "2h", "10d", "5wd", "0h"}) {
    auto d = Deadline::Parse(text);
    ASSERT_TRUE(d.ok()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
}

TEST(DeadlineTest, ErrorsQuoteTheTextAndSayWhy) {
  struct Case {
    const char* text;
    const char* why;
  };
  for (const Case& c : {Case{"", "deadline \"\": is empty"},
                        Case{"h", "deadline \"h\": amount must be a non-negative integer"},
                        Case{"-5d", "deadline \"-5d\": amount must be a non-negative integer"},
                        Case{"+5d", "deadline \"+5d\": amount must be a non-negative integer"},
                        Case{"5", "deadline \"5\": missing unit"},
                        Case{"5x", "deadline \"5x\": unknown unit \"x\""},
                        Case{"5 d", "deadline \"5 d\": unknown unit \" d\""},
                        Case{"5D", "deadline \"5D\": unknown unit \"D\""},
                        Case{"5wdx", "deadline \"5wdx\": unknown unit \"wdx\""},
                        Case{"1.5h", "deadline \"1.5h\": unknown unit \".5h\""},
                        Case{"1000000h", "deadline \"1000000h\": amount exceeds 999999"},
                        Case{"99999999999999999999999d", "amount exceeds 999999"}}) {
    auto d = Deadline::Parse(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(d.status().message(), HasSubstr(c.why)) << c.text;
  }
}

}  // namespace
}  // namespace opsreport::calendar
