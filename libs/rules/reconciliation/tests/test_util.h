#pragma once
// Hand-made register entries and report records for the reconciliation
// tests, and a one-line form of a discrepancy so expected sets read at a glance.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::reconciliation::testing {

// 2026-03-10 12:00 UTC (14:00 Kyiv).
inline const absl::Time kNow = absl::FromUnixSeconds(1773144000);

// Proceedings numbers: 17 digits ending in `n` zero-padded to 7 (so their
// byte order is their numeric order).
inline std::string Pn(int n) { return absl::StrCat("1202610001", absl::Dec(n, absl::kZeroPad7)); }

inline v1::RegisterEntry Entry(int n, std::string article, std::string part, std::string item = "",
                               absl::Time registered = kNow - absl::Hours(30),
                               std::string unit = "1001") {
  v1::RegisterEntry e;
  e.set_proceedings_number(Pn(n));
  *e.mutable_registered_at() = fixtures::ToProto(registered);
  e.set_unit_code(unit);
  e.mutable_qualification()->set_cc_article(article);
  e.mutable_qualification()->set_article_part(part);
  e.set_catalogue_number(item);
  return e;
}

// A report on proceedings `n` (0: no ЄРДР data yet).
inline v1::ReportRecord Report(std::string id, int n, std::string article, std::string part,
                               std::string item, absl::Time accepted = kNow - absl::Hours(72),
                               std::string unit = "1001") {
  v1::ReportRecord r;
  r.set_report_id(id);
  r.set_unit_code(unit);
  r.set_outgoing_number(absl::StrCat(unit, "/2026/", id));
  *r.mutable_accepted_at() = fixtures::ToProto(accepted);
  if (n != 0) r.set_proceedings_number(Pn(n));
  r.mutable_qualification()->set_cc_article(article);
  r.mutable_qualification()->set_article_part(part);
  r.set_catalogue_number(item);
  return r;
}

// "UNREPORTED_CRIME 1001 ...10002 report= out=" / "... differing=ARTICLE,PART".
inline std::string Line(const v1::Discrepancy& d) {
  std::string kind = v1::DiscrepancyKind_Name(d.kind()).substr(sizeof("DISCREPANCY_KIND_") - 1);
  std::vector<std::string> differing;
  for (int f : d.differing()) {
    differing.push_back(v1::QualificationField_Name(static_cast<v1::QualificationField>(f))
                            .substr(sizeof("QUALIFICATION_FIELD_") - 1));
  }
  std::string out = absl::StrCat(kind, " ", d.unit_code(), " ", d.proceedings_number(),
                                 " report=", d.report_id(), " out=", d.outgoing_number());
  if (!differing.empty()) absl::StrAppend(&out, " differing=", absl::StrJoin(differing, ","));
  return out;
}

inline std::vector<std::string> Lines(const std::vector<v1::Discrepancy>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(Line(d));
  return out;
}

}  // namespace opsreport::reconciliation::testing
