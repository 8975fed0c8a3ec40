#include "opsreport/org/org_directory.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::org {
namespace {

using ::opsreport::v1::SIGNER_CAPACITY_ACTING;
using ::opsreport::v1::SIGNER_CAPACITY_HEAD;
using ::opsreport::v1::SIGNER_CAPACITY_UNSPECIFIED;
using ::opsreport::v1::Unit;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<std::string> Codes(const std::vector<const Unit*>& units) {
  std::vector<std::string> out;
  for (const Unit* u : units) out.push_back(u->code());
  return out;
}

const Official* WithRole(const OrgDirectory& dir, std::string_view unit, OfficialRole role) {
  for (const Official* o : dir.OfficialsOf(unit)) {
    if (o->role == role) return o;
  }
  return nullptr;
}

class OrgDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dir = OrgDirectory::LoadFiles("data/org_units.tsv", "data/officials.tsv");
    ASSERT_TRUE(dir.ok()) << dir.status();
    dir_ = new OrgDirectory(*std::move(dir));
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static OrgDirectory* dir_;
};
OrgDirectory* OrgDataTest::dir_ = nullptr;

TEST_F(OrgDataTest, SampleTreeHasTheRequiredShape) {
  const OrgDirectory& d = *dir_;
  EXPECT_EQ(d.ministry().code(), "0001");
  EXPECT_EQ(d.ministry().kind(), opsreport::v1::UNIT_KIND_MINISTRY);
  EXPECT_TRUE(d.ministry().parent_code().empty());
  std::map<opsreport::v1::UnitKind, int> kinds;
  for (const Unit& u : d.units()) ++kinds[u.kind()];
  EXPECT_EQ(kinds[opsreport::v1::UNIT_KIND_MINISTRY], 1);
  EXPECT_GE(kinds[opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT], 1);
  EXPECT_GE(kinds[opsreport::v1::UNIT_KIND_REGIONAL_DIRECTORATE], 4);
  EXPECT_GE(kinds[opsreport::v1::UNIT_KIND_HIGHER_EDUCATION], 1);
  EXPECT_EQ(kinds[opsreport::v1::UNIT_KIND_INTERNAL_TROOPS_HQ], 1);
  EXPECT_GE(kinds[opsreport::v1::UNIT_KIND_TERRITORIAL_COMMAND], 1);
  EXPECT_GE(kinds[opsreport::v1::UNIT_KIND_MILITARY_UNIT], 2);
  for (const char* region : {"1000", "1400", "2600"}) {
    EXPECT_GE(d.ChildrenOf(region).size(), 3u) << region;
  }
  const Unit* transport = d.Find("3500");
  ASSERT_NE(transport, nullptr);
  EXPECT_THAT(transport->name(), HasSubstr("залізниці"));
}

TEST_F(OrgDataTest, EveryUnitHasHeadDeputyAndDutyOfficer) {
  for (const Unit& u : dir_->units()) {
    std::set<OfficialRole> roles;
    for (const Official* o : dir_->OfficialsOf(u.code())) roles.insert(o->role);
    EXPECT_TRUE(roles.count(OfficialRole::kHead)) << u.code();
    EXPECT_TRUE(roles.count(OfficialRole::kFirstDeputy) || roles.count(OfficialRole::kDeputy))
        << u.code();
    EXPECT_TRUE(roles.count(OfficialRole::kDutyOfficer)) << u.code();
  }
}

TEST_F(OrgDataTest, AncestorsOfDistrictClimbToTheMinistry) {
  EXPECT_THAT(Codes(dir_->AncestorsOf("1001")), ElementsAre("1000", "0001"));
  EXPECT_THAT(Codes(dir_->AncestorsOf("0911")), ElementsAre("0910", "0900", "0001"));
  EXPECT_THAT(Codes(dir_->AncestorsOf("0050")), ElementsAre("0001"));
  EXPECT_TRUE(dir_->AncestorsOf("0001").empty());
  EXPECT_TRUE(dir_->AncestorsOf("9999").empty());
}

