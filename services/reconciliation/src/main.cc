// opsreport-reconciliation: ЄРДР extracts against the special reports
// (002 §3.7, §7.7–§7.9).
#include "opsreport/service/main.h"

#include "drop_dir.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/outbox/relay.h"
#include "opsreport/service/kit.h"
#include "opsreport/timers/timer_poller.h"
#include "reconciliation_config.h"
#include "reconciliation_handler.h"
#include "service.h"

namespace opsreport::reconciliation_service {
namespace {

absl::Status Run(const ReconciliationConfig& config) {
  ASSIGN_OR_RETURN(std::unique_ptr<service::Kit> kit,
                   service::Kit::Create("opsreport-reconciliation", config,
                                        {config.accepted_topic, config.delivered_topic,
                                         config.requests_topic, config.receipts_topic}));
  ASSIGN_OR_RETURN(ServiceOptions options, ServiceOptionsFrom(config, kit->org()));
  const base::Clock& clock = kit->clock();
  outbox::RedisStore request_store(kit->redis(), "recon");
  outbox::RelayOptions relay_options;
  relay_options.default_topic = config.requests_topic;
  relay_options.poll_interval = config.outbox_poll;
  relay_options.lease = config.request_lease;
  relay_options.clear_on = outbox::RelayOptions::ClearOn::kReceiver;
  outbox::Relay relay(&request_store, kit->producer(), &clock, relay_options);
  ReconciliationService service(kit->redis(), &kit->org(), &kit->catalogue(), &clock, options,
                                {&request_store, relay.Handoff()}, kit->holds());
  RETURN_IF_ERROR(service.EnsureScheduled());
  timers::TimerPoller poller(&service.timers(), &clock,
                             [&service](const timers::Timer& t) { return service.OnTimer(t); },
                             {config.timer_poll, absl::Minutes(5), 64});
  std::unique_ptr<DropDirectory> drop;
  if (!config.drop_dir.empty()) {
    drop = std::make_unique<DropDirectory>(&service, config.drop_dir, config.drop_poll);
  }
  ReconciliationHandler handler(&service, config.spool_dir, config.max_extract_bytes);

  kit->SetMaxReceiveMessageSize(8 << 20);
  kit->Serve(&handler, "opsreport.v1.Reconciliation");
  kit->Run(&relay);
  kit->Run(&poller);
  RETURN_IF_ERROR(kit->Consume(service.dispatcher()));
  kit->Run(
      [&service] {
        service.StartWorker();
        return absl::OkStatus();
      },
      [&service] { service.StopWorker(); });
  if (drop) kit->Run(drop.get());
  return kit->ServeUntilSignal();
}

}  // namespace
}  // namespace opsreport::reconciliation_service

int main(int argc, char** argv) {
  namespace rs = opsreport::reconciliation_service;
  return opsreport::service::Main<rs::ReconciliationConfig>(argc, argv, "opsreport-reconciliation",
                                                            rs::LoadReconciliationConfig,
                                                            rs::ReconciliationSchema, rs::Run);
}
