#include "run_progress.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "document.h"
#include "keys.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::reconciliation_service {
namespace {

std::string KindName(v1::DiscrepancyKind kind) {
  switch (kind) {
    case v1::DISCREPANCY_KIND_UNREPORTED_CRIME:
      return "unreported";
    case v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY:
      return "no_entry";
    case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH:
      return "mismatch";
    default:
      return "unknown";
  }
}

}  // namespace

v1::StatisticsRow ToProto(const reconciliation::StatisticsRow& row,
                          const catalogue::Catalogue& catalogue) {
  v1::StatisticsRow out;
  out.set_catalogue_number(row.item_number);
  if (const v1::CatalogueItem* item = catalogue.FindByNumber(row.item_number)) {
    out.set_title(item->title());
  }
  out.set_received(row.received);
  out.set_registered(row.registered);
  out.set_matched(row.matched);
  out.set_found(row.found);
  out.set_mismatched(row.mismatched);
  out.set_without_entry(row.without_entry);
  return out;
}

reconciliation::StatisticsRow FromProto(const v1::StatisticsRow& row) {
  reconciliation::StatisticsRow out;
  out.item_number = row.catalogue_number();
  out.received = row.received();
  out.registered = row.registered();
  out.matched = row.matched();
  out.found = row.found();
  out.mismatched = row.mismatched();
  out.without_entry = row.without_entry();
  return out;
}

std::string DiscrepancyKey(const v1::Discrepancy& d) {
  return absl::StrCat(d.proceedings_number(), std::string(1, keys::kSep), d.report_id(),
                      std::string(1, keys::kSep), static_cast<int>(d.kind()));
}

std::string RequestId(const v1::Discrepancy& d, v1::ReconciliationRequestKind kind) {
  const bool unreported = d.kind() == v1::DISCREPANCY_KIND_UNREPORTED_CRIME;
  return absl::StrCat(
      kind == v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND ? "demand" : "info", ":",
      d.unit_code(), ":", KindName(d.kind()), ":",
      unreported ? d.proceedings_number() : d.report_id());
}

std::string RequestText(const v1::Discrepancy& d, v1::ReconciliationRequestKind kind) {
  switch (d.kind()) {
    case v1::DISCREPANCY_KIND_UNREPORTED_CRIME:
      return absl::StrCat(
          kind == v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND
              ? "Подати спецповідомлення (002 §7.8.2): "
              : "Надати відсутню інформацію (002 §3.7): ",
          "кримінальне провадження ", d.proceedings_number(), " від ",
          calendar::FormatKyiv(base::ToTime(d.registered_at())), ", ",
          QualificationText(d.register_qualification()),
          d.register_catalogue_number().empty() ? "" : ", п. " + d.register_catalogue_number(),
          ", внесене до ЄРДР, не надходило спецповідомленням.");
    case v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY:
      return absl::StrCat("Надати дані ЄРДР (002 §3.7): спецповідомлення вих. № ",
                          d.outgoing_number(),
                          d.proceedings_number().empty()
                              ? " не містить номера кримінального провадження"
                              : ": провадження " + d.proceedings_number() + " відсутнє в ЄРДР",
                          ".");
    case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH: {
      std::vector<std::string> fields;
      for (int f : d.differing()) {
        fields.push_back(f == v1::QUALIFICATION_FIELD_ARTICLE ? "стаття"
                         : f == v1::QUALIFICATION_FIELD_PART  ? "частина"
                                                              : "пункт Переліку");
      }
      return absl::StrCat("Уточнити кваліфікацію (002 §3.7): спецповідомлення вих. № ",
                          d.outgoing_number(), " — ", QualificationText(d.report_qualification()),
                          ", у ЄРДР ", d.proceedings_number(), " — ",
                          QualificationText(d.register_qualification()),
                          " (розбіжність: ", absl::StrJoin(fields, ", "), ").");
    }
    default:
      return "";
  }
}

}  // namespace opsreport::reconciliation_service
