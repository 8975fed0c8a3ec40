#include "opsreport/calendar/kyiv.h"

#include <cstdio>
#include <cstdlib>

namespace opsreport::calendar {
namespace {

absl::TimeZone LoadKyivOrDie() {
  absl::TimeZone zone;
  // tzdata renamed the zone in 2022; older installations only know the old name.
  if (absl::LoadTimeZone("Europe/Kyiv", &zone) || absl::LoadTimeZone("Europe/Kiev", &zone)) {
    return zone;
  }
  std::fprintf(stderr,
               "FATAL: cannot load time zone Europe/Kyiv or Europe/Kiev (is tzdata installed?)\n");
  std::abort();
}

}  // namespace

absl::TimeZone KyivZone() {
  static const absl::TimeZone zone = LoadKyivOrDie();
  return zone;
}

DayBounds KyivDayBounds(absl::CivilDay day) {
  return {absl::FromCivil(day, KyivZone()), absl::FromCivil(day + 1, KyivZone())};
}

std::string FormatKyiv(absl::Time t) { return absl::FormatTime("%d.%m.%Y %H:%M", t, KyivZone()); }

}  // namespace opsreport::calendar
