#include "opsreport/kafka/topic_name.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace opsreport::kafka {

void ValidateTopicName(std::string_view topic, std::string_view field,
                       base::Violations* violations) {
  if (topic.empty()) {
    violations->Add(field, "topic name is empty");
    return;
  }
  if (topic.size() > 249) {
    violations->Add(
        field, absl::StrCat("topic name has ", topic.size(), " characters; at most 249 allowed"));
  }
  if (topic == "." || topic == "..") {
    violations->Add(field, "topic name cannot be \".\" or \"..\"");
  }
  for (char c : topic) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      violations->Add(field, absl::StrCat("topic name \"", std::string(topic),
                                          "\" has a character outside [a-zA-Z0-9._-]"));
      break;
    }
  }
}

}  // namespace opsreport::kafka
