// Timer's printing, for test failure messages and logs.

#include <sstream>

#include "gtest/gtest.h"
#include "opsreport/timers/timer_store.h"

namespace opsreport::timers {
namespace {

const absl::Time kT = absl::FromUnixSeconds(1773144000);

TEST(TimerPrintTest, ShowsIdDueAndEscapedPayload) {
  std::ostringstream os;
  os << Timer{"a", kT, std::string("x\0", 2)};
  EXPECT_EQ(os.str(), "{id='a' due=2026-03-10T12:00:00+00:00 payload='x\\x00'}");
}

}  // namespace
}  // namespace opsreport::timers
