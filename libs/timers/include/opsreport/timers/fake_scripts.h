#pragma once
// C++ stand-ins for TimerStore's Lua steps, so anything built on a
// TimerStore can be unit-tested over redis::FakeClient. The contract tests
// run the same cases over these and over a real redis-server.

#include "opsreport/redis/fake_client.h"

namespace opsreport::timers {

void RegisterFakeTimerScripts(redis::FakeClient& fake);

}  // namespace opsreport::timers