TEST_F(OrgDataTest, SpecialPathsOfInstitutionAndMilitaryUnits) {
  const Unit* institution = dir_->Find("0050");
  ASSERT_NE(institution, nullptr);
  EXPECT_EQ(institution->kind(), opsreport::v1::UNIT_KIND_HIGHER_EDUCATION);
  EXPECT_EQ(institution->parent_code(), "0001");
  EXPECT_EQ(institution->copy_to_code(), "0002");
  EXPECT_EQ(dir_->Find("0002")->kind(), opsreport::v1::UNIT_KIND_MINISTRY_DEPARTMENT);
  EXPECT_EQ(institution->inform_region_code(), "1400");
  EXPECT_EQ(institution->region_code(), "1400");

  const Unit* kharkiv_unit = dir_->Find("0911");
  const Unit* kyiv_unit = dir_->Find("0912");
  ASSERT_NE(kharkiv_unit, nullptr);
  ASSERT_NE(kyiv_unit, nullptr);
  EXPECT_EQ(kharkiv_unit->parent_code(), "0910");
  EXPECT_EQ(kharkiv_unit->inform_region_code(), "1400");
  EXPECT_EQ(kyiv_unit->inform_region_code(), "1000");
  EXPECT_EQ(dir_->Find("0910")->parent_code(), "0900");
  EXPECT_EQ(dir_->Find("0900")->parent_code(), "0001");
}

TEST_F(OrgDataTest, ChildrenAndSubtree) {
  EXPECT_THAT(Codes(dir_->ChildrenOf("1000")), ElementsAre("1001", "1002", "1003", "1004"));
  EXPECT_THAT(Codes(dir_->ChildrenOf("0910")), ElementsAre("0911", "0912"));
  EXPECT_TRUE(dir_->ChildrenOf("1001").empty());
  EXPECT_TRUE(dir_->ChildrenOf("9999").empty());

  EXPECT_TRUE(dir_->InSubtree("1000", "1000"));
  EXPECT_TRUE(dir_->InSubtree("1000", "1003"));
  EXPECT_TRUE(dir_->InSubtree("0001", "1003"));
  EXPECT_TRUE(dir_->InSubtree("0900", "0912"));
  EXPECT_FALSE(dir_->InSubtree("1000", "1401"));
  EXPECT_FALSE(dir_->InSubtree("1003", "1000"));
  EXPECT_FALSE(dir_->InSubtree("1001", "1002"));
  // A military unit informs the Kyiv directorate but is not under it.
  EXPECT_FALSE(dir_->InSubtree("1000", "0912"));
  EXPECT_FALSE(dir_->InSubtree("9999", "9999"));
  EXPECT_FALSE(dir_->InSubtree("0001", "9999"));
}

TEST_F(OrgDataTest, HeadSignsAsHeadDeputySignsAsActing) {
  const Official* head = WithRole(*dir_, "1001", OfficialRole::kHead);
  const Official* deputy = WithRole(*dir_, "1001", OfficialRole::kDeputy);
  const Official* first_deputy = WithRole(*dir_, "1002", OfficialRole::kFirstDeputy);
  ASSERT_NE(head, nullptr);
  ASSERT_NE(deputy, nullptr);
  ASSERT_NE(first_deputy, nullptr);
  EXPECT_TRUE(dir_->CheckSigner("1001", head->full_name, SIGNER_CAPACITY_HEAD).ok());
  EXPECT_TRUE(dir_->CheckSigner("1001", deputy->full_name, SIGNER_CAPACITY_ACTING).ok());
  EXPECT_TRUE(dir_->CheckSigner("1002", first_deputy->full_name, SIGNER_CAPACITY_ACTING).ok());
  // Stray whitespace in the typed name still matches.
  EXPECT_TRUE(dir_->CheckSigner("1001", "  " + head->full_name + " ", SIGNER_CAPACITY_HEAD).ok());
  EXPECT_TRUE(dir_->IsOfficial("1001", head->full_name));
  EXPECT_FALSE(dir_->IsOfficial("1002", head->full_name));
}

