#include "opsreport/telegram/kyiv_time.h"

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"

namespace opsreport::telegram {
namespace {

google::protobuf::Timestamp Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone())));
  return ts;
}

std::string Error(std::string_view text) {
  auto parsed = ParseKyiv(text);
  EXPECT_FALSE(parsed.ok()) << text;
  return parsed.ok() ? "" : std::string(parsed.status().message());
}

TEST(KyivTimeTest, WinterAndSummerOffsets) {
  EXPECT_EQ(FormatKyiv(Utc(2024, 1, 15, 10, 0)), "15.01.2024 12:00");  // EET, UTC+2
  EXPECT_EQ(FormatKyiv(Utc(2024, 7, 15, 9, 0)), "15.07.2024 12:00");   // EEST, UTC+3
  EXPECT_EQ(ParseKyiv("15.01.2024 12:00")->seconds(), Utc(2024, 1, 15, 10, 0).seconds());
  EXPECT_EQ(ParseKyiv("15.07.2024 12:00")->seconds(), Utc(2024, 7, 15, 9, 0).seconds());
}

TEST(KyivTimeTest, SecondsOnlyWhenNonZeroAndSubSecondDropped) {
  google::protobuf::Timestamp ts = Utc(2024, 3, 14, 21, 40, 17);
  EXPECT_EQ(FormatKyiv(ts), "14.03.2024 23:40:17");
  ts.set_nanos(999'000'000);
  EXPECT_EQ(FormatKyiv(ts), "14.03.2024 23:40:17");
  EXPECT_EQ(FormatKyiv(Utc(2024, 3, 14, 21, 40, 0)), "14.03.2024 23:40");
  EXPECT_EQ(ParseKyiv("14.03.2024 23:40:17")->seconds(), Utc(2024, 3, 14, 21, 40, 17).seconds());
  EXPECT_EQ(ParseKyiv("14.03.2024 23:40:17")->nanos(), 0);
}

TEST(KyivTimeTest, SpringForwardGapIsRejected) {
  // 31.03.2024: at 01:00 UTC Kyiv clocks jump from 03:00 to 04:00.
  EXPECT_EQ(FormatKyiv(Utc(2024, 3, 31, 0, 59, 59)), "31.03.2024 02:59:59");
  EXPECT_EQ(FormatKyiv(Utc(2024, 3, 31, 1, 0)), "31.03.2024 04:00");
  EXPECT_EQ(ParseKyiv("31.03.2024 04:00")->seconds(), Utc(2024, 3, 31, 1, 0).seconds());
  EXPECT_EQ(Error("31.03.2024 03:30"),
            "this local time does not exist in Kyiv (skipped by the change to summer time), "
            "got '31.03.2024 03:30'");
}

TEST(KyivTimeTest, AutumnRepeatedHourCarriesOffset) {
  // 27.10.2024: at 01:00 UTC Kyiv clocks go back from 04:00 to 03:00.
  const auto summer = Utc(2024, 10, 27, 0, 30);  // 03:30 EEST
  const auto winter = Utc(2024, 10, 27, 1, 30);  // 03:30 EET
  EXPECT_EQ(FormatKyiv(Utc(2024, 10, 26, 23, 59)), "27.10.2024 02:59");
  EXPECT_EQ(FormatKyiv(summer), "27.10.2024 03:30 (UTC+3)");
  EXPECT_EQ(FormatKyiv(winter), "27.10.2024 03:30 (UTC+2)");
  EXPECT_EQ(FormatKyiv(Utc(2024, 10, 27, 2, 0)), "27.10.2024 04:00");
  EXPECT_EQ(ParseKyiv("27.10.2024 03:30 (UTC+3)")->seconds(), summer.seconds());
  EXPECT_EQ(ParseKyiv("27.10.2024 03:30 (UTC+2)")->seconds(), winter.seconds());
  // Without the offset the earlier (summer-time) instant is taken.
  EXPECT_EQ(ParseKyiv("27.10.2024 03:30")->seconds(), summer.seconds());
  EXPECT_EQ(Error("27.10.2024 03:30 (UTC+5)"),
            "Kyiv time at that moment is not UTC+5, got '27.10.2024 03:30 (UTC+5)'");
  EXPECT_EQ(Error("27.10.2024 05:30 (UTC+3)"),
            "Kyiv time at that moment is not UTC+3, got '27.10.2024 05:30 (UTC+3)'");
  EXPECT_EQ(ParseKyiv("27.10.2024 05:30 (UTC+2)")->seconds(), Utc(2024, 10, 27, 3, 30).seconds());
}

TEST(KyivTimeTest, EveryMinuteAroundBothTransitionsRoundTrips) {
  for (const auto& start : {Utc(2024, 3, 30, 22, 0), Utc(2024, 10, 26, 22, 0)}) {
    for (int minute = 0; minute < 6 * 60; ++minute) {
      google::protobuf::Timestamp ts = start;
      ts.set_seconds(start.seconds() + minute * 60 + (minute % 7 == 0 ? 13 : 0));
      auto back = ParseKyiv(FormatKyiv(ts));
      ASSERT_TRUE(back.ok()) << FormatKyiv(ts) << ": " << back.status();
      EXPECT_EQ(back->seconds(), ts.seconds()) << FormatKyiv(ts);
    }
  }
}

TEST(KyivTimeTest, ParseToleratesShortFieldsAndSpaces) {
  EXPECT_EQ(ParseKyiv(" 1.2.2024  9:05 ")->seconds(), Utc(2024, 2, 1, 7, 5).seconds());
}

TEST(KyivTimeTest, ParseRejectsMalformedText) {
  const std::string expected = "expected DD.MM.YYYY HH:MM[:SS], got '";
  for (const char* bad :
       {"", "2024-03-15 10:00", "15.03.24 10:00", "15.03.2024", "15.03.2024 10", "15.03.2024 10:0",
        "15.03.2024 10:00:5", "15.03.2024 10:00 ранку", "15/03/2024 10:00"}) {
    EXPECT_EQ(Error(bad), expected + bad + "'") << bad;
  }
  EXPECT_EQ(Error("32.01.2024 10:00"), "no such date or time, got '32.01.2024 10:00'");
  EXPECT_EQ(Error("29.02.2023 10:00"), "no such date or time, got '29.02.2023 10:00'");
  EXPECT_EQ(Error("15.03.2024 24:00"), "no such date or time, got '15.03.2024 24:00'");
  EXPECT_EQ(Error("15.03.2024 10:00 (UTC)"),
            "expected a UTC offset such as (UTC+3) after the time, got '15.03.2024 10:00 (UTC)'");
}

}  // namespace
}  // namespace opsreport::telegram
