#include "field_checks.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/strings.h"

namespace opsreport::report_rules::internal {

std::string Path(const std::string& prefix, const std::string& field) {
  return absl::StrCat(prefix, ".", field);
}

std::string Indexed(const std::string& prefix, const std::string& field, int index) {
  return absl::StrCat(prefix, ".", field, "[", index, "]");
}

namespace {

void CheckText(const Context& c, const std::string& path, const std::string& value, bool required,
               size_t max) {
  if (value.empty() || base::Trim(value).empty()) {
    if (required) c.out.Add(path, "must not be empty");
    return;
  }
  if (!base::IsValidUtf8(value)) {
    c.out.Add(path, "is not valid UTF-8");
    return;
  }
  size_t len = base::Utf8Length(value);
  if (len > max) {
    c.out.Add(path, absl::StrCat("is too long: ", len, " characters, at most ", max));
  }
}

}  // namespace

void CheckShortText(const Context& c, const std::string& path, const std::string& value,
                    bool required) {
  CheckText(c, path, value, required, c.limits.max_short_text);
  if (value.find('\n') != std::string::npos) c.out.Add(path, "must be a single line");
}

void CheckLongText(const Context& c, const std::string& path, const std::string& value,
                   bool required) {
  CheckText(c, path, value, required, c.limits.max_long_text);
}

void CheckFact(const Context& c, const std::string& path, const v1::Fact& fact, bool required) {
  switch (fact.value_case()) {
    case v1::Fact::kText:
      CheckLongText(c, path, fact.text(), /*required=*/false);
      if (base::Trim(fact.text()).empty()) {
        c.out.Add(path, "text is empty: give the data or mark it not established (§9.2)");
      }
      break;
    case v1::Fact::kNotEstablished:
      CheckShortText(c, Path(path, "not_established.note"), fact.not_established().note(), false);
      break;
    case v1::Fact::VALUE_NOT_SET:
      if (required) {
        c.out.Add(path, "is silent: give the data or state that it is not established (§9.2)");
      }
      break;
  }
}

bool NeedsDecisionGrounds(v1::OneHourTrigger trigger) {
  return trigger == v1::ONE_HOUR_TRIGGER_COURT_RELEASE_MOTION ||
         trigger == v1::ONE_HOUR_TRIGGER_INDICTMENT_OR_MEDICAL_MOTION ||
         trigger == v1::ONE_HOUR_TRIGGER_TRANSFERRED || trigger == v1::ONE_HOUR_TRIGGER_CLOSED;
}

absl::Time ToTime(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
}

void CheckTime(const Context& c, const std::string& path, bool present,
               const google::protobuf::Timestamp& ts, bool required) {
  if (!present) {
    if (required) c.out.Add(path, "must be set");
    return;
  }
  if (ts.nanos() < 0 || ts.nanos() > 999999999 || ts.seconds() < 946684800 /* 2000-01-01 */) {
    c.out.Add(path, "is not a valid time");
    return;
  }
  if (ToTime(ts) > c.now + c.limits.future_skew) {
    c.out.Add(path, "is in the future");
  }
}

void CheckOrder(const Context& c, const std::string& later_path, const std::string& what,
                bool has_earlier, const google::protobuf::Timestamp& earlier, bool has_later,
                const google::protobuf::Timestamp& later) {
  if (has_earlier && has_later && ToTime(later) < ToTime(earlier)) {
    c.out.Add(later_path, absl::StrCat("is before ", what));
  }
}

void CheckOfficer(const Context& c, const std::string& path, const v1::Officer& officer,
                  bool required) {
  CheckShortText(c, Path(path, "full_name"), officer.full_name(), required);
  CheckShortText(c, Path(path, "position"), officer.position(), false);
  CheckShortText(c, Path(path, "rank"), officer.rank(), false);
}

namespace {

bool IsValidBirthDate(const std::string& text, absl::Time now) {
  int y = 0, m = 1, d = 1;
  if (text.size() == 4) {
    if (!absl::ascii_isdigit(text[0]) || !absl::SimpleAtoi(text, &y)) return false;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    if (!absl::SimpleAtoi(text.substr(0, 4), &y) || !absl::SimpleAtoi(text.substr(5, 2), &m) ||
        !absl::SimpleAtoi(text.substr(8, 2), &d)) {
      return false;
    }
  } else {
    return false;
  }
  absl::CivilDay day(y, m, d);
  if (day.year() != y || day.month() != m || day.day() != d) return false;
  return y >= 1900 && absl::FromCivil(day, absl::UTCTimeZone()) <= now;
}

}  // namespace

void CheckPerson(const Context& c, const std::string& path, const v1::Person& p) {
  if (p.role() == v1::PERSON_ROLE_UNSPECIFIED || !v1::PersonRole_IsValid(p.role())) {
    c.out.Add(Path(path, "role"), "must be set (applicant, suspect, victim, ...)");
  }
  if (p.role() == v1::PERSON_ROLE_UNIDENTIFIED_BODY) {
    // §9.1.7: for an unidentified body only the approximate age is given.
    if (p.approximate_age() <= 0 || p.approximate_age() > 120) {
      c.out.Add(Path(path, "approximate_age"),
                "must be between 1 and 120 for an unidentified body");
    }
    CheckShortText(c, Path(path, "full_name"), p.full_name(), false);
  } else {
    // §8.1.3: full name and date of birth in full.
    CheckShortText(c, Path(path, "full_name"), p.full_name(), true);
    if (p.birth_date().empty()) {
      c.out.Add(Path(path, "birth_date"),
                "must be set (YYYY-MM-DD, or YYYY where only the year is known)");
    } else if (!IsValidBirthDate(p.birth_date(), c.now)) {
      c.out.Add(Path(path, "birth_date"), "must be a past date YYYY-MM-DD or year YYYY");
    }
  }
  CheckFact(c, Path(path, "residence"), p.residence(), false);
  CheckFact(c, Path(path, "workplace"), p.workplace(), false);
  CheckFact(c, Path(path, "relations"), p.relations(), false);
  CheckFact(c, Path(path, "injuries"), p.injuries(), false);
  CheckFact(c, Path(path, "criminal_record"), p.criminal_record(), false);
  CheckFact(c, Path(path, "intoxication"), p.intoxication(), false);
  CheckShortText(c, Path(path, "citizenship"), p.citizenship(), false);
  CheckShortText(c, Path(path, "rank"), p.rank(), false);
  CheckShortText(c, Path(path, "position"), p.position(), false);
}

void CheckErdr(const Context& c, const std::string& path, const v1::ErdrData& erdr) {
  const std::string& n = erdr.proceedings_number();
  // ЄРДР proceedings numbers are 17 digits.
  bool digits = !n.empty();
  for (char ch : n) digits = digits && absl::ascii_isdigit(static_cast<unsigned char>(ch));
  if (n.empty()) {
    c.out.Add(Path(path, "proceedings_number"), "must not be empty");
  } else if (!digits || n.size() != 17) {
    c.out.Add(Path(path, "proceedings_number"), "must be the 17-digit ЄРДР number");
  }
  CheckTime(c, Path(path, "entered_at"), erdr.has_entered_at(), erdr.entered_at(), true);
  CheckShortText(c, Path(path, "cc_article"), erdr.cc_article(), true);
  CheckShortText(c, Path(path, "article_part"), erdr.article_part(), false);
  CheckShortText(c, Path(path, "article_paragraph"), erdr.article_paragraph(), false);
  CheckLongText(c, Path(path, "preliminary_qualification"), erdr.preliminary_qualification(), true);
}

}  // namespace opsreport::report_rules::internal
