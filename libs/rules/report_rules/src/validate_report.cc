// Rules for a special report (002 §8, §9.1).
#include "absl/strings/str_cat.h"
#include "field_checks.h"
#include "opsreport/report_rules/report_validator.h"

namespace opsreport::report_rules {

using internal::CheckErdr;
using internal::CheckFact;
using internal::CheckLongText;
using internal::CheckOrder;
using internal::CheckPerson;
using internal::CheckShortText;
using internal::CheckTime;
using internal::Context;
using internal::Indexed;
using internal::NeedsDecisionGrounds;
using internal::Path;

namespace {

bool NeedsControlStartNote(v1::OneHourTrigger t) {
  return t == v1::ONE_HOUR_TRIGGER_FOUND_IN_OTHER_INVESTIGATION ||
         t == v1::ONE_HOUR_TRIGGER_REQUALIFIED_INTO_CATALOGUE ||
         t == v1::ONE_HOUR_TRIGGER_FROM_PROSECUTOR;
}

void CheckPersons(const Context& c, const google::protobuf::RepeatedPtrField<v1::Person>& persons,
                  const std::string& field, size_t max) {
  if (persons.size() > static_cast<int>(max)) {
    c.out.Add(Path("report", field),
              absl::StrCat("has ", persons.size(), " entries, at most ", max));
    return;
  }
  for (int i = 0; i < persons.size(); ++i) CheckPerson(c, Indexed("report", field, i), persons[i]);
}

}  // namespace

base::Violations ReportValidator::ValidateSpecialReport(const v1::SpecialReport& r) const {
  base::Violations out;
  Context c{limits_, clock_->Now(), out};

  // Who files: a known unit (the caller's unit is enforced at the service edge).
  if (r.unit_code().empty()) {
    out.Add("report.unit_code", "must not be empty");
  } else if (org_->Find(r.unit_code()) == nullptr) {
    out.Add("report.unit_code", absl::StrCat("unknown unit code ", r.unit_code()));
  }

  // Catalogue item: by number, agreeing with the coding line's 4-digit code.
  const v1::CatalogueItem* item = nullptr;
  if (!r.catalogue_number().empty()) {
    item = catalogue_->FindByNumber(r.catalogue_number());
    if (item == nullptr) {
      out.Add("report.catalogue_number",
              absl::StrCat("unknown catalogue item ", r.catalogue_number()));
    } else if (!r.coding_line().catalogue_code().empty() &&
               r.coding_line().catalogue_code() != item->code()) {
      out.Add("report.coding_line.catalogue_code",
              absl::StrCat(r.coding_line().catalogue_code(), " does not encode catalogue item ",
                           item->number(), " (", item->code(), ")"));
    }
  } else if (!r.coding_line().catalogue_code().empty()) {
    item = catalogue_->FindByCode(r.coding_line().catalogue_code());
    if (item == nullptr) {
      out.Add("report.coding_line.catalogue_code",
              absl::StrCat("unknown catalogue item code ", r.coding_line().catalogue_code()));
    }
  } else {
    out.Add("report.catalogue_number", "must name the catalogue item");
  }

  // Kind of event and its consistency with the item and the КК article.
  if (r.event_kind() == v1::EVENT_KIND_UNSPECIFIED || !v1::EventKind_IsValid(r.event_kind())) {
    out.Add("report.event_kind", "must be set (crime, emergency or other offence)");
  }
  if (item != nullptr) {
    bool crime_item = item->cc_articles_size() > 0;
    if (crime_item && r.event_kind() != v1::EVENT_KIND_CRIME &&
        r.event_kind() != v1::EVENT_KIND_UNSPECIFIED) {
      out.Add("report.event_kind", absl::StrCat("catalogue item ", item->number(),
                                                " is a crime; event_kind must be crime"));
    }
    const std::string& article = r.coding_line().cc_article();
    if (!article.empty()) {
      bool none = article == "0" || article == "-";
      if (crime_item && !catalogue_->ArticleConsistent(*item, article)) {
        out.Add("report.coding_line.cc_article",
                absl::StrCat("КК article ", article, " is not consistent with catalogue item ",
                             item->number(), " (", item->title(), ")"));
      } else if (!crime_item && !none && !catalogue_->ArticleConsistent(*item, article)) {
        out.Add("report.coding_line.cc_article",
                absl::StrCat("catalogue item ", item->number(),
                             " is not a crime; the article must be 0"));
      }
    }
  }

  // §9.1.1–9.1.5
  CheckShortText(c, "report.source", r.source(), true);
  CheckShortText(c, "report.telegram_number", r.telegram_number(), true);
  CheckTime(c, "report.received_for_transmission_at", r.has_received_for_transmission_at(),
            r.received_for_transmission_at(), true);
  if (r.addressees().empty()) out.Add("report.addressees", "must name at least one addressee");
  CheckAddressees(r.addressees(), r.copy_addressees(), r.unit_code(), "report", out);
  if (!r.has_coding_line()) {
    out.Add("report.coding_line", "must be set (§9.1.5)");
  } else {
    CheckCodingLine(r.coding_line(), "report.coding_line", &r, out);
  }

  // §9.1.6–9.1.12
  CheckTime(c, "report.statement_received_at", r.has_statement_received_at(),
            r.statement_received_at(), true);
  if (r.persons().empty() && item != nullptr && item->cc_articles_size() > 0) {
    out.Add("report.persons", "a crime report names its participants (§8.1.3, §9.1.7)");
  }
  CheckPersons(c, r.persons(), "persons", limits_.max_repeated);
  const v1::EventContent& content = r.content();
  CheckFact(c, "report.content.what", content.what(), true);
  CheckFact(c, "report.content.place", content.place(), true);
  CheckFact(c, "report.content.stolen", content.stolen(), true);
  CheckFact(c, "report.content.consequences", content.consequences(), true);
  CheckFact(c, "report.content.damage", content.damage(), true);
  CheckFact(c, "report.content.object", content.object(), false);
  if (content.has_occurred_at() && content.occurred_at_not_established()) {
    out.Add("report.content.occurred_at", "is both given and marked not established");
  } else if (!content.occurred_at_not_established()) {
    CheckTime(c, "report.content.occurred_at", content.has_occurred_at(), content.occurred_at(),
              true);
  }
  CheckFact(c, "report.measures", r.measures(), true);
  CheckPersons(c, r.detained_or_wanted(), "detained_or_wanted", limits_.max_repeated);
  CheckFact(c, "report.motives", r.motives(), !r.detained_or_wanted().empty());
  CheckFact(c, "report.seized_items", r.seized_items(), true);
  CheckFact(c, "report.investigative_actions", r.investigative_actions(), true);

  // §9.1.13: assigned here, never by the sender.
  if (r.registration_number() != 0) {
    out.Add("report.registration_number", "is assigned by intake; leave it unset");
  }
  if (!r.outgoing_number().empty()) {
    out.Add("report.outgoing_number", "is assigned by intake; leave it empty");
  }

  // §9.1.14: ЄРДР data, or an explicit statement that there is none yet.
  if (r.has_erdr() && r.erdr_not_established()) {
    out.Add("report.erdr", "is both given and marked not established");
  } else if (r.has_erdr()) {
    CheckErdr(c, "report.erdr", r.erdr());
    if (!r.erdr().cc_article().empty() && !r.coding_line().cc_article().empty() &&
        r.erdr().cc_article() != r.coding_line().cc_article()) {
      out.Add("report.erdr.cc_article",
              absl::StrCat(r.erdr().cc_article(), " differs from coding_line.cc_article ",
                           r.coding_line().cc_article()));
    }
  } else if (!r.erdr_not_established() && r.event_kind() == v1::EVENT_KIND_CRIME) {
    out.Add("report.erdr", "a crime report gives the ЄРДР data or states it is not yet entered");
  }
  // A 1-hour report is about a ЄРДР entry (§2.6–2.7): its time starts the hour.
  if (r.one_hour_trigger() != v1::ONE_HOUR_TRIGGER_UNSPECIFIED && !r.has_erdr()) {
    out.Add("report.erdr", "a 1-hour report (§2.6) gives the ЄРДР entry it reports");
  }

  // §9.1.15
  CheckTime(c, "report.higher_unit_report.reported_at", r.higher_unit_report().has_reported_at(),
            r.higher_unit_report().reported_at(), true);
  CheckShortText(c, "report.higher_unit_report.receiving_officer",
                 r.higher_unit_report().receiving_officer(), true);

  // §9.1.17–9.1.21
  CheckSigning(r.prepared_by(), r.signature_number(), r.signed_by(), r.has_signed_by(),
               r.duty_officer(), r.unit_code(), "report", out);
  const v1::Transmission& tx = r.transmission();
  CheckTime(c, "report.transmission.transmitted_at", tx.has_transmitted_at(), tx.transmitted_at(),
            false);
  CheckShortText(c, "report.transmission.transmitted_by", tx.transmitted_by(), false);
  CheckTime(c, "report.transmission.auto_reply.received_at", tx.auto_reply().has_received_at(),
            tx.auto_reply().received_at(), false);
  CheckShortText(c, "report.transmission.auto_reply.receiving_officer",
                 tx.auto_reply().receiving_officer(), false);

  // Times in the order events happen.
  CheckOrder(c, "report.statement_received_at", "content.occurred_at", content.has_occurred_at(),
             content.occurred_at(), r.has_statement_received_at(), r.statement_received_at());
  CheckOrder(c, "report.signed_by.signed_at", "statement_received_at",
             r.has_statement_received_at(), r.statement_received_at(),
             r.signed_by().has_signed_at(), r.signed_by().signed_at());
  CheckOrder(c, "report.received_for_transmission_at", "signed_by.signed_at (sign first, §2.4)",
             r.signed_by().has_signed_at(), r.signed_by().signed_at(),
             r.has_received_for_transmission_at(), r.received_for_transmission_at());
  CheckOrder(c, "report.higher_unit_report.reported_at", "statement_received_at",
             r.has_statement_received_at(), r.statement_received_at(),
             r.higher_unit_report().has_reported_at(), r.higher_unit_report().reported_at());
  CheckOrder(c, "report.transmission.transmitted_at", "received_for_transmission_at",
             r.has_received_for_transmission_at(), r.received_for_transmission_at(),
             tx.has_transmitted_at(), tx.transmitted_at());

  // §8: content rules of the item and of the circumstances.
  if (item != nullptr) CheckDetails(r, *item, out);
  if (!v1::OneHourTrigger_IsValid(r.one_hour_trigger())) {
    out.Add("report.one_hour_trigger", "unknown value");
  }
  CheckFact(c, "report.control_start_note", r.control_start_note(),
            NeedsControlStartNote(r.one_hour_trigger()));
  if (NeedsDecisionGrounds(r.one_hour_trigger()) && r.decision_grounds().empty()) {
    out.Add("report.decision_grounds", "must state the grounds with КПК/КК articles (§2.6, §3.6)");
  }
  for (int i = 0; i < r.decision_grounds_size(); ++i) {
    CheckShortText(c, Indexed("report", "decision_grounds", i), r.decision_grounds(i), true);
  }
  return out;
}

}  // namespace opsreport::report_rules
