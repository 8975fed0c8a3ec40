#include "opsreport/catalogue/item_number.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::catalogue {
namespace {

TEST(ItemNumberTest, NumberToCode) {
  EXPECT_EQ(*ItemNumberToCode("1"), "0100");
  EXPECT_EQ(*ItemNumberToCode("10"), "1000");
  EXPECT_EQ(*ItemNumberToCode("26.1"), "2601");
  EXPECT_EQ(*ItemNumberToCode("34.10"), "3410");
  EXPECT_EQ(*ItemNumberToCode("99.99"), "9999");
  EXPECT_EQ(*ItemNumberToCode("9.9"), "0909");
}

TEST(ItemNumberTest, BadNumbersAreRejectedWithReason) {
  struct Case {
    const char* number;
    const char* message;
  } cases[] = {
      {"", "catalogue item number \"\": item is empty"},
      {"100", "catalogue item number \"100\": item must be 1-99"},
      {"1.2.3", "catalogue item number \"1.2.3\": at most one sub-item level (item.sub-item)"},
      {"a", "catalogue item number \"a\": item must be digits"},
      {"26.100", "catalogue item number \"26.100\": sub-item must be 1-99"},
      {"0", "catalogue item number \"0\": item must be 1-99 without a leading zero"},
      {"01", "catalogue item number \"01\": item must be 1-99 without a leading zero"},
      {"26.0", "catalogue item number \"26.0\": sub-item must be 1-99 without a leading zero"},
      {"26.", "catalogue item number \"26.\": sub-item is empty"},
      {".5", "catalogue item number \".5\": item is empty"},
      {"26.x", "catalogue item number \"26.x\": sub-item must be digits"},
  };
  for (const Case& c : cases) {
    auto r = ItemNumberToCode(c.number);
    ASSERT_FALSE(r.ok()) << c.number;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(ItemNumberTest, CodeToNumber) {
  EXPECT_EQ(*ItemCodeToNumber("0100"), "1");
  EXPECT_EQ(*ItemCodeToNumber("1000"), "10");
  EXPECT_EQ(*ItemCodeToNumber("2601"), "26.1");
  EXPECT_EQ(*ItemCodeToNumber("3410"), "34.10");
  EXPECT_EQ(*ItemCodeToNumber("0909"), "9.9");
}

TEST(ItemNumberTest, BadCodesAreRejected) {
  for (const char* code : {"", "100", "01000", "0a00", "0000", "0005", " 100"}) {
    auto r = ItemCodeToNumber(code);
    EXPECT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << code;
  }
  EXPECT_EQ(ItemCodeToNumber("0000").status().message(),
            "catalogue code \"0000\": item 00 does not exist");
  EXPECT_EQ(ItemCodeToNumber("12a4").status().message(),
            "catalogue code \"12a4\": must be exactly 4 digits");
}

TEST(ItemNumberTest, RoundTripsEveryValidNumber) {
  for (int item = 1; item <= 99; ++item) {
    for (int sub = 0; sub <= 99; ++sub) {
      std::string number = std::to_string(item);
      if (sub > 0) number += "." + std::to_string(sub);
      auto code = ItemNumberToCode(number);
      ASSERT_TRUE(code.ok()) << number;
      ASSERT_EQ(code->size(), 4u);
      auto back = ItemCodeToNumber(*code);
      ASSERT_TRUE(back.ok()) << *code;
      EXPECT_EQ(*back, number);
    }
  }
}

}  // namespace
}  // namespace opsreport::catalogue
