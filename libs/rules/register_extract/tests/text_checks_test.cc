#include "../src/text_checks.h"

#include "gtest/gtest.h"

namespace opsreport::register_extract::internal {
namespace {

absl::Time Utc(int y, int m, int d, int hh, int mm, int ss = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, ss), absl::UTCTimeZone());
}

TEST(ParseInstantTest, LocalFormsAreKyivTime) {
  // Winter: UTC+2.
  EXPECT_EQ(ParseInstant("2026-03-10 14:05"), Utc(2026, 3, 10, 12, 5));
  EXPECT_EQ(ParseInstant("2026-03-10 14:05:30"), Utc(2026, 3, 10, 12, 5, 30));
  EXPECT_EQ(ParseInstant("2026-03-10T14:05"), Utc(2026, 3, 10, 12, 5));
  // Summer: UTC+3.
  EXPECT_EQ(ParseInstant("2026-07-01 14:00"), Utc(2026, 7, 1, 11, 0));
}

TEST(ParseInstantTest, OffsetFormsAreTakenAsWritten) {
  EXPECT_EQ(ParseInstant("2026-03-10T12:05:00Z"), Utc(2026, 3, 10, 12, 5));
  EXPECT_EQ(ParseInstant("2026-03-10T14:05:00+02:00"), Utc(2026, 3, 10, 12, 5));
  EXPECT_EQ(ParseInstant("2026-03-10 14:05:00.5+02:00"),
            Utc(2026, 3, 10, 12, 5) + absl::Milliseconds(500));
}

TEST(ParseInstantTest, RefusesWhatIsNotARealInstant) {
  for (const char* bad : {"2026-13-01", "2026-13-01 10:00", "2026-02-30 10:00", "2026-03-10 25:00",
                          "2026-03-10 10:60", "26-03-10 10:00", "2026-03-10", "10.03.2026 10:00",
                          "2026-03-10 10:00 extra", ""}) {
    EXPECT_EQ(ParseInstant(bad), std::nullopt) << bad;
  }
}

TEST(TimestampTest, RoundTrips) {
  absl::Time t = Utc(2026, 3, 10, 12, 5) + absl::Nanoseconds(7);
  EXPECT_EQ(FromTimestamp(ToTimestamp(t)), t);
  EXPECT_EQ(ToTimestamp(t).nanos(), 7);
}

TEST(IsArticleTest, ArticlesWithAndWithoutSign) {
  EXPECT_TRUE(IsArticle("115"));
  EXPECT_TRUE(IsArticle("258-3"));
  EXPECT_TRUE(IsArticle("1"));
  EXPECT_FALSE(IsArticle(""));
  EXPECT_FALSE(IsArticle("1150"));
  EXPECT_FALSE(IsArticle("258-"));
  EXPECT_FALSE(IsArticle("258-123"));
  EXPECT_FALSE(IsArticle("ст.115"));
  EXPECT_FALSE(IsArticle(" 115"));
}

TEST(QuoteTest, CutsLongTextOnACharacterBoundary) {
  EXPECT_EQ(Quote("abc"), "'abc'");
  EXPECT_EQ(Quote("a\nb\tc\r"), "'a\\nb\\tc\\r'");
  // 31 two-byte letters: the cut at byte 60 falls on a boundary, 61 would not.
  std::string cyrillic;
  for (int i = 0; i < 31; ++i) cyrillic += "ж";
  EXPECT_EQ(Quote(cyrillic), "'" + cyrillic.substr(0, 60) + "...'");
  EXPECT_EQ(Quote("x" + cyrillic), "'x" + cyrillic.substr(0, 58) + "...'");
}

TEST(ResultKindTest, ShortAndFullNames) {
  EXPECT_EQ(ParseResultKind("closed"), v1::RESULT_KIND_CLOSED);
  EXPECT_EQ(ParseResultKind("Indictment"), v1::RESULT_KIND_INDICTMENT);
  EXPECT_EQ(ParseResultKind("RESULT_KIND_RELEASE_MOTION"), v1::RESULT_KIND_RELEASE_MOTION);
  EXPECT_EQ(ParseResultKind("unspecified"), std::nullopt);
  EXPECT_EQ(ParseResultKind("closure"), std::nullopt);
  EXPECT_EQ(ResultKindNames(),
            "closed, indictment, medical_measures_motion, educational_measures_motion, "
            "release_motion, transferred_to_other_body, transferred_to_foreign_state");
}

}  // namespace
}  // namespace opsreport::register_extract::internal
