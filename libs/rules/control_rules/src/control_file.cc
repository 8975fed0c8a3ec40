#include "opsreport/control_rules/control_file.h"

#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/control_rules/removal.h"

namespace opsreport::control_rules {
namespace {

using base::ToProto;
using base::ToTime;

std::string KyivDate(const google::protobuf::Timestamp& ts) {
  return absl::FormatTime("%Y-%m-%d", ToTime(ts), calendar::KyivZone());
}

}  // namespace

bool OpensControlFile(const v1::CatalogueItem& item) { return item.cc_articles_size() > 0; }

absl::StatusOr<v1::ControlFile> OpenFile(const v1::InboxItem& ministry_item,
                                         const v1::CatalogueItem& item, absl::Time now) {
  const v1::AcceptedDocument& doc = ministry_item.hop().document();
  if (!doc.has_special_report()) {
    return absl::InvalidArgumentError("a control file opens on a special report");
  }
  if (!OpensControlFile(item)) {
    return absl::InvalidArgumentError(
        absl::StrCat("catalogue item ", item.number(), " is not a crime: no control file"));
  }
  v1::ControlFile file;
  file.set_id(doc.root_report_id());
  file.set_service_line(item.service_line());
  file.set_catalogue_number(item.number());
  file.set_region(ministry_item.hop().from_unit());
  file.set_outgoing_number(ministry_item.hop().sender_outgoing_number());
  file.set_origin_unit(doc.unit_code());
  file.set_origin_outgoing_number(doc.outgoing_number());
  const auto& what = doc.special_report().content().what();
  file.set_summary(what.has_text() ? what.text() : "");
  *file.mutable_opened_at() = ToProto(now);
  file.set_state(v1::CONTROL_STATE_OPEN);
  return file;
}

absl::StatusOr<v1::ControlFile> Remove(const v1::ControlFile& file, v1::Removal removal,
                                       const catalogue::Catalogue& catalogue) {
  if (file.state() == v1::CONTROL_STATE_REMOVED) {
    return absl::FailedPreconditionError(absl::StrCat("control file ", file.id(),
                                                      " was already removed from control on ",
                                                      GroundSection(file.removal().ground())));
  }
  if (file.state() == v1::CONTROL_STATE_IN_TRANSFER) {
    return absl::FailedPreconditionError(
        absl::StrCat("control file ", file.id(), " is in transfer to region ",
                     file.transfers().rbegin()->to_region(),
                     "; the receiving region confirms it first (§7.6.3)"));
  }
  RETURN_IF_ERROR(ValidateRemoval(removal, catalogue));
  v1::ControlFile out = file;
  out.set_state(v1::CONTROL_STATE_REMOVED);
  *out.mutable_removal() = std::move(removal);
  return out;
}

std::optional<v1::Removal> AutomaticRemoval(const v1::AcceptedDocument& doc,
                                            const catalogue::Catalogue& catalogue) {
  if (!doc.has_supplement() || !doc.supplement().requalification()) return std::nullopt;
  const v1::Supplement& s = doc.supplement();
  const std::string& article = s.new_coding_line().cc_article();
  if (article.empty() || ArticleInCatalogue(catalogue, article)) return std::nullopt;
  v1::Removal r;
  r.set_ground(v1::REMOVAL_GROUND_REQUALIFIED_OUTSIDE_CATALOGUE);
  r.set_decided_on(s.erdr().has_entered_at() ? KyivDate(s.erdr().entered_at())
                                             : KyivDate(doc.accepted_at()));
  r.mutable_document()->set_kind("доповнення до спецповідомлення (перекваліфікація)");
  r.mutable_document()->set_number(doc.outgoing_number());
  r.mutable_document()->set_date(KyivDate(doc.accepted_at()));
  r.set_decided_by(s.signed_by().officer().full_name());
  r.set_new_cc_article(article);
  r.set_automatic(true);
  r.set_supplement_id(doc.id());
  return r;
}

absl::StatusOr<v1::ControlFile> StartTransfer(
    const v1::ControlFile& file, const org::OrgDirectory& org, const std::string& by_unit,
    const std::string& by_officer, const std::string& to_region,
    const std::string& control_outgoing_number, absl::Time now) {
  if (by_unit != file.region()) {
    return absl::PermissionDeniedError(absl::StrCat(
        "only region ", file.region(), " whose case it is may pass it on, not ", by_unit));
  }
  if (file.state() != v1::CONTROL_STATE_OPEN) {
    return absl::FailedPreconditionError(
        absl::StrCat("control file ", file.id(), " is not open on control"));
  }
  base::Violations v;
  const v1::Unit* to = org.Find(to_region);
  if (to == nullptr) {
    v.Add("to_region", absl::StrCat("unknown unit '", to_region, "'"));
  } else if (to->kind() != v1::UNIT_KIND_REGIONAL_DIRECTORATE) {
    v.Add("to_region", absl::StrCat("unit ", to_region, " is not a regional directorate"));
  } else if (to_region == file.region()) {
    v.Add("to_region", "is the sending region itself");
  }
  if (control_outgoing_number != file.outgoing_number()) {
    v.Add("control_outgoing_number",
          absl::StrCat("the case is on Ministry control under ", file.outgoing_number(), ", not '",
                       control_outgoing_number, "' (§7.6.3)"));
  }
  RETURN_IF_ERROR(v.ToStatus("transfer"));
  v1::ControlFile out = file;
  v1::ControlTransfer* t = out.add_transfers();
  t->set_from_region(file.region());
  t->set_to_region(to_region);
  t->set_control_outgoing_number(control_outgoing_number);
  *t->mutable_requested_at() = ToProto(now);
  t->set_requested_by(by_officer);
  out.set_state(v1::CONTROL_STATE_IN_TRANSFER);
  return out;
}

absl::StatusOr<v1::ControlFile> ConfirmTransfer(const v1::ControlFile& file,
                                                const std::string& by_unit,
                                                const std::string& by_officer, absl::Time now) {
  if (file.state() != v1::CONTROL_STATE_IN_TRANSFER || file.transfers().empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("control file ", file.id(), " is not in transfer"));
  }
  const v1::ControlTransfer& pending = *file.transfers().rbegin();
  if (by_unit != pending.to_region()) {
    return absl::PermissionDeniedError(absl::StrCat("only the receiving region ",
                                                    pending.to_region(),
                                                    " confirms the transfer, not ", by_unit));
  }
  v1::ControlFile out = file;
  v1::ControlTransfer* t = out.mutable_transfers(out.transfers_size() - 1);
  *t->mutable_confirmed_at() = ToProto(now);
  t->set_confirmed_by(by_officer);
  out.set_region(pending.to_region());
  out.set_state(v1::CONTROL_STATE_OPEN);
  return out;
}

std::optional<absl::Time> TransferDue(const v1::ControlFile& file, absl::Duration allowed) {
  if (file.state() != v1::CONTROL_STATE_IN_TRANSFER || file.transfers().empty()) {
    return std::nullopt;
  }
  return ToTime(file.transfers().rbegin()->requested_at()) + allowed;
}

bool TransferOverdue(const v1::ControlFile& file, absl::Duration allowed, absl::Time now) {
  std::optional<absl::Time> due = TransferDue(file, allowed);
  return due.has_value() && now > *due;
}

}  // namespace opsreport::control_rules
