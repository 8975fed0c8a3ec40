#include "opsreport/report_rules/report_validator.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "field_checks.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coding_line/coding_line.h"

namespace opsreport::report_rules {

using internal::CheckFact;
using internal::CheckLongText;
using internal::CheckOfficer;
using internal::CheckOrder;
using internal::CheckShortText;
using internal::CheckTime;
using internal::Context;
using internal::Indexed;
using internal::Path;

ReportValidator::ReportValidator(const catalogue::Catalogue* catalogue,
                                 const catalogue::ContentRules* rules, const org::OrgDirectory* org,
                                 const base::Clock* clock, Limits limits)
    : catalogue_(catalogue), rules_(rules), org_(org), clock_(clock), limits_(limits) {}

namespace {

// The second coding line repeats the receipt time in Kyiv local time (§9.1.5).
void CheckReceiptMatches(const v1::CodingLine& line, const google::protobuf::Timestamp& received,
                         absl::Time now, const std::string& path, base::Violations& out) {
  absl::TimeZone kyiv = calendar::KyivZone();
  absl::CivilSecond local = absl::ToCivilSecond(internal::ToTime(received), kyiv);
  std::string hhmm = absl::StrFormat("%02d.%02d", local.hour(), local.minute());
  auto mismatch = [&](const std::string& field, const std::string& have, int64_t want) {
    int64_t value = 0;
    if (!absl::SimpleAtoi(have, &value)) return;  // format faults are reported by coding_line
    if (value != want) {
      out.Add(Path(path, field), absl::StrCat(have, " does not match statement_received_at (", want,
                                              " in Kyiv time)"));
    }
  };
  if (!line.received_time().empty() && line.received_time() != hhmm) {
    out.Add(Path(path, "received_time"),
            absl::StrCat(line.received_time(), " does not match statement_received_at (", hhmm,
                         " Kyiv time)"));
  }
  mismatch("received_day", line.received_day(), local.day());
  mismatch("received_month", line.received_month(), local.month());
  mismatch("received_year", line.received_year(), local.year());

  int64_t d = 0, m = 0, y = 0;
  if (absl::SimpleAtoi(line.summary_day(), &d) && absl::SimpleAtoi(line.summary_month(), &m) &&
      absl::SimpleAtoi(line.summary_year(), &y)) {
    absl::CivilDay summary(y, m, d);
    if (summary.year() == y && summary.month() == m && summary.day() == d) {
      if (summary < absl::CivilDay(local)) {
        out.Add(Path(path, "summary_day"), "the summary day is before the day of receipt");
      } else if (summary > absl::ToCivilDay(now, kyiv) + 1) {
        out.Add(Path(path, "summary_day"), "the summary day is in the future");
      }
    }
  }
}

}  // namespace

void ReportValidator::CheckCodingLine(const v1::CodingLine& line, const std::string& path,
                                      const v1::SpecialReport* report,
                                      base::Violations& out) const {
  coding_line::Validate(line, path, out);
  if (report == nullptr) return;
  if (!line.unit_code().empty() && line.unit_code() != report->unit_code()) {
    out.Add(Path(path, "unit_code"),
            absl::StrCat(line.unit_code(), " differs from the filing unit ", report->unit_code()));
  }
  if (report->has_statement_received_at()) {
    CheckReceiptMatches(line, report->statement_received_at(), clock_->Now(), path, out);
  }
}

void ReportValidator::CheckAddressees(
    const google::protobuf::RepeatedPtrField<std::string>& addressees,
    const google::protobuf::RepeatedPtrField<std::string>& copies, const std::string& unit_code,
    const std::string& path, base::Violations& out) const {
  auto check_list = [&](const google::protobuf::RepeatedPtrField<std::string>& list,
                        const std::string& field) {
    if (list.size() > static_cast<int>(limits_.max_repeated)) {
      out.Add(Path(path, field),
              absl::StrCat("has ", list.size(), " entries, at most ", limits_.max_repeated));
      return;
    }
    for (int i = 0; i < list.size(); ++i) {
      if (list[i].empty()) {
        out.Add(Indexed(path, field, i), "must not be empty");
      } else if (org_->Find(list[i]) == nullptr) {
        out.Add(Indexed(path, field, i), absl::StrCat("unknown unit code ", list[i]));
      } else if (list[i] == unit_code) {
        out.Add(Indexed(path, field, i), "a unit does not address itself");
      }
      for (int j = 0; j < i; ++j) {
        if (list[j] == list[i]) out.Add(Indexed(path, field, i), "is listed twice");
      }
    }
  };
  check_list(addressees, "addressees");
  check_list(copies, "copy_addressees");
  const v1::Unit* unit = org_->Find(unit_code);
  if (unit == nullptr) return;
  // The next level up must be addressed (002 §2.4, §4.2, §5.2).
  if (!unit->parent_code().empty()) {
    bool found = false;
    for (const auto& a : addressees) found = found || a == unit->parent_code();
    if (!found) {
      out.Add(Path(path, "addressees"),
              absl::StrCat("must include the next level up, unit ", unit->parent_code()));
    }
  }
  if (!unit->copy_to_code().empty()) {
    bool found = false;
    for (const auto& a : copies) found = found || a == unit->copy_to_code();
    for (const auto& a : addressees) found = found || a == unit->copy_to_code();
    if (!found) {
      out.Add(Path(path, "copy_addressees"),
              absl::StrCat("must include unit ", unit->copy_to_code(), " (002 §4.2)"));
    }
  }
}

void ReportValidator::CheckSigning(const v1::Officer& prepared_by,
                                   const std::string& signature_number,
                                   const v1::Signature& signed_by, bool has_signed_by,
                                   const v1::Officer& duty_officer, const std::string& unit_code,
                                   const std::string& path, base::Violations& out) const {
  Context c{limits_, clock_->Now(), out};
  CheckOfficer(c, Path(path, "prepared_by"), prepared_by, true);
  CheckShortText(c, Path(path, "signature_number"), signature_number, true);
  std::string sig = Path(path, "signed_by");
  if (!has_signed_by) {
    out.Add(sig, "must be set: signed by the head or the person acting for him (§2.4)");
  } else {
    CheckOfficer(c, Path(sig, "officer"), signed_by.officer(), true);
    CheckTime(c, Path(sig, "signed_at"), signed_by.has_signed_at(), signed_by.signed_at(), true);
    if (signed_by.capacity() == v1::SIGNER_CAPACITY_UNSPECIFIED ||
        !v1::SignerCapacity_IsValid(signed_by.capacity())) {
      out.Add(Path(sig, "capacity"), "must be head or acting official");
    } else if (!signed_by.officer().full_name().empty() && org_->Find(unit_code) != nullptr) {
      absl::Status entitled =
          org_->CheckSigner(unit_code, signed_by.officer().full_name(), signed_by.capacity());
      if (!entitled.ok()) out.Add(Path(sig, "officer.full_name"), std::string(entitled.message()));
    }
  }
  CheckOfficer(c, Path(path, "duty_officer"), duty_officer, true);
}

void ReportValidator::CheckDetails(const v1::SpecialReport& report, const v1::CatalogueItem& item,
                                   base::Violations& out) const {
  Context c{limits_, clock_->Now(), out};
  std::set<std::string> applicable(item.content_rules().begin(), item.content_rules().end());
  // Some §8 rules apply by circumstance rather than by item: a detail of the
  // rule given, a foreign participant (§8.7), police personnel (§8.6).
  for (const auto& [key, fact] : report.details()) {
    const catalogue::ContentField* field = rules_->FindField(key);
    if (field == nullptr) {
      out.Add(absl::StrCat("report.details[", key, "]"), "unknown detail field");
    } else {
      applicable.insert(field->rule_id);
    }
  }
  for (const auto& p : report.persons()) {
    if (!p.citizenship().empty() && p.citizenship() != "Україна" && p.citizenship() != "UA" &&
        rules_->Fields("8.7") != nullptr) {
      applicable.insert("8.7");
    }
    if (!p.rank().empty() && rules_->Fields("8.6") != nullptr) applicable.insert("8.6");
  }
  for (const std::string& rule_id : applicable) {
    // E.g. §8.3: fire follow-up data belongs to the supplement due within 10 days.
    if (rules_->ForSupplement(rule_id)) continue;
    const auto* fields = rules_->Fields(rule_id);
    if (fields == nullptr) continue;
    for (const auto& field : *fields) {
      std::string path = absl::StrCat("report.details[", field.key, "]");
      auto it = report.details().find(field.key);
      if (it == report.details().end()) {
        out.Add(path, absl::StrCat("required by §", field.section, " (", field.title,
                                   "): give it or mark it not established"));
      } else {
        CheckFact(c, path, it->second, true);
      }
    }
  }
}

}  // namespace opsreport::report_rules
