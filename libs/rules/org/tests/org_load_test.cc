// Bad data files: every fault reported, in line order, as
// "file:line: column <name>: message".

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/base/violations.h"
#include "opsreport/org/org_directory.h"

namespace opsreport::org {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kUnitsHeader[] = "code\tkind\tname\tparent\tregion\tcopy_to\tinform_region\n";
constexpr char kOfficialsHeader[] = "unit_code\tfull_name\tposition\trole\n";

// A minimal valid tree; tests append faulty rows after it.
constexpr char kGoodUnits[] =
    "0001\tministry\tМВС\t-\t-\t-\t-\n"                           // 2
    "0002\tministry_department\tДКЗ\t0001\t-\t-\t-\n"             // 3
    "1000\tregional_directorate\tГУМВС Київ\t0001\t1000\t-\t-\n"  // 4
    "1001\tdistrict_unit\tШевченківське РУ\t1000\t1000\t-\t-\n"   // 5
    "0900\tinternal_troops_hq\tГУВВ\t0001\t-\t-\t-\n";            // 6

std::string HeadsFor(std::initializer_list<const char*> codes) {
  std::string out = kOfficialsHeader;
  int n = 0;
  for (const char* code : codes) {
    out += std::string(code) + "\tКерівник" + std::to_string(n++) +
           " Іван Петрович\tНачальник\thead\n";
  }
  return out;
}

std::vector<std::string> ErrorLines(const absl::Status& status) {
  std::vector<std::string> out;
  for (const auto& v : base::ViolationsFromStatus(status))
    out.push_back(v.field + ": " + v.message);
  return out;
}

std::vector<std::string> Errors(const std::string& units, const std::string& officials) {
  auto dir = OrgDirectory::Parse(units, "u.tsv", officials, "o.tsv");
  EXPECT_FALSE(dir.ok());
  if (dir.ok()) return {};
  EXPECT_EQ(dir.status().code(), absl::StatusCode::kInvalidArgument);
  return ErrorLines(dir.status());
}

TEST(OrgLoadTest, MinimalTreeLoads) {
  auto dir = OrgDirectory::Parse(std::string(kUnitsHeader) + kGoodUnits, "u.tsv",
                                 HeadsFor({"0001", "0002", "1000", "1001", "0900"}), "o.tsv");
  ASSERT_TRUE(dir.ok()) << dir.status();
  EXPECT_EQ(dir->units().size(), 5u);
  EXPECT_EQ(dir->ministry().code(), "0001");
}

TEST(OrgLoadTest, UnknownKindDuplicateCodeEmptyCellsAndColumnCount) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits +
                      "1002\tdistrict\tX\t1000\t1000\t-\t-\n"           // 7
                      "1001\tdistrict_unit\tДубль\t1000\t1000\t-\t-\n"  // 8
                      "10a3\tdistrict_unit\tX\t1000\t1000\t-\t-\n"      // 9
                      "1004\tdistrict_unit\t-\t1000\t1000\t-\t-\n"      // 10
                      "1005\tdistrict_unit\t\t1000\t1000\t-\t-\n"       // 11
                      "1006\tdistrict_unit\tX\t1000\n";                 // 12
  EXPECT_THAT(
      Errors(units, HeadsFor({"0001", "0002", "1000", "1001", "0900", "1002", "1004"})),
      ElementsAre("u.tsv:7: column kind: unknown kind \"district\": expected one of ministry, "
                  "ministry_department, regional_directorate, district_unit, higher_education, "
                  "internal_troops_hq, territorial_command, military_unit",
                  "u.tsv:8: column code: duplicate code 1001 (first on line 5)",
                  "u.tsv:9: column code: bad code \"10a3\": expected 1-10 digits",
                  "u.tsv:10: column name: must not be empty",
                  "u.tsv:11: column name: empty value; write - for none",
                  "u.tsv:12: expected 7 tab-separated columns, got 4"));
}

