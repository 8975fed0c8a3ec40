#pragma once
// The intake rules of 002 §8 and §9 as a plain class: it takes a special
// report or supplement and names every violation by field path. No I/O; "now"
// comes from an injected clock.

#include <cstddef>

#include "absl/time/time.h"
#include "opsreport/base/clock.h"
#include "opsreport/base/violations.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::report_rules {

// Sizes beyond which a field is refused as oversized.
struct Limits {
  size_t max_short_text = 300;   // names, numbers, codes
  size_t max_long_text = 20000;  // narrative fields
  size_t max_repeated = 100;     // persons, addressees, grounds
  // Clock skew tolerated before a time counts as "in the future".
  absl::Duration future_skew = absl::Minutes(2);
};

class ReportValidator {
 public:
  ReportValidator(const catalogue::Catalogue* catalogue, const catalogue::ContentRules* rules,
                  const org::OrgDirectory* org, const base::Clock* clock, Limits limits = {});

  // Every violation of a special report, field paths rooted at "report".
  base::Violations ValidateSpecialReport(const v1::SpecialReport& report) const;

  // Every violation of a supplement, rooted at "supplement". `original` is the
  // accepted report it names by outgoing number, or nullptr when none exists.
  base::Violations ValidateSupplement(const v1::Supplement& supplement,
                                      const v1::AcceptedDocument* original) const;

  const Limits& limits() const { return limits_; }

 private:
  void CheckCodingLine(const v1::CodingLine& line, const std::string& path,
                       const v1::SpecialReport* report, base::Violations& out) const;
  void CheckAddressees(const google::protobuf::RepeatedPtrField<std::string>& addressees,
                       const google::protobuf::RepeatedPtrField<std::string>& copies,
                       const std::string& unit_code, const std::string& path,
                       base::Violations& out) const;
  void CheckSigning(const v1::Officer& prepared_by, const std::string& signature_number,
                    const v1::Signature& signed_by, bool has_signed_by,
                    const v1::Officer& duty_officer, const std::string& unit_code,
                    const std::string& path, base::Violations& out) const;
  void CheckDetails(const v1::SpecialReport& report, const v1::CatalogueItem& item,
                    base::Violations& out) const;

  const catalogue::Catalogue* catalogue_;
  const catalogue::ContentRules* rules_;
  const org::OrgDirectory* org_;
  const base::Clock* clock_;
  Limits limits_;
};

}  // namespace opsreport::report_rules
