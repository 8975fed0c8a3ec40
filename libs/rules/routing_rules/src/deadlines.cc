#include "opsreport/routing_rules/deadlines.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "due_times.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/base/violations.h"
#include "opsreport/calendar/deadline_calculator.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::routing_rules {
namespace {

using base::ToTime;

bool HasRule(const v1::CatalogueItem& item, std::string_view rule) {
  return std::any_of(item.content_rules().begin(), item.content_rules().end(),
                     [&](const std::string& r) { return r == rule; });
}

// Ten days after a fire means the same Kyiv wall time ten calendar days on;
// duty units work every day, so a weekend end is kept as it is.
absl::Time CalendarDaysAfter(absl::Time start, int64_t days) {
  static const calendar::DeadlineCalculator* calc = new calendar::DeadlineCalculator(
      nullptr, calendar::KyivZone(), calendar::NonWorkingDayRule::kKeep);
  return calc->DueAt(start, calendar::Deadline{days, calendar::DeadlineUnit::kCalendarDays});
}

void CheckPositive(base::Violations& errors, std::string_view field, absl::Duration d) {
  if (d <= absl::ZeroDuration()) {
    errors.Add(field, absl::StrCat("must be positive, got ", absl::FormatDuration(d)));
  }
}

void AddSpecialReportDeadlines(const Route& route, const v1::CatalogueItem& item,
                               const v1::AcceptedDocument& doc, const DeadlinePolicy& policy,
                               std::vector<Deadline>& out, base::Violations& errors) {
  const v1::SpecialReport& r = doc.special_report();
  const std::string& origin = route.origin_unit;
  if (!r.catalogue_number().empty() && r.catalogue_number() != item.number()) {
    errors.Add("item", absl::StrCat("catalogue item ", item.number(), " is not the report's item ",
                                    r.catalogue_number()));
  }
  const bool received_known = r.has_statement_received_at();
  const v1::OneHourTrigger trigger = r.one_hour_trigger();
  if (trigger == v1::ONE_HOUR_TRIGGER_UNSPECIFIED) {
    if (!received_known) {
      errors.Add("special_report.statement_received_at",
                 "required: the catalogue deadline runs from the first receipt (002 §1.2)");
    } else if (item.deadline_minutes() < 0) {
      errors.Add("item.deadline_minutes",
                 absl::StrCat("catalogue item ", item.number(), " has a negative deadline"));
    } else {
      out.push_back({kCatalogueDeadline, origin, internal::CatalogueDue(r, item), 0, "002 §1.2"});
    }
  } else if (trigger == v1::ONE_HOUR_TRIGGER_FROM_PROSECUTOR) {
    // §2.7: the hour runs from the arrival of the prosecutor's proceedings,
    // whose ЄРДР entry may be far older.
    if (!received_known) {
      errors.Add("special_report.statement_received_at",
                 "required: the 1-hour rule for proceedings from the prosecutor runs from their "
                 "receipt (002 §2.7)");
    } else {
      out.push_back(
          {kOneHour, origin, ToTime(r.statement_received_at()) + policy.one_hour, 0, "002 §2.7"});
    }
  } else if (!r.erdr().has_entered_at()) {
    errors.Add("special_report.erdr.entered_at",
               absl::StrCat("required: the 1-hour rule (002 §2.6) for ",
                            v1::OneHourTrigger_Name(trigger), " runs from the ЄРДР entry"));
  } else {
    out.push_back(
        {kOneHour, origin, ToTime(r.erdr().entered_at()) + policy.one_hour, 0, "002 §2.6"});
  }

  if (HasRule(item, "8.3")) {
    const bool occurred_known =
        r.content().has_occurred_at() && !r.content().occurred_at_not_established();
    if (occurred_known) {
      out.push_back(
          {kFireSupplement, origin,
           CalendarDaysAfter(ToTime(r.content().occurred_at()), policy.fire_supplement_days), 0,
           "002 §8.3"});
    } else if (received_known) {
      out.push_back(
          {kFireSupplement, origin,
           CalendarDaysAfter(ToTime(r.statement_received_at()), policy.fire_supplement_days), 0,
           "002 §8.3"});
    } else {
      errors.Add("special_report.content.occurred_at",
                 "required (or statement_received_at): the fire supplement is due 10 days after "
                 "the event (002 §8.3)");
    }
  }

  if (r.ongoing()) {
    out.push_back(NextOngoingUpdate(origin, ToTime(doc.accepted_at()), policy));
  }
  if (r.erdr_not_established() && item.cc_articles_size() > 0 && doc.has_accepted_at()) {
    out.push_back({kErdrSupplement, origin, ToTime(doc.accepted_at()) + policy.erdr_supplement, 0,
                   "002 §9.3-9.4"});
  }
}

void AddSupplementDeadlines(const Route& route, const v1::AcceptedDocument& doc,
                            const DeadlinePolicy& policy, std::vector<Deadline>& out,
                            base::Violations& errors) {
  const v1::Supplement& s = doc.supplement();
  // §2.2: an ongoing event is updated every hour until a supplement marks it over.
  if (s.ongoing()) {
    out.push_back(NextOngoingUpdate(route.origin_unit, ToTime(doc.accepted_at()), policy));
  }
  // §2.6: a supplement reporting a ЄРДР event (including, last paragraph, a
  // requalification) is due within an hour of that entry.
  bool one_hour = s.requalification() || s.one_hour_trigger() != v1::ONE_HOUR_TRIGGER_UNSPECIFIED;
  if (!one_hour) return;
  if (!s.erdr().has_entered_at()) {
    errors.Add("supplement.erdr.entered_at",
               "required: the 1-hour rule (002 §2.6) runs from the ЄРДР entry the supplement "
               "reports");
    return;
  }
  out.push_back({kOneHour, route.origin_unit, ToTime(s.erdr().entered_at()) + policy.one_hour, 0,
                 "002 §2.6"});
}

void CheckPolicy(const DeadlinePolicy& policy, base::Violations& errors) {
  CheckPositive(errors, "policy.hop.receipt", policy.hop.receipt);
  CheckPositive(errors, "policy.hop.acknowledgement", policy.hop.acknowledgement);
  if (policy.hop.acknowledgement < policy.hop.receipt) {
    errors.Add("policy.hop.acknowledgement",
               absl::StrCat("must not be shorter than policy.hop.receipt (",
                            absl::FormatDuration(policy.hop.receipt),
                            "): a level acknowledges what it has received"));
  }
  CheckPositive(errors, "policy.one_hour", policy.one_hour);
  CheckPositive(errors, "policy.ongoing_update_interval", policy.ongoing_update_interval);
  CheckPositive(errors, "policy.erdr_supplement", policy.erdr_supplement);
  if (policy.fire_supplement_days < 1 ||
      policy.fire_supplement_days > calendar::Deadline::kMaxAmount) {
    errors.Add("policy.fire_supplement_days",
               absl::StrCat("must be 1..", calendar::Deadline::kMaxAmount, ", got ",
                            policy.fire_supplement_days));
  }
}

}  // namespace

