#include "blocks.h"

#include <algorithm>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "opsreport/telegram/kyiv_time.h"
#include "values.h"

namespace opsreport::telegram::internal {
namespace {

constexpr char kPosition[] = "Посада";
constexpr char kRank[] = "Звання";
constexpr char kSignedAt[] = "Дата і час підпису";

void AddLine(std::vector<BlockLine>& out, std::string_view label, std::string value) {
  out.push_back({0, std::string(label), std::move(value)});
}

// Person lines after the role line, in order.
enum PersonField {
  kBirthDate,
  kApproximateAge,
  kCitizenship,
  kResidence,
  kWorkplace,
  kPersonPosition,
  kPersonRank,
  kRelations,
  kInjuries,
  kCriminalRecord,
  kIntoxication,
};

const std::vector<std::string_view>& PersonLabels() {
  static const auto* labels = new std::vector<std::string_view>{
      "Дата народження",
      "Приблизний вік",
      "Громадянство",
      "Місце проживання",
      "Місце роботи, посада",
      kPosition,
      kRank,
      "Стосунки з іншими учасниками",
      "Тілесні ушкодження",
      "Судимість",
      "Стан сп'яніння",
  };
  return *labels;
}

// The Fact fields of a person by their line; nullptr for non-Fact lines.
const v1::Fact* PersonFact(const v1::Person& p, int field) {
  switch (field) {
    case kResidence:
      return p.has_residence() ? &p.residence() : nullptr;
    case kWorkplace:
      return p.has_workplace() ? &p.workplace() : nullptr;
    case kRelations:
      return p.has_relations() ? &p.relations() : nullptr;
    case kInjuries:
      return p.has_injuries() ? &p.injuries() : nullptr;
    case kCriminalRecord:
      return p.has_criminal_record() ? &p.criminal_record() : nullptr;
    case kIntoxication:
      return p.has_intoxication() ? &p.intoxication() : nullptr;
    default:
      return nullptr;
  }
}

v1::Fact* MutablePersonFact(v1::Person& p, int field) {
  switch (field) {
    case kResidence:
      return p.mutable_residence();
    case kWorkplace:
      return p.mutable_workplace();
    case kRelations:
      return p.mutable_relations();
    case kInjuries:
      return p.mutable_injuries();
    case kCriminalRecord:
      return p.mutable_criminal_record();
    case kIntoxication:
      return p.mutable_intoxication();
    default:
      return nullptr;
  }
}

const std::string* PersonText(const v1::Person& p, int field) {
  switch (field) {
    case kBirthDate:
      return &p.birth_date();
    case kCitizenship:
      return &p.citizenship();
    case kPersonPosition:
      return &p.position();
    case kPersonRank:
      return &p.rank();
    default:
      return nullptr;
  }
}

std::string* MutablePersonText(v1::Person& p, int field) {
  switch (field) {
    case kBirthDate:
      return p.mutable_birth_date();
    case kCitizenship:
      return p.mutable_citizenship();
    case kPersonPosition:
      return p.mutable_position();
    case kPersonRank:
      return p.mutable_rank();
    default:
      return nullptr;
  }
}

void ReadPersonField(const BlockLine& line, int field, v1::Person& person, Problems& p) {
  if (std::string* text = MutablePersonText(person, field)) {
    *text = line.value;
  } else if (v1::Fact* fact = MutablePersonFact(person, field)) {
    *fact = ParseFact(line.value);
  } else if (field == kApproximateAge && !line.value.empty()) {
    int age = 0;
    if (!absl::SimpleAtoi(line.value, &age) || age < 0) {
      p.Add(line.line, line.label,
            absl::StrCat("expected a whole number of years, got '", line.value, "'"));
    } else {
      person.set_approximate_age(age);
    }
  }
}

std::string RoleList() {
  std::vector<std::string> roles;
  for (const EnumName& n : PersonRoleNames()) roles.emplace_back(n.text);
  return absl::StrJoin(roles, ", ");
}

}  // namespace

int BlockSequence::Find(std::string_view label) const {
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (SameLabel(label, labels_[i])) return static_cast<int>(i);
  }
  return -1;
}

bool BlockSequence::Accept(int index, const BlockLine& line, Problems& p) {
  if (seen_[index] != 0) {
    p.Add(line.line, line.label, absl::StrCat("given twice (first on line ", seen_[index], ")"));
    return false;
  }
  if (index < cursor_) {
    p.Add(line.line, line.label,
          absl::StrCat("out of order: must come before '", std::string(labels_[cursor_]), "'"));
    return false;
  }
  seen_[index] = line.line;
  cursor_ = index;
  return true;
}

std::string BlockSequence::Expected() const {
  std::vector<std::string> labels(labels_.begin(), labels_.end());
  return absl::StrJoin(labels, ", ");
}

void BlockSequence::Reset() {
  seen_.assign(labels_.size(), 0);
  cursor_ = -1;
}

std::vector<BlockLine> OfficerLines(const v1::Officer& officer, bool anchor) {
  std::vector<BlockLine> out;
  if (!officer.position().empty() || anchor) AddLine(out, kPosition, officer.position());
  if (!officer.rank().empty()) AddLine(out, kRank, officer.rank());
  return out;
}

void ReadOfficerLines(const std::vector<BlockLine>& block,
                      const std::function<v1::Officer*()>& officer, Problems& p) {
  BlockSequence seq({kPosition, kRank});
  for (const BlockLine& line : block) {
    int i = seq.Find(line.label);
    if (i < 0) {
      p.Add(line.line, line.label, absl::StrCat("unknown line; expected ", seq.Expected()));
      continue;
    }
    if (!seq.Accept(i, line, p)) continue;
    if (i == 0) {
      officer()->set_position(line.value);
    } else {
      officer()->set_rank(line.value);
    }
  }
}

