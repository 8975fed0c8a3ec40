// Rules for a supplement (002 §9.3–9.4).
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "field_checks.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/coding_line/coding_line.h"
#include "opsreport/report_rules/report_validator.h"

namespace opsreport::report_rules {

using internal::CheckErdr;
using internal::CheckFact;
using internal::CheckOrder;
using internal::CheckShortText;
using internal::CheckTime;
using internal::Context;
using internal::Indexed;
using internal::NeedsDecisionGrounds;

namespace {

// The date an outgoing number is cited with: the Kyiv date of acceptance.
std::string KyivDate(const google::protobuf::Timestamp& ts) {
  absl::CivilDay day = absl::ToCivilDay(internal::ToTime(ts), calendar::KyivZone());
  return absl::StrFormat("%04d-%02d-%02d", day.year(), day.month(), day.day());
}

}  // namespace

base::Violations ReportValidator::ValidateSupplement(const v1::Supplement& s,
                                                     const v1::AcceptedDocument* original) const {
  base::Violations out;
  Context c{limits_, clock_->Now(), out};

  if (s.unit_code().empty()) {
    out.Add("supplement.unit_code", "must not be empty");
  } else if (org_->Find(s.unit_code()) == nullptr) {
    out.Add("supplement.unit_code", absl::StrCat("unknown unit code ", s.unit_code()));
  }

  // §9.3.1–9.3.3
  CheckShortText(c, "supplement.source", s.source(), true);
  CheckShortText(c, "supplement.telegram_number", s.telegram_number(), true);
  CheckTime(c, "supplement.received_for_transmission_at", s.has_received_for_transmission_at(),
            s.received_for_transmission_at(), true);
  if (s.addressees().empty()) out.Add("supplement.addressees", "must name at least one addressee");
  CheckAddressees(s.addressees(), s.copy_addressees(), s.unit_code(), "supplement", out);

  // §9.3.4, §9.4: the original by outgoing number and date.
  if (s.original_outgoing_number().empty()) {
    out.Add("supplement.original_outgoing_number", "must name the original report (§9.4)");
  } else if (original == nullptr) {
    out.Add("supplement.original_outgoing_number",
            absl::StrCat("no accepted report has outgoing number ", s.original_outgoing_number()));
  } else if (!original->has_special_report()) {
    out.Add("supplement.original_outgoing_number",
            absl::StrCat(s.original_outgoing_number(), " is a supplement, not a special report"));
  } else if (original->unit_code() != s.unit_code()) {
    out.Add("supplement.original_outgoing_number",
            absl::StrCat("report ", s.original_outgoing_number(), " belongs to unit ",
                         original->unit_code()));
  }
  if (s.original_date().empty()) {
    out.Add("supplement.original_date", "must give the date of the original report (§9.4)");
  } else if (original != nullptr && s.original_date() != KyivDate(original->accepted_at())) {
    out.Add(
        "supplement.original_date",
        absl::StrCat(s.original_date(), " is not the date of report ", s.original_outgoing_number(),
                     " (", KyivDate(original->accepted_at()), ")"));
  }
  CheckShortText(c, "supplement.eo_number", s.eo_number(), true);
  if (original != nullptr && !s.eo_number().empty() &&
      s.eo_number() != absl::StrCat(original->registration_number())) {
    out.Add("supplement.eo_number",
            absl::StrCat(s.eo_number(), " is not the registration number of report ",
                         s.original_outgoing_number(), " (", original->registration_number(), ")"));
  }

  // §9.3.5, §9.4
  CheckFact(c, "supplement.content", s.content(), true);
  CheckFact(c, "supplement.newly_established", s.newly_established(), true);
  CheckFact(c, "supplement.instruments_seized", s.instruments_seized(), true);
  if (s.has_erdr()) CheckErdr(c, "supplement.erdr", s.erdr());
  if (s.requalification()) {
    if (!s.has_new_coding_line()) {
      out.Add("supplement.new_coding_line", "a requalification gives the new coding line");
    } else {
      CheckCodingLine(s.new_coding_line(), "supplement.new_coding_line", nullptr, out);
      if (!s.new_coding_line().unit_code().empty() &&
          s.new_coding_line().unit_code() != s.unit_code()) {
        out.Add("supplement.new_coding_line.unit_code",
                absl::StrCat(s.new_coding_line().unit_code(), " differs from the filing unit ",
                             s.unit_code()));
      }
      // A new item inside the catalogue must agree with its article; an item
      // outside the catalogue is a lawful requalification out of it (§7.6.3).
      const v1::CatalogueItem* item = catalogue_->FindByCode(s.new_coding_line().catalogue_code());
      const std::string& article = s.new_coding_line().cc_article();
      if (item != nullptr && item->cc_articles_size() > 0 && !article.empty() &&
          !catalogue_->ArticleConsistent(*item, article)) {
        out.Add("supplement.new_coding_line.cc_article",
                absl::StrCat("КК article ", article, " is not consistent with catalogue item ",
                             item->number()));
      }
    }
    CheckFact(c, "supplement.requalification_explanation", s.requalification_explanation(), true);
    if (s.requalification_explanation().has_not_established()) {
      out.Add("supplement.requalification_explanation",
              "must carry the explanation of whoever caused the wrong first qualification (§9.4)");
    }
  } else {
    if (s.has_new_coding_line()) {
      out.Add("supplement.new_coding_line", "is only for a requalification supplement");
    }
    if (s.has_requalification_explanation()) {
      out.Add("supplement.requalification_explanation", "is only for a requalification supplement");
    }
  }
  // §2.6: a requalification or any 1-hour event is about a ЄРДР entry, whose
  // time starts the hour.
  if (!s.has_erdr()) {
    if (s.requalification()) {
      out.Add("supplement.erdr", "a requalification gives its ЄРДР entry (§2.6)");
    } else if (s.one_hour_trigger() != v1::ONE_HOUR_TRIGGER_UNSPECIFIED) {
      out.Add("supplement.erdr", "a 1-hour supplement (§2.6) gives the ЄРДР entry it reports");
    }
  }
  if (!v1::OneHourTrigger_IsValid(s.one_hour_trigger())) {
    out.Add("supplement.one_hour_trigger", "unknown value");
  }
  if (NeedsDecisionGrounds(s.one_hour_trigger()) && s.decision_grounds().empty()) {
    out.Add("supplement.decision_grounds",
            "must state the grounds with КПК/КК articles (§2.6, §3.6)");
  }
  if (s.decision_grounds_size() > static_cast<int>(limits_.max_repeated)) {
    out.Add("supplement.decision_grounds", "has too many entries");
  } else {
    for (int i = 0; i < s.decision_grounds_size(); ++i) {
      CheckShortText(c, Indexed("supplement", "decision_grounds", i), s.decision_grounds(i), true);
    }
  }
  if (s.registration_number() != 0) {
    out.Add("supplement.registration_number", "is assigned by intake; leave it unset");
  }
  if (!s.outgoing_number().empty()) {
    out.Add("supplement.outgoing_number", "is assigned by intake; leave it empty");
  }
  if (!s.original_report_id().empty()) {
    out.Add("supplement.original_report_id", "is assigned by intake; leave it empty");
  }

  // §9.3.6–9.3.10
  CheckSigning(s.prepared_by(), s.signature_number(), s.signed_by(), s.has_signed_by(),
               s.duty_officer(), s.unit_code(), "supplement", out);
  CheckOrder(c, "supplement.received_for_transmission_at", "signed_by.signed_at (sign first, §2.4)",
             s.signed_by().has_signed_at(), s.signed_by().signed_at(),
             s.has_received_for_transmission_at(), s.received_for_transmission_at());
  if (original != nullptr) {
    // Telegram times have minute resolution: compare with the acceptance minute.
    google::protobuf::Timestamp accepted_minute;
    accepted_minute.set_seconds(original->accepted_at().seconds() / 60 * 60);
    CheckOrder(c, "supplement.signed_by.signed_at", "the original report was accepted", true,
               accepted_minute, s.signed_by().has_signed_at(), s.signed_by().signed_at());
  }
  const v1::Transmission& tx = s.transmission();
  CheckTime(c, "supplement.transmission.transmitted_at", tx.has_transmitted_at(),
            tx.transmitted_at(), false);
  CheckShortText(c, "supplement.transmission.transmitted_by", tx.transmitted_by(), false);
  return out;
}

}  // namespace opsreport::report_rules