TEST_F(OrgDataTest, SignerRefusalsArePrecise) {
  const Official* head = WithRole(*dir_, "1001", OfficialRole::kHead);
  const Official* deputy = WithRole(*dir_, "1001", OfficialRole::kDeputy);
  const Official* duty = WithRole(*dir_, "1001", OfficialRole::kDutyOfficer);
  const Official* other_head = WithRole(*dir_, "1002", OfficialRole::kHead);
  ASSERT_TRUE(head && deputy && duty && other_head);

  absl::Status deputy_as_head = dir_->CheckSigner("1001", deputy->full_name, SIGNER_CAPACITY_HEAD);
  EXPECT_EQ(deputy_as_head.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(deputy_as_head.message(),
            deputy->full_name +
                " is deputy of unit 1001, not its head; a deputy signs only as "
                "SIGNER_CAPACITY_ACTING");

  absl::Status head_as_acting = dir_->CheckSigner("1001", head->full_name, SIGNER_CAPACITY_ACTING);
  EXPECT_EQ(head_as_acting.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(head_as_acting.message(), head->full_name +
                                          " is the head of unit 1001 and signs as "
                                          "SIGNER_CAPACITY_HEAD, not as acting");

  absl::Status duty_signs = dir_->CheckSigner("1001", duty->full_name, SIGNER_CAPACITY_ACTING);
  EXPECT_EQ(duty_signs.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(std::string(duty_signs.message()), HasSubstr("is a duty officer of unit 1001"));

  absl::Status unknown = dir_->CheckSigner("1001", "Невідомий Іван Іванович", SIGNER_CAPACITY_HEAD);
  EXPECT_EQ(unknown.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(unknown.message(), "Невідомий Іван Іванович is not an official of unit 1001");

  absl::Status other = dir_->CheckSigner("1001", other_head->full_name, SIGNER_CAPACITY_HEAD);
  EXPECT_EQ(other.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(other.message(),
            other_head->full_name + " is not an official of unit 1001 (head of unit 1002)");

  absl::Status bad_unit = dir_->CheckSigner("9999", head->full_name, SIGNER_CAPACITY_HEAD);
  EXPECT_EQ(bad_unit.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_unit.message(), "unknown unit \"9999\"");

  absl::Status no_capacity =
      dir_->CheckSigner("1001", head->full_name, SIGNER_CAPACITY_UNSPECIFIED);
  EXPECT_EQ(no_capacity.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(no_capacity.message()), HasSubstr("SIGNER_CAPACITY_UNSPECIFIED"));

  absl::Status no_name = dir_->CheckSigner("1001", "   ", SIGNER_CAPACITY_HEAD);
  EXPECT_EQ(no_name.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(no_name.message(), "signer name is empty");
}

TEST_F(OrgDataTest, OfficialsOfKeepFileOrder) {
  auto officials = dir_->OfficialsOf("0001");
  ASSERT_GE(officials.size(), 4u);
  EXPECT_EQ(officials[0]->role, OfficialRole::kHead);
  EXPECT_EQ(officials[0]->unit_code, "0001");
  EXPECT_FALSE(officials[0]->position.empty());
  EXPECT_TRUE(dir_->OfficialsOf("9999").empty());
}

TEST(OfficialRoleTest, Names) {
  EXPECT_EQ(OfficialRoleName(OfficialRole::kHead), "head");
  EXPECT_EQ(OfficialRoleName(OfficialRole::kFirstDeputy), "first_deputy");
  EXPECT_EQ(OfficialRoleName(OfficialRole::kDeputy), "deputy");
  EXPECT_EQ(OfficialRoleName(OfficialRole::kDutyOfficer), "duty_officer");
}

}  // namespace
}  // namespace opsreport::org
