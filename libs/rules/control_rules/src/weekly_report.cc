#include "opsreport/control_rules/weekly_report.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/date.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/control_rules/control_file.h"
#include "opsreport/control_rules/removal.h"

namespace opsreport::control_rules {
namespace {

using base::ToTime;

void Sort(google::protobuf::RepeatedPtrField<v1::ControlFile>* files) {
  std::sort(files->begin(), files->end(), [](const v1::ControlFile& a, const v1::ControlFile& b) {
    if (a.opened_at().seconds() != b.opened_at().seconds()) {
      return a.opened_at().seconds() < b.opened_at().seconds();
    }
    return a.id() < b.id();
  });
}

std::string Line(const v1::ControlFile& f) {
  return absl::StrCat(f.outgoing_number(), " (", f.region(), ", п. ", f.catalogue_number(),
                      ") від ", calendar::FormatKyiv(ToTime(f.opened_at())), " — ", f.summary());
}

}  // namespace

absl::StatusOr<v1::WeeklyControlReport> BuildWeeklyReport(const std::string& service_line,
                                                          const std::string& week_start,
                                                          const std::vector<v1::ControlFile>& files,
                                                          absl::Duration transfer_allowed,
                                                          absl::Time now) {
  const std::optional<calendar::Date> date = calendar::ParseDate(week_start);
  if (!date) {
    return absl::InvalidArgumentError(
        absl::StrCat("week_start: '", week_start, "' is not a date in the form YYYY-MM-DD"));
  }
  const absl::CivilDay monday = calendar::ToCivilDay(*date);
  if (absl::GetWeekday(monday) != absl::Weekday::monday) {
    return absl::InvalidArgumentError(absl::StrCat("week_start: ", week_start, " is not a Monday"));
  }
  const absl::Time begin = absl::FromCivil(monday, calendar::KyivZone());
  const absl::Time end = absl::FromCivil(monday + 7, calendar::KyivZone());
  const absl::Time at = std::min(end, now);

  v1::WeeklyControlReport out;
  out.set_service_line(service_line);
  out.set_week_start(week_start);
  for (const v1::ControlFile& f : files) {
    if (f.service_line() != service_line || ToTime(f.opened_at()) >= end) continue;
    if (f.state() == v1::CONTROL_STATE_REMOVED) {
      const absl::Time removed = ToTime(f.removal().recorded_at());
      if (removed >= begin && removed < end) *out.add_removed() = f;
      if (removed >= end) *out.add_open() = f;  // still on control at the week's end
      continue;
    }
    *out.add_open() = f;
    if (TransferOverdue(f, transfer_allowed, at)) *out.add_overdue() = f;
  }
  Sort(out.mutable_open());
  Sort(out.mutable_removed());
  Sort(out.mutable_overdue());
  out.set_text(RenderWeeklyReportText(out));
  return out;
}

std::string RenderWeeklyReportText(const v1::WeeklyControlReport& r) {
  std::string text =
      absl::StrCat("ЩОТИЖНЕВА ДОПОВІДЬ: кримінальні правопорушення на контролі МВС\n",
                   "служба: ", r.service_line(), "; тиждень з ", r.week_start(), "\n\n");
  absl::StrAppend(&text, "На контролі: ", r.open_size(), "\n");
  for (int i = 0; i < r.open_size(); ++i) {
    absl::StrAppend(&text, "  ", i + 1, ". ", Line(r.open(i)),
                    r.open(i).state() == v1::CONTROL_STATE_IN_TRANSFER ? " [передається]" : "",
                    "\n");
  }
  absl::StrAppend(&text, "\nЗнято з контролю за тиждень: ", r.removed_size(), "\n");
  for (int i = 0; i < r.removed_size(); ++i) {
    const v1::Removal& rm = r.removed(i).removal();
    absl::StrAppend(&text, "  ", i + 1, ". ", Line(r.removed(i)),
                    "\n     підстава: ", GroundSection(rm.ground()), "; ", rm.document().kind(),
                    " № ", rm.document().number(), " від ", rm.document().date(),
                    "; рішення: ", rm.decided_by(),
                    rm.automatic() ? " (автоматично за доповненням)" : "", "\n");
  }
  absl::StrAppend(&text, "\nПрострочені передачі: ", r.overdue_size(), "\n");
  for (int i = 0; i < r.overdue_size(); ++i) {
    const v1::ControlTransfer& t = *r.overdue(i).transfers().rbegin();
    absl::StrAppend(&text, "  ", i + 1, ". ", Line(r.overdue(i)), "\n     до ", t.to_region(),
                    " з ", calendar::FormatKyiv(ToTime(t.requested_at())), ", не підтверджено\n");
  }
  return text;
}

}  // namespace opsreport::control_rules
