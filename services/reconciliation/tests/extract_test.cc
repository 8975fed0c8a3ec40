// Register extracts in: validated whole, applied once, merged per proceedings.
#include <filesystem>
#include <fstream>

#include "drop_dir.h"
#include "test_env.h"

namespace opsreport::reconciliation_service::testing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kHeader[] =
    "proceedings_number,registered_at,unit_code,unit_name,reported_at,cc_article,article_part,"
    "article_paragraph,summary,place,catalogue_number\n";

v1::ExtractHeader Header(v1::ExtractKind kind = v1::EXTRACT_KIND_ENTRIES,
                         v1::ExtractFormat format = v1::EXTRACT_FORMAT_CSV) {
  v1::ExtractHeader h;
  h.set_name("entries-test.csv");
  h.set_kind(kind);
  h.set_format(format);
  return h;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ExtractTest : public ServiceTest {
 protected:
  absl::StatusOr<v1::ExtractReceipt> Ingest(const std::string& text,
                                            v1::ExtractHeader header = Header()) {
    std::istringstream in(text);
    return service_->IngestExtract(in, header);
  }
  int64_t EntryKeys() {
    auto r = client_->Command({"KEYS", "recon:entry:*"});
    return r.ok() ? static_cast<int64_t>(r->elements.size()) : -1;
  }
};

TEST_F(ExtractTest, AMalformedExtractIsRefusedWholeNamingEveryRowAndColumn) {
  std::string text = std::string(kHeader) + Pn(1) +
                     ",2026-03-09 10:15,1001,РУ,2026-03-09 09:40,115,1,,Фабула,Київ,1\n" + Pn(2) +
                     ",2026-13-09 10:15,1001,РУ,2026-03-09 09:40,115,1,,Фабула,Київ,1\n" + Pn(3) +
                     ",2026-03-09 10:15,9999,РУ,2026-03-09 09:40,115,1,,Фабула,Київ,1\n";
  absl::Status s = Ingest(text).status();
  EXPECT_THAT(s, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(s.message(), HasSubstr("row 3, column registered_at"));
  EXPECT_THAT(s.message(), HasSubstr("row 4, column unit_code: unknown unit '9999'"));
  EXPECT_THAT(s.message(), Not(HasSubstr("row 2")));
  EXPECT_EQ(EntryKeys(), 0);  // the good row was not applied either
}

TEST_F(ExtractTest, AReSentExtractChangesNothing) {
  const std::string text = ReadFile("libs/rules/register_extract/testdata/entries.csv");
  ASSERT_OK_AND_ASSIGN(v1::ExtractReceipt first, Ingest(text));
  EXPECT_FALSE(first.already_applied());
  EXPECT_EQ(first.rows(), 4);
  ASSERT_OK_AND_ASSIGN(redis::Reply dump, client_->Command({"HGETALL", keys::Entry(Pn(101))}));
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(v1::ExtractReceipt second, Ingest(text));
  EXPECT_TRUE(second.already_applied());
  EXPECT_EQ(second.fingerprint(), first.fingerprint());
  EXPECT_EQ(base::ToTime(second.applied_at()), base::ToTime(first.applied_at()));
  ASSERT_OK_AND_ASSIGN(redis::Reply after, client_->Command({"HGETALL", keys::Entry(Pn(101))}));
  EXPECT_EQ(after, dump);
  EXPECT_EQ(EntryKeys(), 4);
}

TEST_F(ExtractTest, ResultsAndSuspectsJoinTheirEntryOnceEach) {
  ASSERT_OK(Ingest(ReadFile("libs/rules/register_extract/testdata/entries.csv")).status());
  const std::string results = ReadFile("libs/rules/register_extract/testdata/results.csv");
  const std::string suspects = ReadFile("libs/rules/register_extract/testdata/suspects.csv");
  ASSERT_OK(Ingest(results, Header(v1::EXTRACT_KIND_RESULTS)).status());
  ASSERT_OK(Ingest(suspects, Header(v1::EXTRACT_KIND_SUSPECTS)).status());
  // The same rows again in another file (a trailing blank line) add nothing.
  ASSERT_OK(Ingest(suspects + "\n", Header(v1::EXTRACT_KIND_SUSPECTS)).status());
  ASSERT_OK_AND_ASSIGN(std::vector<v1::RegisterEntry> got,
                       service_->records().GetEntries({Pn(101)}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].suspects_size(), 1);
  EXPECT_EQ(got[0].suspects(0).full_name(), "Коваленко Ігор Петрович");
  EXPECT_EQ(got[0].qualification().cc_article(), "115");  // the entry's own requisites kept
}

TEST_F(ExtractTest, JsonLinesExtractsAreTakenToo) {
  ASSERT_OK_AND_ASSIGN(v1::ExtractReceipt r,
                       Ingest(ReadFile("libs/rules/register_extract/testdata/entries.jsonl"),
                              Header(v1::EXTRACT_KIND_ENTRIES, v1::EXTRACT_FORMAT_JSON_LINES)));
  EXPECT_GT(r.rows(), 0);
  EXPECT_EQ(EntryKeys(), r.rows());
}

TEST_F(ExtractTest, AHeaderWithoutKindOrFormatIsRefused) {
  v1::ExtractHeader h;
  absl::Status s = ReconciliationService::ValidateHeader(h);
  EXPECT_THAT(s.message(), HasSubstr("header.kind"));
  EXPECT_THAT(s.message(), HasSubstr("header.format"));
  EXPECT_THAT(ReconciliationService::CheckUploader(As("1000")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_OK(ReconciliationService::CheckUploader(As("1000", auth::Role::kHqAnalyst)));
}

TEST_F(ExtractTest, DroppedFilesAreAppliedOrRefusedWithTheirErrors) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("recon-drop-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy_file("libs/rules/register_extract/testdata/entries.csv", dir / "entries-2026-03-09.csv");
  std::ofstream(dir / "entries-bad.csv") << kHeader << Pn(5) << ",yesterday,1001,РУ,,115,1,,,,1\n";
  std::ofstream(dir / "notes.csv") << "x\n";
  DropDirectory drop(service_.get(), dir.string(), absl::Seconds(1));
  ASSERT_OK_AND_ASSIGN(int handled, drop.ScanOnce());
  EXPECT_EQ(handled, 3);
  EXPECT_TRUE(fs::exists(dir / "done" / "entries-2026-03-09.csv"));
  EXPECT_TRUE(fs::exists(dir / "rejected" / "entries-bad.csv"));
  EXPECT_THAT(ReadFile((dir / "rejected" / "entries-bad.csv.errors").string()),
              HasSubstr("row 2, column registered_at"));
  EXPECT_THAT(ReadFile((dir / "rejected" / "notes.csv.errors").string()),
              HasSubstr("<entries|results|suspects>"));
  EXPECT_EQ(EntryKeys(), 4);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace opsreport::reconciliation_service::testing
