#include "opsreport/base/clock.h"

namespace opsreport::base {

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace opsreport::base
