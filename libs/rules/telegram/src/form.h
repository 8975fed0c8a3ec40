#pragma once
// A document form is an ordered list of slots; the same list drives both
// rendering and parsing, so the two cannot drift apart. Parsing checks that
// the entries come in slot order (a repeatable slot may take several
// consecutive entries), that nothing is given twice and that both "+++"
// markers are present where the form has them.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lines.h"

namespace opsreport::telegram::internal {

template <typename Msg>
struct Slot {
  EntryKind kind = EntryKind::kLabel;  // kLabel, kMarker or kCodingLine
  std::string label;                   // canonical label for kLabel
  bool repeatable = false;
  bool has_block = false;
  // Appends the entries for `msg` (none when the field is absent).
  std::function<void(const Msg&, std::vector<Entry>&)> render;
  std::function<void(const Entry&, Msg&, Problems&)> parse;
};

template <typename Msg>
using Form = std::vector<Slot<Msg>>;

template <typename Msg>
Slot<Msg> MarkerSlot() {
  Slot<Msg> s;
  s.kind = EntryKind::kMarker;
  s.label = kMarker;
  return s;
}

struct FormInfo {
  std::string title;       // kReportTitle / kSupplementTitle
  std::string name;        // "special report"
  std::string other_name;  // "supplement"
  // Why a coding line or a marker cannot appear, for forms without them.
  std::string no_coding_line;
  std::string no_marker;
};

template <typename Msg>
std::vector<LabelInfo> LabelsOf(const Form<Msg>& form) {
  std::vector<LabelInfo> out;
  for (const Slot<Msg>& s : form) {
    if (s.kind == EntryKind::kLabel) out.push_back({s.label, s.has_block});
  }
  return out;
}

template <typename Msg>
std::string RenderForm(const Form<Msg>& form, const FormInfo& info, const Msg& msg) {
  std::vector<Entry> entries;
  Entry title;
  title.kind = EntryKind::kTitle;
  title.label = std::string(info.title);
  entries.push_back(title);
  for (const Slot<Msg>& s : form) {
    if (s.kind == EntryKind::kMarker) {
      Entry marker;
      marker.kind = EntryKind::kMarker;
      marker.label = kMarker;
      entries.push_back(marker);
    } else {
      s.render(msg, entries);
    }
  }
  return Write(entries);
}

inline const char* Ordinal(int n) { return n == 0 ? "first" : n == 1 ? "second" : "next"; }

template <typename Msg>
void ApplyForm(const std::vector<Entry>& entries, const Form<Msg>& form, const FormInfo& info,
               Msg& msg, Problems& problems) {
  std::map<std::string, int> by_label;
  std::vector<int> markers;
  int coding_line = -1;
  for (int i = 0; i < static_cast<int>(form.size()); ++i) {
    switch (form[i].kind) {
      case EntryKind::kLabel:
        by_label[form[i].label] = i;
        break;
      case EntryKind::kMarker:
        markers.push_back(i);
        break;
      case EntryKind::kCodingLine:
        coding_line = i;
        break;
      default:
        break;
    }
  }

  std::vector<int> seen_at(form.size(), 0);  // line where each slot was filled
  std::vector<int> slot_of(entries.size(), -1);
  int cursor = -1;
  for (size_t k = 0; k < entries.size(); ++k) {
    const Entry& e = entries[k];
    int slot = -1;
    switch (e.kind) {
      case EntryKind::kTitle:
        if (k != 0) problems.Add(e.line, e.label, "the title must be the first line");
        continue;
      case EntryKind::kUnknown:
        problems.Add(e.line, e.label, "unknown label");
        continue;
      case EntryKind::kLabel: {
        auto it = by_label.find(e.label);
        if (it == by_label.end()) {
          problems.Add(
              e.line, DisplayLabel(e.label),
              absl::StrCat("belongs to the ", info.other_name, " form, not to a ", info.name));
          continue;
        }
        slot = it->second;
        break;
      }
      case EntryKind::kCodingLine:
        if (coding_line < 0) {
          problems.Add(e.line, "coding_line", info.no_coding_line);
          continue;
        }
        slot = coding_line;
        break;
      case EntryKind::kMarker:
        if (markers.empty()) {
          problems.Add(e.line, kMarker, info.no_marker);
          continue;
        }
        for (int m : markers) {
          if (m > cursor) {
            slot = m;
            break;
          }
        }
        if (slot < 0) {
          problems.Add(
              e.line, kMarker,
              absl::StrCat("a ", info.name, " has only ", markers.size(), " '+++' markers"));
          continue;
        }
        break;
    }
    const std::string shown =
        e.kind == EntryKind::kCodingLine ? "coding_line" : DisplayLabel(form[slot].label);
    if (seen_at[slot] != 0 && !(slot == cursor && form[slot].repeatable)) {
      problems.Add(
          e.line, shown,
          form[slot].repeatable
              ? absl::StrCat("out of order: all '", shown,
                             "' lines must follow one another (first on line ", seen_at[slot], ")")
              : absl::StrCat("given twice (first on line ", seen_at[slot], ")"));
      continue;
    }
    if (slot < cursor) {
      const std::string& after = form[cursor].kind == EntryKind::kCodingLine
                                     ? std::string("the coding line")
                                     : form[cursor].label;
      problems.Add(e.line, shown,
                   absl::StrCat("out of order: must come before '", DisplayLabel(after), "'"));
      continue;
    }
    cursor = slot;
    if (seen_at[slot] == 0) seen_at[slot] = e.line;
    slot_of[k] = slot;
    if (form[slot].parse) form[slot].parse(e, msg, problems);
  }

  for (size_t n = 0; n < markers.size(); ++n) {
    const int m = markers[n];
    if (seen_at[m] != 0) continue;
    int before = 0;
    for (size_t k = 0; k < entries.size() && before == 0; ++k) {
      if (slot_of[k] > m) before = entries[k].line;
    }
    if (before != 0) {
      problems.Add(before, kMarker,
                   absl::StrCat("the ", Ordinal(n), " '+++' marker is missing before this line"));
    } else {
      const int last = entries.empty() ? 1 : entries.back().line;
      problems.Add(last, kMarker,
                   absl::StrCat("the ", Ordinal(n), " '+++' marker is missing at the end"));
    }
  }
}

}  // namespace opsreport::telegram::internal
