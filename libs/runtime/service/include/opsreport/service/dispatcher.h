#pragma once
// A consumer loop's handler that dispatches each record on the topic
// contract (opsreport/topics/topics.h): one typed handler per topic, the
// payload parsed as the message the contract declares for it. Registering a
// handler of another message type is a programming error and aborts at
// start, so a topic cannot be read as something it does not carry.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "opsreport/kafka/message.h"
#include "opsreport/topics/topics.h"

namespace opsreport::service {

class Dispatcher {
 public:
  template <typename Proto>
  using Handler = std::function<absl::Status(const Proto&, const kafka::Message&)>;

  // `name` is the topic's configured name (by default topic.name).
  template <typename Proto>
  Dispatcher& On(const topics::Topic& topic, const std::string& name, Handler<Proto> handler) {
    CheckPayload(topic, Proto::descriptor()->full_name());
    contract_[name] = &topic;
    handlers_[name] = [&topic, handler = std::move(handler)](const kafka::Message& m) {
      Proto proto;
      if (!proto.ParseFromString(m.payload)) {
        return absl::InvalidArgumentError(
            absl::StrCat(m.topic, ": payload is not a ", std::string(topic.payload)));
      }
      return handler(proto, m);
    };
    return *this;
  }

  // The configured names, for the consumer's subscription.
  std::vector<std::string> topics() const;

  // Whether the contract says records with one key on the topic named
  // `name` must be applied in order (topics::Topic::keeps_key_order).
  bool KeepsKeyOrder(const std::string& name) const;

  // INVALID_ARGUMENT for a record that does not parse or comes from a topic
  // with no handler (it can never be applied); otherwise the handler's status.
  absl::Status operator()(const kafka::Message& message) const;

 private:
  static void CheckPayload(const topics::Topic& topic, const std::string& full_name);

  std::map<std::string, std::function<absl::Status(const kafka::Message&)>> handlers_;
  std::map<std::string, const topics::Topic*> contract_;
};

}  // namespace opsreport::service
