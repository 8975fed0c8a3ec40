#include "backend.h"
#include "opsreport/redis/fake_client.h"
#include "opsreport/timers/fake_scripts.h"

namespace opsreport::timers::testing {

absl::StatusOr<std::unique_ptr<redis::Client>> NewEmptyBackend() {
  auto fake = std::make_unique<redis::FakeClient>();
  RegisterFakeTimerScripts(*fake);
  return fake;
}

}  // namespace opsreport::timers::testing
