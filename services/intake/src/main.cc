// opsreport-intake: duty desks file special reports and supplements here.
#include "opsreport/service/main.h"

#include "intake.h"
#include "intake_config.h"
#include "intake_handler.h"
#include "intake_outbox.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/service/dispatcher.h"
#include "opsreport/service/kit.h"
#include "redis_report_store.h"

namespace opsreport::intake {
namespace {

absl::Status Run(const IntakeConfig& config) {
  std::vector<std::string> topics = {config.topic};
  if (!config.receipts_topic.empty()) topics.push_back(config.receipts_topic);
  ASSIGN_OR_RETURN(std::unique_ptr<service::Kit> kit,
                   service::Kit::Create("opsreport-intake", config, topics));
  const base::Clock& clock = kit->clock();
  RedisReportStore store(kit->redis());
  IntakeOutbox intake_outbox(&store);
  outbox::RelayOptions relay_options{config.topic, config.outbox_poll, config.outbox_lease, 256,
                                     absl::Milliseconds(2)};
  // Delivered means applied by routing, not merely taken by the broker: a
  // record the broker confirmed can still go unread (the mock evicts, and
  // lost some under injected errors in the fault suite).
  if (!config.receipts_topic.empty()) {
    relay_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
  }
  outbox::Relay relay(&intake_outbox, kit->producer(), &clock, relay_options);
  report_rules::ReportValidator validator(&kit->catalogue(), &kit->content_rules(), &kit->org(),
                                          &clock);
  Intake intake(
      &validator, &kit->org(), &store, &clock,
      [&relay](v1::AcceptedDocument doc) { relay.Enqueue(ToMessage(doc)); }, config.outbox_lease);
  IntakeHandler handler(&intake);

  kit->Serve(&handler, "opsreport.v1.Intake");
  kit->Run(&relay);
  service::Dispatcher dispatcher;
  if (!config.receipts_topic.empty()) {
    // Receipts clear outbox entries written before their documents were
    // sent, so none can come before what it clears: nothing is held here.
    dispatcher.On<v1::AcceptedReceipt>(
        topics::kReportsReceipts, config.receipts_topic,
        [&relay](const v1::AcceptedReceipt& receipt, const kafka::Message&) {
          return ClearOnReceipt(relay, receipt);
        });
    RETURN_IF_ERROR(kit->Consume(dispatcher, 1,
                                 {{"session.timeout.ms", "6000"}, {"fetch.wait.max.ms", "500"}}));
  }
  return kit->ServeUntilSignal(absl::Seconds(5));
}

}  // namespace
}  // namespace opsreport::intake

int main(int argc, char** argv) {
  namespace i = opsreport::intake;
  return opsreport::service::Main<i::IntakeConfig>(argc, argv, "opsreport-intake",
                                                   i::LoadIntakeConfig, i::IntakeSchema, i::Run);
}
