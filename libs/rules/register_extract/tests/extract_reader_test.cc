#include "opsreport/register_extract/extract_reader.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/catalogue/tsv_table.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/register_extract/fingerprint.h"

namespace opsreport::register_extract {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kTestdata[] = "libs/rules/register_extract/testdata/";

const catalogue::Catalogue& Cat() { return fixtures::SampleRuleData().catalogue; }

absl::Time Utc(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}
absl::Time At(const google::protobuf::Timestamp& ts) { return absl::FromUnixSeconds(ts.seconds()); }

struct ReadResult {
  std::vector<v1::RegisterEntry> entries;
  std::vector<std::string> faults;  // "field: message"
  absl::Status status;
  std::string fingerprint;
  int64_t rows = 0;
};

ReadResult ReadAll(std::istream& in, ExtractOptions options) {
  ExtractReader reader(in, Cat(), options);
  ReadResult out;
  v1::RegisterEntry e;
  while (reader.Next(e)) out.entries.push_back(e);
  for (const auto& v : reader.violations().items())
    out.faults.push_back(v.field + ": " + v.message);
  out.status = reader.status();
  out.fingerprint = reader.fingerprint();
  out.rows = reader.rows();
  return out;
}

ReadResult ReadText(const std::string& text, ExtractOptions options = {}) {
  std::istringstream in(text);
  return ReadAll(in, options);
}

std::string FileText(const std::string& name) {
  absl::StatusOr<std::string> text = catalogue::ReadFileToString(kTestdata + name);
  EXPECT_TRUE(text.ok()) << text.status();
  return text.ok() ? *text : "";
}

ExtractOptions Jsonl(ExtractKind kind = ExtractKind::kEntries) {
  ExtractOptions o;
  o.format = ExtractFormat::kJsonLines;
  o.kind = kind;
  return o;
}

ExtractOptions Csv(ExtractKind kind) {
  ExtractOptions o;
  o.kind = kind;
  return o;
}

constexpr char kHeader[] =
    "proceedings_number,registered_at,unit_code,cc_article,article_part,catalogue_number\n";

TEST(ExtractReaderTest, ReadsTheSampleCsv) {
  std::ifstream in(std::string(kTestdata) + "entries.csv", std::ios::binary);
  ReadResult r = ReadAll(in, {});
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.entries.size(), 4u);
  EXPECT_EQ(r.rows, 4);
  EXPECT_EQ(r.fingerprint, FingerprintBytes(FileText("entries.csv")));

  const v1::RegisterEntry& murder = r.entries[0];
  EXPECT_EQ(murder.proceedings_number(), "12026100010000101");
  EXPECT_EQ(At(murder.registered_at()), Utc(2026, 3, 9, 8, 15));  // 10:15 Kyiv
  EXPECT_EQ(At(murder.reported_at()), Utc(2026, 3, 9, 7, 40));
  EXPECT_EQ(murder.unit_code(), "1001");
  EXPECT_EQ(murder.qualification().cc_article(), "115");
  EXPECT_EQ(murder.qualification().article_part(), "1");
  EXPECT_EQ(murder.place(), "м. Київ, вул. Січових Стрільців, 12");
  EXPECT_EQ(murder.catalogue_number(), "1");
  EXPECT_EQ(r.entries[1].summary(), "Напад на громадянку Л.; викрадено сумку \"Prada\" і телефон");
  EXPECT_EQ(r.entries[2].summary(), "Підпал автомобіля.\r\nПотерпілий: П., 1975 р.н.");
  EXPECT_FALSE(r.entries[2].has_reported_at());
  EXPECT_EQ(r.entries[2].catalogue_number(), "");
  EXPECT_EQ(At(r.entries[3].registered_at()), Utc(2026, 3, 9, 19, 40));
  EXPECT_EQ(r.entries[3].catalogue_number(), "3");  // written as code 0300
}

