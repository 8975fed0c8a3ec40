#pragma once
// The Lua steps behind TimerStore. Each script's argument layout is written
// above it.

#include "opsreport/redis/script.h"

namespace opsreport::timers::internal {

// Hash fields of <ns>:timer:<id>.
inline constexpr char kDueField[] = "due";
inline constexpr char kPayloadField[] = "payload";

const redis::Script& ScheduleScript();
const redis::Script& ClaimScript();
const redis::Script& ClaimLeasedScript();
const redis::Script& AckScript();
const redis::Script& RecoverScript();

}  // namespace opsreport::timers::internal
