#pragma once

#include <cstdint>
#include <string>

namespace opsreport::kafka {

// One record as read from a topic. `offset` is the record's position in its
// partition; acknowledging it commits `offset + 1` for the consumer group.
struct Message {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  std::string key;
  std::string payload;

  bool operator==(const Message&) const = default;
};

}  // namespace opsreport::kafka