TEST(ExtractReaderTest, ReadsTheSampleJsonLinesAsTheCsvSaysIt) {
  std::ifstream csv_in(std::string(kTestdata) + "entries.csv", std::ios::binary);
  ReadResult csv = ReadAll(csv_in, {});
  std::ifstream in(std::string(kTestdata) + "entries.jsonl", std::ios::binary);
  ReadResult r = ReadAll(in, Jsonl());
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.entries.size(), 4u);
  EXPECT_EQ(r.rows, 4);  // the blank line is not a row
  EXPECT_EQ(r.fingerprint, FingerprintBytes(FileText("entries.jsonl")));
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(r.entries[i].proceedings_number(), csv.entries[i].proceedings_number());
    EXPECT_EQ(At(r.entries[i].registered_at()), At(csv.entries[i].registered_at()));
    EXPECT_EQ(r.entries[i].unit_code(), csv.entries[i].unit_code());
    EXPECT_EQ(r.entries[i].qualification().SerializeAsString(),
              csv.entries[i].qualification().SerializeAsString());
    EXPECT_EQ(r.entries[i].catalogue_number(), csv.entries[i].catalogue_number());
  }
  ASSERT_EQ(r.entries[0].suspects_size(), 1);
  EXPECT_EQ(r.entries[0].suspects(0).full_name(), "Коваленко Ігор Петрович");
  ASSERT_EQ(r.entries[2].results_size(), 1);
  EXPECT_EQ(r.entries[2].results(0).kind(), v1::RESULT_KIND_CLOSED);
}

TEST(ExtractReaderTest, ReadsTheSampleResultsAndSuspects) {
  std::ifstream results_in(std::string(kTestdata) + "results.csv", std::ios::binary);
  ReadResult results = ReadAll(results_in, Csv(ExtractKind::kResults));
  ASSERT_TRUE(results.status.ok()) << results.status;
  ASSERT_EQ(results.entries.size(), 2u);
  ASSERT_EQ(results.entries[0].results_size(), 1);
  EXPECT_EQ(results.entries[0].results(0).kind(), v1::RESULT_KIND_CLOSED);
  EXPECT_EQ(results.entries[0].results(0).grounds(), "КПК ст. 284 ч. 1 п. 2");
  EXPECT_EQ(results.entries[1].results(0).kind(), v1::RESULT_KIND_INDICTMENT);
  EXPECT_EQ(results.entries[1].results(0).decided_on(), "2026-05-04");

  std::ifstream suspects_in(std::string(kTestdata) + "suspects.csv", std::ios::binary);
  ReadResult suspects = ReadAll(suspects_in, Csv(ExtractKind::kSuspects));
  ASSERT_TRUE(suspects.status.ok()) << suspects.status;
  ASSERT_EQ(suspects.entries.size(), 2u);
  const v1::RegisterSuspect& s = suspects.entries[1].suspects(0);
  EXPECT_EQ(s.full_name(), "Мельник Олег");
  EXPECT_EQ(s.birth_date(), "1990");
  EXPECT_EQ(s.suspicion_qualification().cc_article(), "187");
  EXPECT_EQ(s.criminal_record(), "КК ст. 185 ч. 2, 2019");
}

TEST(ExtractReaderTest, NamesEveryBadRowAndColumnAndStillYieldsTheGoodRows) {
  ReadResult r = ReadText(std::string(kHeader) +
                          "12026100010000101,2026-03-09 10:15,1001,115,1,1\n"
                          "12026100010000102,2026-13-01,1001,187,2,\n"
                          "12026100010000103,2026-03-09 11:00,10A1,,,99\n"
                          "1202610001000010,2026-03-09 11:00,1001,115,1\n"
                          "12026100010000105,2026-03-09 12:00,1002,258-3,,2601\n");
  EXPECT_THAT(r.faults,
              ElementsAre("row 3, column registered_at: '2026-13-01' is not a date and time "
                          "(YYYY-MM-DD HH:MM[:SS] Kyiv time, or RFC 3339 with an offset)",
                          "row 4, column unit_code: '10A1' is not a unit code (1-10 digits)",
                          "row 4, column cc_article: must be set (e.g. 115 or 258-3)",
                          "row 4, column catalogue_number: '99' is not an item of the catalogue",
                          "row 5: expected 6 fields, got 5"));
  EXPECT_EQ(r.rows, 5);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[1].catalogue_number(), "26.1");
  EXPECT_EQ(r.status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status.message(), HasSubstr("register extract rejected, 5 violation(s): row 3, "
                                            "column registered_at: '2026-13-01' is not a date"));
  EXPECT_EQ(base::ViolationsFromStatus(r.status).size(), 5u);
}

TEST(ExtractReaderTest, LineBreaksInBadValuesDoNotSplitAViolation) {
  ReadResult r =
      ReadText(std::string(kHeader) + "\"1202610001\n0000101\",2026-03-09 10:15,1001,115,1,1\n");
  EXPECT_THAT(r.faults, ElementsAre("row 2, column proceedings_number: '1202610001\\n0000101' is "
                                    "not a 17-digit ЄРДР proceedings number"));
  EXPECT_EQ(base::ViolationsFromStatus(r.status).size(), 1u);
}

