#include "delivery_check.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/violations.h"
#include "opsreport/control_rules/control_file.h"
#include "opsreport/control_rules/removal.h"

namespace opsreport::control {
namespace {

void RequireUnit(base::Violations& v, std::string_view field, const std::string& code,
                 const org::OrgDirectory& org) {
  if (code.empty()) {
    v.Add(field, "required");
  } else if (org.Find(code) == nullptr) {
    v.Add(field, absl::StrCat("unknown unit '", code, "'"));
  }
}

}  // namespace

absl::Status CheckDelivery(const v1::InboxItem& item, const std::string& key,
                           const org::OrgDirectory& org, const catalogue::Catalogue& catalogue) {
  base::Violations v;
  const v1::Hop& hop = item.hop();
  const v1::AcceptedDocument& doc = hop.document();
  const std::string& ministry = org.ministry().code();
  if (hop.id().empty()) v.Add("hop.id", "required");
  // Only the chain reaching its last level is a delivery (routing announces
  // nothing else); a copy or notice to the Ministry opens no file.
  if (hop.kind() != v1::HOP_KIND_CHAIN) {
    v.Add("hop.kind",
          absl::StrCat("a delivery is a chain hop, not ", v1::HopKind_Name(hop.kind())));
  }
  if (hop.to_unit() != ministry) {
    v.Add("hop.to_unit", absl::StrCat("a delivery goes to the Ministry (", ministry, "), not '",
                                      hop.to_unit(), "'"));
  }
  if (item.unit_code() != ministry) {
    v.Add("unit_code", absl::StrCat("a delivery is an item of the Ministry's (", ministry,
                                    ") inbox, not of '", item.unit_code(), "'"));
  }
  RequireUnit(v, "hop.from_unit", hop.from_unit(), org);
  const std::string& root = doc.root_report_id();
  if (doc.id().empty()) v.Add("hop.document.id", "required");
  if (root.empty()) {
    v.Add("hop.document.root_report_id", "required");
  } else if (key != root) {
    // Deliveries of one report keep their order only under its key.
    v.Add("key",
          absl::StrCat("the record's key '", key, "' is not the root report id '", root, "'"));
  }
  RequireUnit(v, "hop.document.unit_code", doc.unit_code(), org);
  if (doc.has_special_report()) {
    if (doc.id() != root) {
      v.Add("hop.document.root_report_id",
            absl::StrCat("a special report is its own root: '", root, "' is not '", doc.id(), "'"));
    }
    const std::string& number = doc.special_report().catalogue_number();
    if (catalogue.FindByNumber(number) == nullptr) {
      v.Add("hop.document.special_report.catalogue_number",
            absl::StrCat("no catalogue item '", number, "'"));
    }
  } else if (doc.has_supplement()) {
    if (!root.empty() && doc.id() == root) {
      v.Add("hop.document.root_report_id", "a supplement's root is its report, not itself");
    }
    // The removal it brings is checked now: once held, nothing could refuse it.
    if (std::optional<v1::Removal> removal = control_rules::AutomaticRemoval(doc, catalogue)) {
      absl::Status lawful = control_rules::ValidateRemoval(*removal, catalogue);
      if (!lawful.ok()) v.Add("hop.document.supplement", std::string(lawful.message()));
    }
  } else {
    v.Add("hop.document", "neither a special report nor a supplement");
  }
  return v.ToStatus("delivery to the Ministry");
}

}  // namespace opsreport::control
