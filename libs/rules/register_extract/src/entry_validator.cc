// The field checks of a register entry. Paths follow RegisterEntry so the
// JSON Lines reader can name them as they are; the CSV reader maps them to
// its columns.
#include "opsreport/register_extract/entry_validator.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "opsreport/base/strings.h"
#include "opsreport/calendar/date.h"
#include "text_checks.h"

namespace opsreport::register_extract {
namespace {

using internal::AllDigits;
using internal::Quote;

// ЄРДР proceedings numbers are 17 digits (as report_rules checks them in reports).
constexpr size_t kProceedingsDigits = 17;
// The longest код ОВС the org tree accepts (libs/rules/org).
constexpr size_t kMaxUnitCodeDigits = 10;

std::string Path(std::string_view prefix, std::string_view field) {
  return absl::StrCat(absl::string_view(prefix.data(), prefix.size()),
                      absl::string_view(field.data(), field.size()));
}

bool Blank(std::string_view s) { return base::Trim(s).empty(); }

void CheckDate(std::string_view path, const std::string& value, bool required,
               base::Violations& out) {
  if (value.empty()) {
    if (required) out.Add(path, "must be set (YYYY-MM-DD)");
  } else if (!calendar::ParseDate(value).has_value()) {
    out.Add(path, absl::StrCat(Quote(value), " is not a date (YYYY-MM-DD)"));
  }
}

void CheckQualification(std::string_view prefix, const v1::RegisterQualification& q,
                        bool article_required, base::Violations& out) {
  if (q.cc_article().empty()) {
    if (article_required) out.Add(Path(prefix, "cc_article"), "must be set (e.g. 115 or 258-3)");
  } else if (!internal::IsArticle(q.cc_article())) {
    out.Add(Path(prefix, "cc_article"),
            absl::StrCat(Quote(q.cc_article()), " is not a КК article (e.g. 115 or 258-3)"));
  }
  auto check_digits = [&](std::string_view field, const std::string& value) {
    if (!value.empty() && (!AllDigits(value) || value.size() > 2)) {
      out.Add(Path(prefix, field), absl::StrCat(Quote(value), " is not 1-2 digits"));
    }
  };
  check_digits("article_part", q.article_part());
  check_digits("article_paragraph", q.article_paragraph());
}

// Closures, release motions and transfers must state their grounds (002 §2.6, §3.6).
bool NeedsGrounds(v1::ResultKind kind) {
  return kind == v1::RESULT_KIND_CLOSED || kind == v1::RESULT_KIND_RELEASE_MOTION ||
         kind == v1::RESULT_KIND_TRANSFERRED_TO_OTHER_BODY ||
         kind == v1::RESULT_KIND_TRANSFERRED_TO_FOREIGN_STATE;
}

void CheckResult(const std::string& prefix, const v1::RegisterResult& r, base::Violations& out) {
  if (r.kind() == v1::RESULT_KIND_UNSPECIFIED) {
    out.Add(Path(prefix, "kind"), absl::StrCat("must be set (", internal::ResultKindNames(), ")"));
  }
  CheckDate(Path(prefix, "decided_on"), r.decided_on(), true, out);
  if (NeedsGrounds(r.kind()) && Blank(r.grounds())) {
    out.Add(Path(prefix, "grounds"),
            "must state the legal grounds (КПК/КК articles) of this decision");
  }
}

bool IsBirthDate(const std::string& s) {
  // Only the year may be known (as in reports, 002 §8.1.3).
  return (s.size() == 4 && AllDigits(s)) || calendar::ParseDate(s).has_value();
}

void CheckSuspect(const std::string& prefix, const v1::RegisterSuspect& s, base::Violations& out) {
  if (Blank(s.full_name())) {
    out.Add(Path(prefix, "full_name"), "must be set (surname, name, patronymic)");
  }
  if (s.birth_date().empty()) {
    out.Add(Path(prefix, "birth_date"),
            "must be set (YYYY-MM-DD, or YYYY where only the year is known)");
  } else if (!IsBirthDate(s.birth_date())) {
    out.Add(Path(prefix, "birth_date"),
            absl::StrCat(Quote(s.birth_date()), " is not a date (YYYY-MM-DD) or a year (YYYY)"));
  }
  CheckDate(Path(prefix, "suspicion_notice_on"), s.suspicion_notice_on(), true, out);
  CheckDate(Path(prefix, "detained_on"), s.detained_on(), false, out);
  CheckQualification(Path(prefix, "suspicion_qualification."), s.suspicion_qualification(), false,
                     out);
}

}  // namespace

std::string_view ExtractKindName(ExtractKind kind) {
  switch (kind) {
    case ExtractKind::kEntries:
      return "entries";
    case ExtractKind::kResults:
      return "results";
    case ExtractKind::kSuspects:
      return "suspects";
  }
  return "entries";
}

void NormalizeEntry(const catalogue::Catalogue& catalogue, v1::RegisterEntry& entry) {
  // The coding line writes items as four-digit codes (002 §9.1.5), so an
  // extract may too.
  const std::string& item = entry.catalogue_number();
  if (item.size() == 4 && AllDigits(item)) {
    if (const v1::CatalogueItem* found = catalogue.FindByCode(item)) {
      entry.set_catalogue_number(found->number());
    }
  }
}

void ValidateEntry(const v1::RegisterEntry& e, ExtractKind kind,
                   const catalogue::Catalogue& catalogue, base::Violations& out) {
  const std::string& number = e.proceedings_number();
  if (number.empty()) {
    out.Add("proceedings_number", "must be set (the 17-digit ЄРДР number)");
  } else if (number.size() != kProceedingsDigits || !AllDigits(number)) {
    out.Add("proceedings_number",
            absl::StrCat(Quote(number), " is not a 17-digit ЄРДР proceedings number"));
  }

  const std::string& unit = e.unit_code();
  if (unit.empty()) {
    if (kind != ExtractKind::kSuspects) out.Add("unit_code", "must be set (код ОВС)");
  } else if (unit.size() > kMaxUnitCodeDigits || !AllDigits(unit)) {
    out.Add("unit_code",
            absl::StrCat(Quote(unit), " is not a unit code (1-", kMaxUnitCodeDigits, " digits)"));
  }

  if (!e.has_registered_at()) {
    if (kind == ExtractKind::kEntries) out.Add("registered_at", "must be set");
  } else if (e.has_reported_at() && internal::FromTimestamp(e.reported_at()) >
                                        internal::FromTimestamp(e.registered_at())) {
    // The register records a statement it has received (КПК art. 214).
    out.Add("reported_at", "is after registered_at");
  }

  CheckQualification("qualification.", e.qualification(), kind == ExtractKind::kEntries, out);

  if (!e.catalogue_number().empty() && catalogue.FindByNumber(e.catalogue_number()) == nullptr) {
    out.Add("catalogue_number",
            absl::StrCat(Quote(e.catalogue_number()), " is not an item of the catalogue"));
  }

  if (kind == ExtractKind::kResults && e.results().empty()) {
    out.Add("results", "must list at least one result");
  }
  for (int i = 0; i < e.results_size(); ++i) {
    CheckResult(absl::StrCat("results[", i, "]."), e.results(i), out);
  }
  if (kind == ExtractKind::kSuspects && e.suspects().empty()) {
    out.Add("suspects", "must list at least one suspect");
  }
  for (int i = 0; i < e.suspects_size(); ++i) {
    CheckSuspect(absl::StrCat("suspects[", i, "]."), e.suspects(i), out);
  }
}

}  // namespace opsreport::register_extract
