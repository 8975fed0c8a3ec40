#include "values.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "lines.h"
#include "opsreport/base/strings.h"

namespace opsreport::telegram::internal {
namespace {

constexpr char kNotEstablishedCapital[] = "Не встановлено";

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Strips the "не встановлено" prefix in either case; npos-free.
bool StripNotEstablished(std::string_view& s) {
  for (std::string_view prefix :
       {std::string_view(kNotEstablished), std::string_view(kNotEstablishedCapital)}) {
    if (s.substr(0, prefix.size()) == prefix) {
      s.remove_prefix(prefix.size());
      return true;
    }
  }
  return false;
}

}  // namespace

std::string FactText(const v1::Fact& fact) {
  switch (fact.value_case()) {
    case v1::Fact::kText:
      return fact.text();
    case v1::Fact::kNotEstablished:
      if (fact.not_established().note().empty()) return kNotEstablished;
      return absl::StrCat(kNotEstablished, " (", fact.not_established().note(), ")");
    case v1::Fact::VALUE_NOT_SET:
      break;
  }
  return "";
}

v1::Fact ParseFact(std::string_view text) {
  v1::Fact fact;
  if (text.empty()) return fact;
  std::string_view rest = text;
  if (StripNotEstablished(rest)) {
    if (rest.empty()) {
      fact.mutable_not_established();
      return fact;
    }
    if (rest.size() >= 3 && rest.substr(0, 2) == " (" && rest.back() == ')') {
      fact.mutable_not_established()->set_note(std::string(rest.substr(2, rest.size() - 3)));
      return fact;
    }
  }
  fact.set_text(std::string(text));
  return fact;
}

absl::StatusOr<bool> ParseYesNo(std::string_view text) {
  if (text == kYes || text == "Так") return true;
  if (text == "ні" || text == "Ні") return false;
  return absl::InvalidArgumentError(
      absl::StrCat("expected 'так' or 'ні', got '", std::string(text), "'"));
}

absl::StatusOr<int64_t> ParseInteger(std::string_view text) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &v)) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a whole number, got '", std::string(text), "'"));
  }
  return v;
}

std::string IsoDateToText(std::string_view iso) {
  if (iso.size() == 10 && iso[4] == '-' && iso[7] == '-' && IsDigits(iso.substr(0, 4)) &&
      IsDigits(iso.substr(5, 2)) && IsDigits(iso.substr(8, 2))) {
    return absl::StrCat(std::string(iso.substr(8, 2)), ".", std::string(iso.substr(5, 2)), ".",
                        std::string(iso.substr(0, 4)));
  }
  return std::string(iso);
}

absl::StatusOr<std::string> TextDateToIso(std::string_view text) {
  int d = 0, m = 0, y = 0;
  bool ok = text.size() == 10 && text[2] == '.' && text[5] == '.' && IsDigits(text.substr(0, 2)) &&
            IsDigits(text.substr(3, 2)) && IsDigits(text.substr(6, 4)) &&
            absl::SimpleAtoi(absl::string_view(text.data(), 2), &d) &&
            absl::SimpleAtoi(absl::string_view(text.data() + 3, 2), &m) &&
            absl::SimpleAtoi(absl::string_view(text.data() + 6, 4), &y);
  if (ok) {
    absl::CivilDay day(y, m, d);
    ok = day.day() == d && day.month() == m;
  }
  if (!ok) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a date DD.MM.YYYY, got '", std::string(text), "'"));
  }
  return absl::StrCat(std::string(text.substr(6, 4)), "-", std::string(text.substr(3, 2)), "-",
                      std::string(text.substr(0, 2)));
}

const EnumNames& EventKindNames() {
  static const auto* names = new EnumNames{
      {v1::EVENT_KIND_CRIME, "кримінальне правопорушення"},
      {v1::EVENT_KIND_EMERGENCY, "надзвичайна подія"},
      {v1::EVENT_KIND_OTHER_OFFENCE, "інше правопорушення"},
  };
  return *names;
}

const EnumNames& OneHourTriggerNames() {
  // Wording of 002 §2.6–2.7.
  static const auto* names = new EnumNames{
      {v1::ONE_HOUR_TRIGGER_FOUND_IN_OTHER_INVESTIGATION,
       "виявлено в ході розслідування іншого кримінального правопорушення"},
      {v1::ONE_HOUR_TRIGGER_REQUALIFIED_INTO_CATALOGUE,
       "зміна правової кваліфікації на визначену Переліком"},
      {v1::ONE_HOUR_TRIGGER_SUSPECT_DETAINED,
       "встановлення та затримання особи, якій вручено повідомлення про підозру"},
      {v1::ONE_HOUR_TRIGGER_COURT_RELEASE_MOTION,
       "звернення до суду щодо звільнення від кримінальної відповідальності"},
      {v1::ONE_HOUR_TRIGGER_INDICTMENT_OR_MEDICAL_MOTION,
       "звернення до суду з обвинувальним актом або клопотанням про примусові заходи"},
      {v1::ONE_HOUR_TRIGGER_TRANSFERRED, "направлення матеріалів за підслідністю"},
      {v1::ONE_HOUR_TRIGGER_CLOSED, "закриття кримінального провадження"},
      {v1::ONE_HOUR_TRIGGER_FROM_PROSECUTOR, "надходження кримінального провадження з прокуратури"},
  };
  return *names;
}

const EnumNames& SignerCapacityNames() {
  static const auto* names = new EnumNames{
      {v1::SIGNER_CAPACITY_HEAD, "начальник"},
      {v1::SIGNER_CAPACITY_ACTING, "т.в.о."},
  };
  return *names;
}

const EnumNames& PersonRoleNames() {
  static const auto* names = new EnumNames{
      {v1::PERSON_ROLE_UNSPECIFIED, "Особа"},
      {v1::PERSON_ROLE_APPLICANT, "Заявник"},
      {v1::PERSON_ROLE_SUSPECT, "Підозрюваний"},
      {v1::PERSON_ROLE_VICTIM, "Потерпілий"},
      {v1::PERSON_ROLE_DECEASED, "Загиблий"},
      {v1::PERSON_ROLE_UNIDENTIFIED_BODY, "Невпізнаний труп"},
      {v1::PERSON_ROLE_WITNESS, "Свідок"},
      {v1::PERSON_ROLE_DETAINED, "Затриманий"},
      {v1::PERSON_ROLE_WANTED, "Розшукуваний"},
      {v1::PERSON_ROLE_OTHER, "Інша особа"},
  };
  return *names;
}

std::string_view NameOf(const EnumNames& names, int value) {
  for (const EnumName& n : names) {
    if (n.value == value) return n.text;
  }
  return "";
}

int FindValue(const EnumNames& names, std::string_view text) {
  for (const EnumName& n : names) {
    if (SameLabel(text, n.text)) return n.value;
  }
  return -1;
}

absl::StatusOr<int> ValueOf(const EnumNames& names, std::string_view text) {
  int v = FindValue(names, text);
  if (v >= 0) return v;
  std::vector<std::string> accepted;
  for (const EnumName& n : names) accepted.emplace_back(n.text);
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown value '", std::string(text), "'; expected one of: ", absl::StrJoin(accepted, "; ")));
}

}  // namespace opsreport::telegram::internal
