#include "opsreport/service/dispatcher.h"

#include <cstdlib>
#include <iostream>

namespace opsreport::service {

void Dispatcher::CheckPayload(const topics::Topic& topic, const std::string& full_name) {
  if (full_name == topic.payload) return;
  std::cerr << "topic contract: " << topic.name << " carries " << topic.payload << ", not "
            << full_name << std::endl;
  std::abort();
}

std::vector<std::string> Dispatcher::topics() const {
  std::vector<std::string> names;
  for (const auto& [name, handler] : handlers_) names.push_back(name);
  return names;
}

bool Dispatcher::KeepsKeyOrder(const std::string& name) const {
  auto it = contract_.find(name);
  return it != contract_.end() && it->second->keeps_key_order;
}

absl::Status Dispatcher::operator()(const kafka::Message& message) const {
  auto it = handlers_.find(message.topic);
  if (it == handlers_.end()) {
    return absl::InvalidArgumentError("record from an unexpected topic " + message.topic);
  }
  return it->second(message);
}

}  // namespace opsreport::service
