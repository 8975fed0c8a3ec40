// RFC 4180 framing, tested on the internal reader directly: the extract
// reader only sees its records.
#include "../src/csv_reader.h"

#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::register_extract::internal {
namespace {

using ::testing::ElementsAre;

struct Read {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> errors;  // "row N: message"
};

Read ReadAll(const std::string& text, size_t max_record_bytes = 1 << 20) {
  std::istringstream in(text);
  // A tiny chunk so records straddle chunk boundaries.
  ByteSource source(in, 3);
  CsvReader reader(source, max_record_bytes);
  Read out;
  CsvRecord record;
  while (true) {
    CsvReader::Result r = reader.Next(record);
    if (r == CsvReader::Result::kEnd) break;
    if (r == CsvReader::Result::kError) {
      out.errors.push_back("row " + std::to_string(record.row) + ": " + reader.error());
      continue;
    }
    out.records.push_back(record.fields);
  }
  return out;
}

TEST(CsvReaderTest, PlainRecordsWithLfAndCrlf) {
  Read r = ReadAll("a,b,c\r\n1,2,3\n4,,6");
  EXPECT_THAT(r.errors, ElementsAre());
  EXPECT_THAT(r.records, ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3"),
                                     ElementsAre("4", "", "6")));
}

TEST(CsvReaderTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  Read r = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n\"\",x\n");
  EXPECT_THAT(r.errors, ElementsAre());
  EXPECT_THAT(r.records,
              ElementsAre(ElementsAre("a,b", "say \"hi\"", "two\r\nlines"), ElementsAre("", "x")));
}

TEST(CsvReaderTest, Utf8PassesThroughAndTheByteOrderMarkIsDropped) {
  Read r = ReadAll("\xEF\xBB\xBFстаття,частина\n115,1\n");
  EXPECT_THAT(r.records, ElementsAre(ElementsAre("стаття", "частина"), ElementsAre("115", "1")));
}

TEST(CsvReaderTest, TrailingCommaGivesAnEmptyLastField) {
  EXPECT_THAT(ReadAll("a,b,\n").records, ElementsAre(ElementsAre("a", "b", "")));
}

TEST(CsvReaderTest, RowsCountBlankLinesAndRecordsNotLines) {
  std::istringstream in("h\n\n\"x\ny\"\nz\n");
  ByteSource source(in);
  CsvReader reader(source, 100);
  CsvRecord rec;
  std::vector<int64_t> rows;
  std::vector<bool> blank;
  while (reader.Next(rec) == CsvReader::Result::kRecord) {
    rows.push_back(rec.row);
    blank.push_back(rec.blank());
  }
  EXPECT_THAT(rows, ElementsAre(1, 2, 3, 4));
  EXPECT_THAT(blank, ElementsAre(false, true, false, false));
}

TEST(CsvReaderTest, AQuotedEmptyFieldIsNotABlankLine) {
  std::istringstream in("\"\"\n");
  ByteSource source(in);
  CsvReader reader(source, 100);
  CsvRecord rec;
  ASSERT_EQ(reader.Next(rec), CsvReader::Result::kRecord);
  EXPECT_FALSE(rec.blank());
}

TEST(CsvReaderTest, StrayQuotesSpoilOnlyTheirRow) {
  Read r = ReadAll("a,b\"c\n\"x\"y,z\nok,1\n");
  EXPECT_THAT(r.errors,
              ElementsAre("row 1: a double quote inside an unquoted field (quote the whole field "
                          "and double the quote)",
                          "row 2: text after the closing double quote of a field"));
  EXPECT_THAT(r.records, ElementsAre(ElementsAre("ok", "1")));
}

TEST(CsvReaderTest, AnUnclosedQuoteEndsTheReading) {
  Read r = ReadAll("a,b\n\"never closed,1\n2,3\n");
  EXPECT_THAT(r.errors,
              ElementsAre("row 2: a quoted field is not closed before the end of the file"));
  EXPECT_THAT(r.records, ElementsAre(ElementsAre("a", "b")));
}

TEST(CsvReaderTest, AnOverlongRecordEndsTheReading) {
  Read r = ReadAll("ab,c\n" + std::string(50, 'x') + "\nlast\n", 10);
  EXPECT_THAT(r.errors, ElementsAre("row 2: record is longer than 10 bytes"));
  EXPECT_THAT(r.records, ElementsAre(ElementsAre("ab", "c")));
}

}  // namespace
}  // namespace opsreport::register_extract::internal
