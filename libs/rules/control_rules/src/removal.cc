#include "opsreport/control_rules/removal.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/strings.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/date.h"

namespace opsreport::control_rules {
namespace {

using v1::RemovalGround;

bool IsDate(const std::string& text) { return calendar::ParseDate(text).has_value(); }

void RequireDate(base::Violations& v, const std::string& field, const std::string& value) {
  if (value.empty()) {
    v.Add(field, "required (YYYY-MM-DD)");
  } else if (!IsDate(value)) {
    v.Add(field, absl::StrCat("'", value, "' is not a date in the form YYYY-MM-DD"));
  }
}

void RequireText(base::Violations& v, const std::string& field, const std::string& value,
                 std::string_view why) {
  if (base::Trim(value).empty()) v.Add(field, absl::StrCat("required: ", std::string(why)));
}

constexpr char kClosedList[] =
    "the lawful grounds are §7.6.1 offender detained and entered in ЄРДР; §7.6.2 motion for "
    "compulsory medical measures, closure under КПК art. 284 part 1 items 1-8, transfer to a "
    "foreign state; §7.6.3 requalification outside the catalogue, transfer to another "
    "investigation body (a transfer to another region moves the file instead)";

}  // namespace

std::string GroundSection(RemovalGround ground) {
  switch (ground) {
    case v1::REMOVAL_GROUND_OFFENDER_DETAINED:
      return "002 §7.6.1";
    case v1::REMOVAL_GROUND_MEDICAL_MEASURES_MOTION:
      return "002 §7.6.2, КПК art. 292 part 2, art. 511 part 1";
    case v1::REMOVAL_GROUND_TRANSFERRED_TO_FOREIGN_STATE:
      return "002 §7.6.2, transfer of proceedings to a foreign state";
    case v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE:
      return "002 §7.6.3, requalification outside the catalogue";
    case v1::REMOVAL_GROUND_TRANSFERRED_TO_OTHER_BODY:
      return "002 §7.6.3, КПК art. 36 part 5, art. 214 part 7, art. 216, art. 218";
    default:
      break;
  }
  if (ground >= v1::REMOVAL_GROUND_CLOSED_NO_EVENT &&
      ground <= v1::REMOVAL_GROUND_CLOSED_NO_EXTRADITION_CONSENT) {
    return absl::StrCat("002 §7.6.2, КПК art. 284 part 1 item ",
                        ground - v1::REMOVAL_GROUND_CLOSED_NO_EVENT + 1);
  }
  return "";
}

bool ArticleInCatalogue(const catalogue::Catalogue& catalogue, std::string_view cc_article) {
  for (const v1::CatalogueItem& item : catalogue.items()) {
    if (catalogue.ArticleConsistent(item, cc_article)) return true;
  }
  return false;
}

absl::Status ValidateRemoval(const v1::Removal& r, const catalogue::Catalogue& catalogue) {
  base::Violations v;
  if (GroundSection(r.ground()).empty()) {
    v.Add("removal.ground",
          absl::StrCat("not a lawful ground for removal from control: ", kClosedList));
  }
  RequireDate(v, "removal.decided_on", r.decided_on());
  RequireText(v, "removal.document.kind", r.document().kind(), "the document that proves it");
  RequireText(v, "removal.document.number", r.document().number(), "the document's number");
  RequireDate(v, "removal.document.date", r.document().date());
  RequireText(v, "removal.decided_by", r.decided_by(), "who took the decision");
  switch (r.ground()) {
    case v1::REMOVAL_GROUND_OFFENDER_DETAINED:
      RequireText(v, "removal.suspect_full_name", r.suspect_full_name(),
                  "the person identified and detained (§7.6.1)");
      RequireDate(v, "removal.erdr_entered_on", r.erdr_entered_on());
      break;
    case v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE:
      if (base::Trim(r.new_cc_article()).empty()) {
        v.Add("removal.new_cc_article", "required: the КК article of the new qualification");
      } else if (ArticleInCatalogue(catalogue, r.new_cc_article())) {
        v.Add("removal.new_cc_article",
              absl::StrCat("article ", r.new_cc_article(),
                           " is in the catalogue: the crime stays on control (§7.6.3)"));
      }
      break;
    case v1::REMOVAL_GROUND_TRANSFERRED_TO_OTHER_BODY:
      RequireText(v, "removal.receiving_body", r.receiving_body(),
                  "the investigation body the proceedings went to");
      break;
    case v1::REMOVAL_GROUND_TRANSFERRED_TO_FOREIGN_STATE:
      RequireText(v, "removal.foreign_state", r.foreign_state(), "the state that took them");
      break;
    default:
      break;
  }
  return v.ToStatus("removal from control");
}

}  // namespace opsreport::control_rules
