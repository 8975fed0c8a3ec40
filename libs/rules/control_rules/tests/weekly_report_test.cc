// The weekly report: open, removed this week with grounds, overdue transfers.
#include "opsreport/control_rules/weekly_report.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::control_rules {
namespace {

using ::testing::HasSubstr;

absl::Time Kyiv(int month, int day, int hour) {
  return absl::FromCivil(absl::CivilHour(2026, month, day, hour), calendar::KyivZone());
}

v1::ControlFile File(const std::string& id, absl::Time opened, v1::ControlState state) {
  v1::ControlFile f;
  f.set_id(id);
  f.set_service_line("criminal_police");
  f.set_catalogue_number("1");
  f.set_region("1000");
  f.set_outgoing_number("1000/2026/" + id);
  f.mutable_opened_at()->set_seconds(absl::ToUnixSeconds(opened));
  f.set_state(state);
  return f;
}

TEST(WeeklyReportTest, OpenRemovedThisWeekAndOverdueTransfers) {
  // Monday 9 March 2026 to Monday 16 March (Kyiv).
  v1::ControlFile open = File("a", Kyiv(3, 2, 10), v1::CONTROL_STATE_OPEN);
  v1::ControlFile removed = File("b", Kyiv(3, 3, 10), v1::CONTROL_STATE_REMOVED);
  removed.mutable_removal()->set_ground(v1::REMOVAL_GROUND_CLOSED_NO_EVENT);
  removed.mutable_removal()->mutable_document()->set_kind("постанова");
  removed.mutable_removal()->mutable_recorded_at()->set_seconds(
      absl::ToUnixSeconds(Kyiv(3, 11, 9)));
  v1::ControlFile removed_before = removed;
  removed_before.set_id("c");
  removed_before.mutable_removal()->mutable_recorded_at()->set_seconds(
      absl::ToUnixSeconds(Kyiv(3, 8, 23)));
  v1::ControlFile moving = File("d", Kyiv(3, 4, 10), v1::CONTROL_STATE_IN_TRANSFER);
  moving.add_transfers()->mutable_requested_at()->set_seconds(absl::ToUnixSeconds(Kyiv(3, 10, 8)));
  moving.mutable_transfers(0)->set_to_region("1400");
  v1::ControlFile other_line = File("e", Kyiv(3, 4, 10), v1::CONTROL_STATE_OPEN);
  other_line.set_service_line("public_order");
  v1::ControlFile next_week = File("f", Kyiv(3, 16, 0), v1::CONTROL_STATE_OPEN);

  absl::StatusOr<v1::WeeklyControlReport> r =
      BuildWeeklyReport("criminal_police", "2026-03-09",
                        {moving, removed, open, removed_before, other_line, next_week},
                        absl::Hours(72), Kyiv(3, 20, 0));
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->open_size(), 2);
  EXPECT_EQ(r->open(0).id(), "a");
  EXPECT_EQ(r->open(1).id(), "d");
  ASSERT_EQ(r->removed_size(), 1);
  EXPECT_EQ(r->removed(0).id(), "b");
  ASSERT_EQ(r->overdue_size(), 1);
  EXPECT_EQ(r->overdue(0).id(), "d");
  EXPECT_THAT(r->text(), HasSubstr("КПК art. 284 part 1 item 1"));
  EXPECT_THAT(r->text(), HasSubstr("Прострочені передачі: 1"));

  EXPECT_EQ(BuildWeeklyReport("criminal_police", "2026-03-10", {}, absl::Hours(72), Kyiv(3, 20, 0))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(BuildWeeklyReport("criminal_police", "9.3.2026", {}, absl::Hours(72), Kyiv(3, 20, 0))
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::control_rules
