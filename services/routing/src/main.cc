// opsreport-routing: moves accepted documents up the chain of levels.
#include "opsreport/service/main.h"

#include "absl/strings/str_cat.h"
#include "consumer_loop.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/service/kit.h"
#include "opsreport/timers/timer_poller.h"
#include "router.h"
#include "routing_config.h"
#include "routing_handler.h"

namespace opsreport::routing {
namespace {

absl::Status Run(const RoutingConfig& config) {
  const ConsumerTopics topics = ConsumerTopicsFrom(config);
  ASSIGN_OR_RETURN(std::unique_ptr<service::Kit> kit,
                   service::Kit::Create("opsreport-routing", config, AllTopics(config)));
  const base::Clock& clock = kit->clock();
  outbox::RedisStore hop_store(kit->redis(), "routing:hops");
  outbox::RelayOptions hop_options{config.hops_topic, config.outbox_poll, config.hop_lease, 256,
                                   absl::Milliseconds(2)};
  // A hop is delivered when the receiving level's receipt comes back, not
  // when the broker has it (the mock may evict it unread).
  hop_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
  outbox::Relay hop_relay(&hop_store, kit->producer(), &clock, hop_options);
  outbox::RedisStore publish_store(kit->redis(), "routing:pub");
  outbox::Relay publish_relay(
      &publish_store, kit->producer(), &clock,
      {config.breaches_topic, config.outbox_poll, absl::Seconds(30), 256, absl::Milliseconds(2)});

  Router router(&kit->org(), &kit->catalogue(), kit->redis(), &clock, RouterOptionsFrom(config),
                {&hop_store, hop_relay.Handoff()}, {&publish_store, publish_relay.Handoff()},
                kit->holds());
  timers::TimerPoller poller(&router.timers(), &clock,
                             [&router](const timers::Timer& t) { return router.OnTimer(t); },
                             {config.timer_poll, config.timer_lease, 256});
  service::Dispatcher dispatcher = RecordDispatcher(router, *kit->producer(), topics);
  RoutingHandler handler(&router);

  kit->Serve(&handler, "opsreport.v1.Routing");
  kit->Run(&hop_relay);
  kit->Run(&publish_relay);
  kit->Run(&poller);
  // After the relays: the loops' output is carried by them, and the loops
  // stop first.
  RETURN_IF_ERROR(kit->Consume(
      dispatcher, static_cast<int>(config.consumers),
      {{"fetch.wait.max.ms", absl::StrCat(absl::ToInt64Milliseconds(config.fetch_wait))}}));
  return kit->ServeUntilSignal();
}

}  // namespace
}  // namespace opsreport::routing

int main(int argc, char** argv) {
  namespace r = opsreport::routing;
  return opsreport::service::Main<r::RoutingConfig>(argc, argv, "opsreport-routing",
                                                    r::LoadRoutingConfig, r::RoutingSchema, r::Run);
}
