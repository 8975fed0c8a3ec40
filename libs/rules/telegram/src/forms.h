#pragma once
// The two document forms and what they share.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "form.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::telegram::internal {

const Form<opsreport::v1::SpecialReport>& ReportForm();
const FormInfo& ReportInfo();
const Form<opsreport::v1::Supplement>& SupplementForm();
const FormInfo& SupplementInfo();

// Top-level labels of both forms, so a label of the other form is recognised
// and reported as misplaced rather than unknown.
const std::vector<LabelInfo>& AllLabels();

// Reads a coding line whose text lines came from `value_lines`, reporting
// coding_line::Parse errors at their lines with `name` ("coding_line" or
// "new_coding_line") as the field prefix.
void ReadCodingLine(std::string_view value, const std::vector<int>& value_lines, int entry_line,
                    std::string_view name, opsreport::v1::CodingLine* out, Problems& p);

// Tokenizes `text` and applies `form`; refuses at once a text whose title
// names the other kind of document.
template <typename Msg>
absl::StatusOr<Msg> ParseWithForm(std::string_view text, const Form<Msg>& form,
                                  const FormInfo& info) {
  Problems problems;
  std::vector<Entry> entries = Tokenize(text, AllLabels(), problems);
  if (entries.empty() && problems.empty()) {
    problems.Add(1, "", "the text is empty");
    return problems.violations().ToStatus(absl::StrCat(info.name, " text"));
  }
  if (!entries.empty() && entries.front().kind == EntryKind::kTitle &&
      entries.front().label != info.title) {
    Problems wrong;
    wrong.Add(entries.front().line, entries.front().label,
              absl::StrCat("this text is a ", info.other_name, ", not a ", info.name));
    return wrong.violations().ToStatus(absl::StrCat(info.name, " text"));
  }
  Msg msg;
  ApplyForm(entries, form, info, msg, problems);
  if (!problems.empty()) return problems.violations().ToStatus(absl::StrCat(info.name, " text"));
  return msg;
}

}  // namespace opsreport::telegram::internal