TEST(OrgLoadTest, UnknownParentAndKindParentConsistency) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits +
                      "1002\tdistrict_unit\tX\t9999\t1000\t-\t-\n"         // 7
                      "1003\tdistrict_unit\tX\t0001\t1000\t-\t-\n"         // 8
                      "1400\tregional_directorate\tX\t1000\t1400\t-\t-\n"  // 9
                      "0910\tterritorial_command\tТК\t0001\t-\t-\t-\n"     // 10
                      "0911\tmilitary_unit\tВЧ\t1000\t1000\t-\t1000\n"     // 11
                      "0912\tmilitary_unit\tВЧ\t0900\t1000\t-\t1000\n"     // 12 ok: under ГУВВ
                      "0003\tministry_department\tX\t-\t-\t-\t-\n";        // 13
  EXPECT_THAT(
      Errors(units, HeadsFor({"0001", "0002", "1000", "1001", "0900", "1002", "1003", "1400",
                              "0910", "0911", "0912", "0003"})),
      ElementsAre(
          "u.tsv:7: column parent: unknown unit 9999",
          "u.tsv:8: column parent: kind district_unit must report to a unit of kind "
          "regional_directorate, but 0001 is of kind ministry",
          "u.tsv:9: column parent: kind regional_directorate must report to a unit of kind "
          "ministry, but 1000 is of kind regional_directorate",
          "u.tsv:10: column parent: kind territorial_command must report to a unit of kind "
          "internal_troops_hq, but 0001 is of kind ministry",
          "u.tsv:11: column parent: kind military_unit must report to a unit of kind "
          "territorial_command or internal_troops_hq, but 1000 is of kind regional_directorate",
          "u.tsv:13: column parent: required for kind ministry_department"));
}

TEST(OrgLoadTest, ExactlyOneMinistryWithoutParent) {
  std::string two =
      std::string(kUnitsHeader) + kGoodUnits + "0005\tministry\tДруге МВС\t0001\t-\t-\t-\n";  // 7
  EXPECT_THAT(Errors(two, HeadsFor({"0001", "0002", "1000", "1001", "0900", "0005"})),
              ElementsAre("u.tsv:7: column kind: a second ministry (the ministry is 0001 on line "
                          "2)",
                          "u.tsv:7: column parent: the ministry has no parent; write -"));

  std::string none =
      std::string(kUnitsHeader) + "1000\tregional_directorate\tГУМВС\t-\t1000\t-\t-\n";
  EXPECT_THAT(Errors(none, HeadsFor({"1000"})),
              ElementsAre("u.tsv:2: column parent: required for kind regional_directorate",
                          "u.tsv: no unit of kind ministry"));
}

TEST(OrgLoadTest, CyclesAreReportedOnce) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits +
                      "0910\tterritorial_command\tТК\t0911\t-\t-\t-\n"   // 7
                      "0911\tmilitary_unit\tВЧ\t0910\t1000\t-\t1000\n"   // 8
                      "0913\tmilitary_unit\tВЧ\t0913\t1000\t-\t1000\n";  // 9
  EXPECT_THAT(
      Errors(units, HeadsFor({"0001", "0002", "1000", "1001", "0900", "0910", "0911", "0913"})),
      ElementsAre("u.tsv:7: column parent: kind territorial_command must report to a unit of "
                  "kind internal_troops_hq, but 0911 is of kind military_unit",
                  "u.tsv:7: column parent: cycle 0910 -> 0911 -> 0910",
                  "u.tsv:9: column parent: kind military_unit must report to a unit of kind "
                  "territorial_command or internal_troops_hq, but 0913 is of kind military_unit",
                  "u.tsv:9: column parent: cycle 0913 -> 0913"));
}

