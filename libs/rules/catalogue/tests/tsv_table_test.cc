#include "opsreport/catalogue/tsv_table.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::catalogue {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Lines(const FileErrors& errors) {
  base::Violations v;
  errors.AppendTo(v);
  std::vector<std::string> out;
  for (const auto& i : v.items()) out.push_back(i.field + ": " + i.message);
  return out;
}

const std::vector<std::string_view> kCols = {"a", "b"};

TEST(TsvTableTest, SkipsCommentsAndBlankLinesAndReordersByHeader) {
  FileErrors errors("f.tsv");
  TsvTable t = ParseTsv("# comment\n\nb\ta\r\n  # indented comment\nB1\t A1 \n\n", kCols, errors);
  EXPECT_THAT(Lines(errors), IsEmpty());
  EXPECT_EQ(t.header_line, 3);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 5);
  EXPECT_THAT(t.rows[0].cells, ElementsAre("A1", "B1"));
}

TEST(TsvTableTest, ReportsEveryHeaderProblemAndReadsNoRows) {
  FileErrors errors("f.tsv");
  TsvTable t = ParseTsv("a\ta\tc\nx\ty\tz\n", kCols, errors);
  EXPECT_THAT(Lines(errors),
              ElementsAre("f.tsv:1: column a: header column given twice",
                          "f.tsv:1: column c: unknown header column (expected: a, b)",
                          "f.tsv:1: column b: missing header column"));
  EXPECT_THAT(t.rows, IsEmpty());
}

TEST(TsvTableTest, MissingHeader) {
  FileErrors errors("f.tsv");
  ParseTsv("# only comments\n\n", kCols, errors);
  EXPECT_THAT(Lines(errors),
              ElementsAre("f.tsv:2: missing header line (the first line that is not blank or "
                          "a # comment)"));
  FileErrors empty_errors("e.tsv");
  ParseTsv("", kCols, empty_errors);
  EXPECT_THAT(Lines(empty_errors),
              ElementsAre("e.tsv:1: missing header line (the first line that is not blank or "
                          "a # comment)"));
}

TEST(TsvTableTest, WrongColumnCountAndBadUtf8AreReportedPerLineAndRowsSkipped) {
  FileErrors errors("f.tsv");
  TsvTable t = ParseTsv("a\tb\nonly\nx\ty\tz\n\xff\t1\nok\t2\n", kCols, errors);
  EXPECT_THAT(Lines(errors), ElementsAre("f.tsv:2: expected 2 tab-separated columns, got 1",
                                         "f.tsv:3: expected 2 tab-separated columns, got 3",
                                         "f.tsv:4: line is not valid UTF-8"));
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].line, 5);
  EXPECT_THAT(t.rows[0].cells, ElementsAre("ok", "2"));
}

TEST(TsvTableTest, KeepsEmptyCells) {
  FileErrors errors("f.tsv");
  TsvTable t = ParseTsv("a\tb\n\tx\n", kCols, errors);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_THAT(t.rows[0].cells, ElementsAre("", "x"));
}

TEST(TsvTableTest, FileErrorsAreSortedByLineWithFileLevelFaultsLast) {
  FileErrors errors("f.tsv");
  errors.AddForFile("whole file");
  errors.Add(7, "c", "seven");
  errors.Add(2, "two");
  errors.Add(7, "d", "seven again");
  EXPECT_THAT(Lines(errors), ElementsAre("f.tsv:2: two", "f.tsv:7: column c: seven",
                                         "f.tsv:7: column d: seven again", "f.tsv: whole file"));
  absl::Status s = errors.ToStatus("thing");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("thing rejected, 4 violation(s)"));
  EXPECT_TRUE(FileErrors("x").ToStatus("thing").ok());
}

TEST(TsvTableTest, ReadFileToStringNamesMissingPath) {
  auto r = ReadFileToString("/nonexistent/dir/x.tsv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(r.status().message()), ::testing::HasSubstr("/nonexistent/dir/x.tsv"));
}

}  // namespace
}  // namespace opsreport::catalogue