TEST(ExtractReaderTest, ValidateFirstThenApply) {
  const std::string text =
      std::string(kHeader) + "12026100010000101,2026-03-09 10:15,1001,115,1,1\n";
  std::istringstream first(text);
  absl::StatusOr<ExtractSummary> summary = ValidateExtract(first, Cat());
  ASSERT_TRUE(summary.ok()) << summary.status();
  EXPECT_EQ(summary->rows, 1);
  EXPECT_EQ(summary->fingerprint, FingerprintBytes(text));

  // The second pass reads the same bytes: the same fingerprint proves it.
  std::istringstream second(text);
  ExtractReader reader(second, Cat());
  v1::RegisterEntry e;
  int applied = 0;
  while (reader.Next(e)) ++applied;
  EXPECT_EQ(applied, 1);
  EXPECT_EQ(reader.fingerprint(), summary->fingerprint);

  std::istringstream bad(std::string(kHeader) + "x,2026-03-09 10:15,1001,115,1,1\n");
  absl::StatusOr<ExtractSummary> rejected = ValidateExtract(bad, Cat());
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(ExtractReaderTest, StatusBeforeTheEndIsAnError) {
  std::istringstream in(std::string(kHeader) + "12026100010000101,2026-03-09 10:15,1001,115,1,1\n");
  ExtractReader reader(in, Cat());
  v1::RegisterEntry e;
  ASSERT_TRUE(reader.Next(e));
  EXPECT_EQ(reader.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(reader.fingerprint(), "");
  EXPECT_FALSE(reader.Next(e));
  EXPECT_TRUE(reader.status().ok());
  EXPECT_FALSE(reader.Next(e));  // stays at the end
}

TEST(ExtractReaderTest, HeaderFaultsAreAllNamedAndNoRowIsRead) {
  ReadResult r = ReadText(
      "proceedings_number,registred_at,unit_code,unit_code,,cc_article\n"
      "12026100010000101,2026-03-09 10:15,1001,1001,,115\n");
  EXPECT_THAT(
      r.faults,
      ElementsAre(
          "row 1, column registred_at: unknown column for a entries extract (expected: "
          "proceedings_number, registered_at, unit_code, unit_name?, reported_at?, cc_article, "
          "article_part?, article_paragraph?, catalogue_number?, summary?, place?)",
          "row 1, column unit_code: column given twice", "row 1, column #5: empty column name",
          "row 1, column registered_at: missing column"));
  EXPECT_THAT(r.entries, IsEmpty());
  EXPECT_EQ(r.rows, 0);
}

TEST(ExtractReaderTest, ColumnsInAnyOrderOptionalOnesLeftOut) {
  ReadResult r = ReadText(
      "cc_article,unit_code,registered_at,proceedings_number\n"
      " 115 , 1001,2026-03-09T08:15:00Z,12026100010000101\n");
  ASSERT_TRUE(r.status.ok()) << r.status;
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].qualification().cc_article(), "115");  // cells are trimmed
  EXPECT_EQ(r.entries[0].unit_code(), "1001");
}

TEST(ExtractReaderTest, AnEmptyCsvHasNoHeader) {
  EXPECT_THAT(ReadText("").faults,
              ElementsAre("row 1: missing header row (the first row names the columns)"));
  // A header alone is a valid extract of nothing (a day without entries).
  ReadResult header_only = ReadText(kHeader);
  EXPECT_TRUE(header_only.status.ok()) << header_only.status;
  EXPECT_EQ(header_only.rows, 0);
}

TEST(ExtractReaderTest, AnUnclosedQuoteEndsReadingButTheFingerprintCoversEverything) {
  const std::string text = std::string(kHeader) +
                           "12026100010000101,2026-03-09 10:15,1001,115,1,1\n"
                           "12026100010000102,\"2026-03-09 10:15,1001,115,1,1\n"
                           "12026100010000103,2026-03-09 10:15,1001,115,1,1\n";
  ReadResult r = ReadText(text);
  EXPECT_THAT(r.faults,
              ElementsAre("row 3: a quoted field is not closed before the end of the file"));
  EXPECT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.fingerprint, FingerprintBytes(text));
}

TEST(ExtractReaderTest, BadUtf8AndBadResultKindAreNamedByColumn) {
  ReadResult r = ReadText(
      "proceedings_number,unit_code,result,result_on,grounds\n"
      "12026100010000101,1001,closure,2026-03-20,КПК ст. 284\n"
      "12026100010000102,1001,closed,2026-03-20,\xC3\x28\n"
      "12026100010000103,1001,closed,2026-03-20,\n",
      Csv(ExtractKind::kResults));
  EXPECT_THAT(
      r.faults,
      ElementsAre("row 2, column result: 'closure' is not a result (closed, indictment, "
                  "medical_measures_motion, educational_measures_motion, release_motion, "
                  "transferred_to_other_body, transferred_to_foreign_state)",
                  "row 3, column grounds: not valid UTF-8",
                  "row 4, column grounds: must state the legal grounds (КПК/КК articles) of this "
                  "decision"));
}