TEST(OrgLoadTest, RegionColumn) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits +
                      "1002\tdistrict_unit\tX\t1000\t-\t-\t-\n"            // 7 region required
                      "1003\tdistrict_unit\tX\t1000\t0001\t-\t-\n"         // 8 not a directorate
                      "1004\tdistrict_unit\tX\t1000\t7777\t-\t-\n"         // 9 unknown
                      "0003\tministry_department\tX\t0001\t1000\t-\t-\n"   // 10 must be -
                      "1400\tregional_directorate\tX\t0001\t1000\t-\t-\n"  // 11 not itself
                      "0910\tterritorial_command\tТК\t0900\t-\t-\t-\n";    // 12 ok: may be -
  EXPECT_THAT(
      Errors(units, HeadsFor({"0001", "0002", "1000", "1001", "0900", "1002", "1003", "1004",
                              "0003", "1400", "0910"})),
      ElementsAre(
          "u.tsv:7: column region: required for kind district_unit",
          "u.tsv:8: column region: 0001 is of kind ministry, not regional_directorate",
          "u.tsv:9: column region: unknown unit 7777",
          "u.tsv:10: column region: must be - for a ministry_department (it has no territory of "
          "its own)",
          "u.tsv:11: column region: a regional directorate's region is itself (1400)"));
}

TEST(OrgLoadTest, SpecialPathColumns) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits +
                      "0050\thigher_education\tУніверситет\t0001\t1000\t-\t-\n"  // 7 both required
                      "0051\thigher_education\tАкадемія\t0001\t1000\t1000\t0002\n"  // 8 wrong kinds
                      "0052\thigher_education\tІнститут\t0001\t1000\t8888\t8889\n"  // 9 unknown
                      "0911\tmilitary_unit\tВЧ\t0900\t1000\t-\t-\n"     // 10 inform required
                      "1002\tdistrict_unit\tX\t1000\t1000\t1002\t-\n";  // 11 copy to itself
  EXPECT_THAT(
      Errors(units, HeadsFor({"0001", "0002", "1000", "1001", "0900", "0050", "0051", "0052",
                              "0911", "1002"})),
      ElementsAre("u.tsv:7: column copy_to: required for kind higher_education: the Ministry HR "
                  "department (002 §4.2)",
                  "u.tsv:7: column inform_region: required for kind higher_education: the regional "
                  "directorate of its location (002 §4.2, §5.3)",
                  "u.tsv:8: column copy_to: a higher_education institution copies to a Ministry "
                  "department (002 §4.2), but 1000 is of kind regional_directorate",
                  "u.tsv:8: column inform_region: 0002 is of kind ministry_department, not "
                  "regional_directorate",
                  "u.tsv:9: column copy_to: unknown unit 8888",
                  "u.tsv:9: column inform_region: unknown unit 8889",
                  "u.tsv:10: column inform_region: required for kind military_unit: the regional "
                  "directorate of its location (002 §4.2, §5.3)",
                  "u.tsv:11: column copy_to: a unit cannot copy to itself"));
}

TEST(OrgLoadTest, OfficialsFaultsAndUnitsWithoutHead) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits;
  std::string officials =
      std::string("# officials\n") + kOfficialsHeader +
      "0001\tБондаренко Олександр Петрович\tМіністр\thead\n"        // 3
      "0002\tМельник Юрій Олексійович\tДиректор\thead\n"            // 4
      "1000\tОлійник Василь Андрійович\tНачальник\thead\n"          // 5
      "1000\tЛисенко Дмитро Олегович\tЗаступник\tboss\n"            // 6 unknown role
      "7777\tРуденко Олена Вікторівна\tЧерговий\tduty_officer\n"    // 7 unknown unit
      "1000\tОлійник  Василь Андрійович\tЧерговий\tduty_officer\n"  // 8 listed twice
      "1000\tМороз Богдан Іванович\tНачальник\thead\n"              // 9 second head
      "0001\tОдноімений\tЧерговий\tduty_officer\n"                  // 10 one word
      "0001\tКоваль Петро Іванович\t-\tdeputy\n"                    // 11 empty position
      "0900\tЗаїка Тарас Богданович\tКомандувач\n";                 // 12 column count
  EXPECT_THAT(
      Errors(units, officials),
      ElementsAre(
          "u.tsv:5: column code: unit 1001 has no head in o.tsv",
          "u.tsv:6: column code: unit 0900 has no head in o.tsv",
          "o.tsv:6: column role: unknown role \"boss\": expected head, first_deputy, deputy or "
          "duty_officer",
          "o.tsv:7: column unit_code: unknown unit 7777",
          "o.tsv:8: column full_name: Олійник Василь Андрійович is already listed for unit 1000 "
          "(line 5)",
          "o.tsv:9: column role: unit 1000 already has a head (line 5)",
          "o.tsv:10: column full_name: \"Одноімений\": expected surname, name and patronymic in "
          "full",
          "o.tsv:11: column position: must not be empty",
          "o.tsv:12: expected 4 tab-separated columns, got 3"));
}

