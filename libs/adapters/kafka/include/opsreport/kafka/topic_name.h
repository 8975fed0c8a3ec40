#pragma once
// Kafka's rule for a topic name, checked by the clients here and by
// anything that stands in for them (e.g. the test-only FakeBroker).

#include <string_view>

#include "opsreport/base/violations.h"

namespace opsreport::kafka {

// Adds a violation under `field` unless `topic` is 1..249 characters of
// [a-zA-Z0-9._-] and not "." or "..".
void ValidateTopicName(std::string_view topic, std::string_view field,
                       base::Violations* violations);

}  // namespace opsreport::kafka