absl::Status ValidatePolicy(const DeadlinePolicy& policy) {
  base::Violations errors;
  CheckPolicy(policy, errors);
  return errors.ToStatus("deadline policy");
}

absl::StatusOr<std::vector<Deadline>> DeadlinesFor(const Route& route,
                                                   const v1::CatalogueItem& item,
                                                   const v1::AcceptedDocument& doc,
                                                   const DeadlinePolicy& policy) {
  base::Violations errors;
  CheckPolicy(policy, errors);
  if (doc.unit_code() != route.origin_unit) {
    errors.Add(
        "document.unit_code",
        absl::StrCat("unit ", doc.unit_code(), " is not the route's origin ", route.origin_unit));
  }
  if (!doc.has_accepted_at()) {
    errors.Add("document.accepted_at", "required: the first hop is sent when it is accepted");
  }

  std::vector<Deadline> out;
  switch (doc.document_case()) {
    case v1::AcceptedDocument::kSpecialReport:
      AddSpecialReportDeadlines(route, item, doc, policy, out, errors);
      break;
    case v1::AcceptedDocument::kSupplement:
      AddSupplementDeadlines(route, doc, policy, out, errors);
      break;
    default:
      errors.Add("document", "carries neither a special report nor a supplement");
  }
  if (!route.chain.empty() && doc.has_accepted_at()) {
    for (Deadline& d : HopDeadlines(route.chain.front(), ToTime(doc.accepted_at()), policy.hop)) {
      out.push_back(std::move(d));
    }
  }
  if (!errors.empty()) return errors.ToStatus("deadlines");
  return out;
}

std::vector<Deadline> HopDeadlines(const Hop& hop, absl::Time sent_at, const HopPolicy& policy) {
  return {
      {kHopReceipt, hop.to_unit, sent_at + policy.receipt, hop.seq, "hop policy: receipt"},
      {kHopAcknowledgement, hop.to_unit, sent_at + policy.acknowledgement, hop.seq,
       "hop policy: acknowledgement"},
  };
}

Deadline NextOngoingUpdate(std::string_view origin_unit, absl::Time previous_update_at,
                           const DeadlinePolicy& policy) {
  return {kOngoingUpdate, std::string(origin_unit),
          previous_update_at + policy.ongoing_update_interval, 0, "002 §2.2"};
}

}  // namespace opsreport::routing_rules
