#pragma once
// The morning check between a region and the Ministry (002 §3.9): what the
// region sent up during the day against what the Ministry holds. Pure: built
// from the inbox items the caller has loaded.

#include <string>
#include <vector>

#include "opsreport/daily_summary/day_window.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::daily_summary {

// What the region and the Ministry compare in the morning.
struct MorningCheckInput {
  std::string region_code;
  std::string day;
  DayWindow window;
  std::vector<v1::InboxItem> region_items;  // the region's items (received up to window.end)
  // The Ministry's items whose hop came from the region: those received
  // within the window plus any it holds for the documents the region sent
  // within the window (whenever they arrived).
  std::vector<v1::InboxItem> ministry_items;
};

// sent: region items forwarded to the Ministry within the window;
// held_by_ministry: Ministry items from the region received within the window;
// not_at_ministry: sent documents the Ministry has no item for at all;
// being_prepared: region chain items not final and not forwarded, received
// before window.end. Lines oldest first; `text` is the printable form.
v1::MorningCheckResponse BuildMorningCheck(const org::OrgDirectory& org,
                                           const MorningCheckInput& input);

}  // namespace opsreport::daily_summary
