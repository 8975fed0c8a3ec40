#pragma once
// Shared fixtures of the routing_rules tests: fixed instants and accepted
// documents built from the sample reports.

#include <string>

#include "absl/time/time.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::routing_rules::testing {

// 2026-03-10 12:00 UTC (14:00 Kyiv, winter time).
inline const absl::Time kReceived = absl::FromUnixSeconds(1773144000);
// Intake accepts the filing 46 minutes after the first receipt.
inline const absl::Time kAccepted = kReceived + absl::Minutes(46);

inline v1::AcceptedDocument Accepted(const v1::SpecialReport& r,
                                     absl::Time accepted_at = kAccepted) {
  v1::AcceptedDocument doc;
  doc.set_id("r-1");
  doc.set_unit_code(r.unit_code());
  doc.set_registration_number(17);
  doc.set_outgoing_number(r.unit_code() + "/2026/17");
  *doc.mutable_accepted_at() = fixtures::ToProto(accepted_at);
  *doc.mutable_special_report() = r;
  doc.set_root_report_id(doc.id());
  return doc;
}

inline v1::AcceptedDocument Accepted(const v1::Supplement& s, absl::Time accepted_at) {
  v1::AcceptedDocument doc;
  doc.set_id("s-1");
  doc.set_unit_code(s.unit_code());
  doc.set_registration_number(18);
  doc.set_outgoing_number(s.unit_code() + "/2026/18");
  *doc.mutable_accepted_at() = fixtures::ToProto(accepted_at);
  *doc.mutable_supplement() = s;
  doc.set_root_report_id("r-1");
  return doc;
}

}  // namespace opsreport::routing_rules::testing