std::string SignerText(const v1::Signature& signature) {
  std::string capacity(NameOf(SignerCapacityNames(), signature.capacity()));
  const std::string& name = signature.officer().full_name();
  if (capacity.empty()) return name;
  if (name.empty()) return capacity;
  return absl::StrCat(capacity, " ", name);
}

std::vector<BlockLine> SignatureLines(const v1::Signature& signature) {
  const v1::Officer& o = signature.officer();
  // An officer that is present but empty shows an empty "Посада:" line.
  const bool anchor = signature.has_officer() && o.full_name().empty() && o.rank().empty();
  std::vector<BlockLine> out = OfficerLines(o, anchor);
  if (signature.has_signed_at()) AddLine(out, kSignedAt, FormatKyiv(signature.signed_at()));
  return out;
}

void ReadSignature(const Entry& entry, v1::Signature* signature, Problems& p) {
  std::string_view rest = entry.value;
  for (const EnumName& n : SignerCapacityNames()) {
    if (rest.substr(0, n.text.size()) == n.text &&
        (rest.size() == n.text.size() || rest[n.text.size()] == ' ')) {
      signature->set_capacity(static_cast<v1::SignerCapacity>(n.value));
      rest.remove_prefix(std::min(rest.size(), n.text.size() + 1));
      break;
    }
  }
  if (!rest.empty()) signature->mutable_officer()->set_full_name(std::string(rest));

  BlockSequence seq({kPosition, kRank, kSignedAt});
  for (const BlockLine& line : entry.block) {
    int i = seq.Find(line.label);
    if (i < 0) {
      p.Add(line.line, line.label, absl::StrCat("unknown line; expected ", seq.Expected()));
      continue;
    }
    if (!seq.Accept(i, line, p)) continue;
    if (i == 0) {
      signature->mutable_officer()->set_position(line.value);
    } else if (i == 1) {
      signature->mutable_officer()->set_rank(line.value);
    } else if (!line.value.empty()) {
      auto ts = ParseKyiv(line.value);
      if (ts.ok()) {
        *signature->mutable_signed_at() = *ts;
      } else {
        p.Add(line.line, line.label, std::string(ts.status().message()));
      }
    }
  }
}

std::vector<BlockLine> PersonLines(const google::protobuf::RepeatedPtrField<v1::Person>& persons) {
  std::vector<BlockLine> out;
  const auto& labels = PersonLabels();
  for (const v1::Person& person : persons) {
    std::string_view role = NameOf(PersonRoleNames(), person.role());
    if (role.empty()) role = NameOf(PersonRoleNames(), v1::PERSON_ROLE_UNSPECIFIED);
    AddLine(out, role, person.full_name());
    for (int f = 0; f < static_cast<int>(labels.size()); ++f) {
      if (const std::string* text = PersonText(person, f)) {
        if (!text->empty()) AddLine(out, labels[f], *text);
      } else if (const v1::Fact* fact = PersonFact(person, f)) {
        AddLine(out, labels[f], FactText(*fact));
      } else if (f == kApproximateAge && person.approximate_age() != 0) {
        AddLine(out, labels[f], absl::StrCat(person.approximate_age()));
      }
    }
  }
  return out;
}

void ReadPersons(const std::vector<BlockLine>& block,
                 google::protobuf::RepeatedPtrField<v1::Person>* persons, Problems& p) {
  BlockSequence seq(PersonLabels());
  v1::Person* current = nullptr;
  for (const BlockLine& line : block) {
    if (int role = FindValue(PersonRoleNames(), line.label); role >= 0) {
      current = persons->Add();
      current->set_role(static_cast<v1::PersonRole>(role));
      current->set_full_name(line.value);
      seq.Reset();
      continue;
    }
    int field = seq.Find(line.label);
    if (field < 0) {
      p.Add(line.line, line.label,
            absl::StrCat("unknown person role or line; a person starts with a role (", RoleList(),
                         ") followed by: ", seq.Expected()));
      continue;
    }
    if (current == nullptr) {
      p.Add(line.line, line.label,
            absl::StrCat("comes before any person; start each person with a role line (",
                         RoleList(), ")"));
      continue;
    }
    if (seq.Accept(field, line, p)) ReadPersonField(line, field, *current, p);
  }
}

std::vector<BlockLine> DetailLines(const google::protobuf::Map<std::string, v1::Fact>& details) {
  std::map<std::string, const v1::Fact*> sorted;
  for (const auto& [key, fact] : details) sorted[key] = &fact;
  std::vector<BlockLine> out;
  for (const auto& [key, fact] : sorted) AddLine(out, key, FactText(*fact));
  return out;
}

void ReadDetails(const std::vector<BlockLine>& block,
                 google::protobuf::Map<std::string, v1::Fact>* details, Problems& p) {
  std::map<std::string, int> seen;
  for (const BlockLine& line : block) {
    if (line.label.empty()) {
      p.Add(line.line, "Додаткові відомості", "an entry needs a key before ':'");
      continue;
    }
    auto [it, inserted] = seen.emplace(line.label, line.line);
    if (!inserted) {
      p.Add(line.line, line.label, absl::StrCat("given twice (first on line ", it->second, ")"));
      continue;
    }
    (*details)[line.label] = ParseFact(line.value);
  }
}

}  // namespace opsreport::telegram::internal