TEST(OrgLoadTest, HeadRowWithAnotherFaultStillCountsAsHead) {
  std::string units = std::string(kUnitsHeader) + kGoodUnits;
  std::string officials =
      HeadsFor({"0001", "0002", "1000", "0900"}) + "1001\tОдноімений\tНачальник\thead\n";  // 6
  EXPECT_THAT(Errors(units, officials),
              ElementsAre("o.tsv:6: column full_name: \"Одноімений\": expected surname, name and "
                          "patronymic in full"));
}

TEST(OrgLoadTest, HeaderFaultsDoNotCascade) {
  // A units file that cannot be read does not turn every official into an
  // "unknown unit"; an unreadable officials file does not make every unit headless.
  EXPECT_THAT(Errors("code\tkind\tname\n0001\tministry\tМВС\n", HeadsFor({"0001"})),
              ElementsAre("u.tsv:1: column parent: missing header column",
                          "u.tsv:1: column region: missing header column",
                          "u.tsv:1: column copy_to: missing header column",
                          "u.tsv:1: column inform_region: missing header column"));
  EXPECT_THAT(Errors(std::string(kUnitsHeader) + kGoodUnits, "unit\tname\n"),
              ElementsAre("o.tsv:1: column unit: unknown header column (expected: unit_code, "
                          "full_name, position, role)",
                          "o.tsv:1: column name: unknown header column (expected: unit_code, "
                          "full_name, position, role)",
                          "o.tsv:1: column unit_code: missing header column",
                          "o.tsv:1: column full_name: missing header column",
                          "o.tsv:1: column position: missing header column",
                          "o.tsv:1: column role: missing header column"));
}

TEST(OrgLoadTest, EmptyOfficialsFileLeavesEveryUnitHeadless) {
  std::vector<std::string> errors =
      Errors(std::string(kUnitsHeader) + kGoodUnits, kOfficialsHeader);
  EXPECT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], "u.tsv:2: column code: unit 0001 has no head in o.tsv");
}

TEST(OrgLoadTest, MissingFilesAreNotFound) {
  EXPECT_EQ(OrgDirectory::LoadFiles("data/nope_units.tsv", "data/officials.tsv").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(OrgDirectory::LoadFiles("data/org_units.tsv", "data/nope.tsv").status().code(),
            absl::StatusCode::kNotFound);
}

TEST(OrgLoadTest, StatusMessageNamesBothFiles) {
  auto dir = OrgDirectory::Parse(std::string(kUnitsHeader) + kGoodUnits, "u.tsv", kOfficialsHeader,
                                 "o.tsv");
  ASSERT_FALSE(dir.ok());
  EXPECT_THAT(std::string(dir.status().message()),
              HasSubstr("organisation directory u.tsv + o.tsv rejected, 5 violation(s)"));
  EXPECT_THAT(ErrorLines(absl::OkStatus()), IsEmpty());
}

}  // namespace
}  // namespace opsreport::org
