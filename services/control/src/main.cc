// opsreport-control: Ministry control files (002 §7.6) and coordination of
// law-enforcement bodies under each jurisdiction's rule set.
#include "opsreport/service/main.h"

#include "control_config.h"
#include "control_handler.h"
#include "controller.h"
#include "coordinator.h"
#include "delivery_consumer.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/calendar/deadline.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/service/dispatcher.h"
#include "opsreport/service/kit.h"
#include "opsreport/timers/timer_poller.h"

namespace opsreport::control {
namespace {

outbox::RelayOptions EventRelay(const ControlConfig& config, const std::string& topic) {
  return {topic, config.outbox_poll, absl::Seconds(30), 256, absl::Milliseconds(2)};
}

absl::Status Run(const ControlConfig& config) {
  ASSIGN_OR_RETURN(auto rule_sets, coordination_rules::LoadRuleSets(config.coordination_rule_sets));
  CoordinatorOptions coordination;
  coordination.events_topic = config.coordination_topic;
  ASSIGN_OR_RETURN(coordination.reminders.lead, calendar::Deadline::Parse(config.reminder_lead));
  ASSIGN_OR_RETURN(coordination.reminders.interval,
                   calendar::Deadline::Parse(config.reminder_interval));
  std::vector<std::string> topics = {config.delivered_topic, config.events_topic,
                                     config.coordination_topic, config.hop_receipts_topic};
  if (!config.delivery_receipts_topic.empty() &&
      config.delivery_receipts_topic != config.hop_receipts_topic) {
    topics.push_back(config.delivery_receipts_topic);
  }
  ASSIGN_OR_RETURN(std::unique_ptr<service::Kit> kit,
                   service::Kit::Create("opsreport-control", config, topics));
  const base::Clock& clock = kit->clock();

  outbox::RedisStore control_store(kit->redis(), "control:pub");
  outbox::Relay relay(&control_store, kit->producer(), &clock,
                      EventRelay(config, config.events_topic));
  ControllerOptions options;
  options.events_topic = config.events_topic;
  options.transfer_allowed = config.transfer_allowed;
  Controller controller(&kit->org(), &kit->catalogue(), kit->redis(), kit->holds(), &clock, options,
                        {&control_store, relay.Handoff()});
  outbox::RedisStore coordination_store(kit->redis(), "coord:pub");
  outbox::Relay coordination_relay(&coordination_store, kit->producer(), &clock,
                                   EventRelay(config, config.coordination_topic));
  Coordinator coordinator(&kit->org(), std::move(rule_sets), kit->redis(), &clock, coordination,
                          {&coordination_store, coordination_relay.Handoff()});
  timers::TimerPoller poller(
      &controller.timers(), &clock,
      [&controller](const timers::Timer& t) { return controller.OnTimer(t); },
      {config.timer_poll, absl::Seconds(30), 256});
  timers::TimerPoller coordination_poller(
      &coordinator.timers(), &clock,
      [&coordinator](const timers::Timer& t) { return coordinator.OnTimer(t); },
      {config.timer_poll, absl::Seconds(30), 256});
  service::Dispatcher dispatcher;
  // A delivery may be read before routing's receipt of its hop, and a
  // supplement's before its report's: the Controller holds them.
  dispatcher
      .On<v1::InboxItem>(topics::kRoutingDelivered, config.delivered_topic,
                         [&](const v1::InboxItem& item, const kafka::Message& m) {
                           return ApplyDelivery(controller, *kit->producer(),
                                                config.delivery_receipts_topic, item, m);
                         })
      // A receipt needs nothing before it: it only marks its hop and applies
      // what waits for it.
      .On<v1::HopReceipt>(topics::kRoutingReceipts, config.hop_receipts_topic,
                          [&](const v1::HopReceipt& receipt, const kafka::Message&) {
                            return controller.OnHopReceipt(receipt);
                          });
  ControlHandler handler(&controller);
  CoordinationHandler coordination_handler(&coordinator);

  kit->Serve(&handler, "opsreport.v1.Control");
  kit->Serve(&coordination_handler, "opsreport.v1.Coordination");
  kit->Run(&relay);
  kit->Run(&coordination_relay);
  kit->Run(&poller);
  kit->Run(&coordination_poller);
  RETURN_IF_ERROR(kit->Consume(dispatcher));
  return kit->ServeUntilSignal();
}

}  // namespace
}  // namespace opsreport::control

int main(int argc, char** argv) {
  namespace c = opsreport::control;
  return opsreport::service::Main<c::ControlConfig>(argc, argv, "opsreport-control",
                                                    c::LoadControlConfig, c::ControlSchema, c::Run);
}