TEST(ExtractReaderTest, JsonLinesFaultsAreNamedByFieldPath) {
  ReadResult r = ReadText(
      "{\"proceedings_number\":\"12026100010000101\",\"registered_at\":\"2026-03-09T08:15:00Z\","
      "\"unit_code\":\"1001\",\"qualification\":{\"cc_article\":\"115\"}}\n"
      "{\"proceedings_number\":\"12026100010000102\",\"unit_code\":\"1001\",\"registred_at\":"
      "\"2026-03-09T08:15:00Z\"}\n"
      "{\"proceedings_number\":\"12026100010000103\",\"unit_code\":\"1001\"\n"
      "\r\n"
      "{\"proceedings_number\":\"12026100010000104\",\"registered_at\":\"2026-03-09T08:15:00Z\","
      "\"unit_code\":\"1001\",\"suspects\":[{\"full_name\":\"Х\"}]}\n",
      Jsonl());
  ASSERT_EQ(r.faults.size(), 5u) << ::testing::PrintToString(r.faults);
  // The JSON parser's own words follow the row; they name the unknown field.
  EXPECT_THAT(r.faults[0], HasSubstr("row 2: not a RegisterEntry JSON object: "));
  EXPECT_THAT(r.faults[0], HasSubstr("registred_at"));
  EXPECT_THAT(r.faults[1], HasSubstr("row 3: not a RegisterEntry JSON object: "));
  // The parser's multi-line message is folded: the status payload is one
  // violation per line.
  EXPECT_THAT(r.faults[1], ::testing::Not(HasSubstr("\n")));
  EXPECT_EQ(base::ViolationsFromStatus(r.status).size(), 5u);
  EXPECT_THAT(
      std::vector<std::string>(r.faults.begin() + 2, r.faults.end()),
      ElementsAre("row 5, field qualification.cc_article: must be set (e.g. 115 or 258-3)",
                  "row 5, field suspects[0].birth_date: must be set (YYYY-MM-DD, or YYYY "
                  "where only the year is known)",
                  "row 5, field suspects[0].suspicion_notice_on: must be set (YYYY-MM-DD)"));
  EXPECT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.rows, 4);
}

TEST(ExtractReaderTest, ViolationsAreCappedAndTheRestCounted) {
  std::string text = kHeader;
  for (int i = 0; i < 5; ++i) text += "x,2026-03-09 10:15,1001,115,1,1\n";
  ExtractOptions options;
  options.max_violations = 2;
  options.name = "extract 2026-03-09.csv";
  ReadResult r = ReadText(text, options);
  EXPECT_THAT(r.faults, ElementsAre("row 2, column proceedings_number: 'x' is not a 17-digit ЄРДР "
                                    "proceedings number",
                                    "row 3, column proceedings_number: 'x' is not a 17-digit ЄРДР "
                                    "proceedings number",
                                    "extract: 3 more fault(s) not listed"));
  EXPECT_THAT(r.status.message(), HasSubstr("extract 2026-03-09.csv rejected, 3 violation(s)"));
}

TEST(ExtractReaderTest, AnOverlongJsonLineIsSkippedAndReadingGoesOn) {
  ExtractOptions options = Jsonl();
  options.max_record_bytes = 200;
  const std::string good =
      "{\"proceedings_number\":\"12026100010000101\",\"registered_at\":\"2026-03-09T08:15:00Z\","
      "\"unit_code\":\"1001\",\"qualification\":{\"cc_article\":\"115\"}}\n";
  ReadResult r = ReadText("{\"summary\":\"" + std::string(300, 'x') + "\"}\n" + good, options);
  EXPECT_THAT(r.faults, ElementsAre("row 1: line is longer than 200 bytes"));
  EXPECT_EQ(r.entries.size(), 1u);
}

TEST(ExtractReaderTest, FormatFromFileName) {
  EXPECT_EQ(*FormatForPath("extract.CSV"), ExtractFormat::kCsv);
  EXPECT_EQ(*FormatForPath("/tmp/2026-03-09.jsonl"), ExtractFormat::kJsonLines);
  EXPECT_EQ(*FormatForPath("x.ndjson"), ExtractFormat::kJsonLines);
  EXPECT_EQ(FormatForPath("x.xlsx").status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::register_extract
