// Intake throughput and latency beside the bare limits, in one run on one
// machine: gRPC echo (same credentials, same payload size) and librdkafka
// produce to the same mock cluster. Prints a markdown table with ratios.
//
//   intake_bench [--duration=10s] [--clients=32] [--paced_rate=1000] [--appendfsync=always]
#include <atomic>
#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "bench/echo.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "load.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/config/config.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/process/net.h"
#include "opsreport/stack/stack.h"
#include "opsreport/testing/temp_dir.h"
#include "opsreport/v1/intake.grpc.pb.h"

namespace opsreport::bench {
namespace {

class EchoService final : public Echo::Service {
  grpc::Status Echo(grpc::ServerContext*, const EchoMessage* in, EchoMessage* out) override {
    *out = *in;
    return grpc::Status::OK;
  }
};

struct Settings {
  absl::Duration duration = absl::Seconds(10);
  int64_t clients = 32;
  int64_t paced_rate = 1000;
  std::string appendfsync = "always";
  std::string intake_flags;
  bool aof_rewrite = false;
};

template <typename Service>
std::vector<std::unique_ptr<typename Service::Stub>> Stubs(const std::string& address, int n) {
  std::vector<std::unique_ptr<typename Service::Stub>> stubs;
  for (int i = 0; i < n; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("bench_channel", i);  // distinct channels, distinct connections
    stubs.push_back(Service::NewStub(
        grpc::CreateCustomChannel(address, grpc_util::ChannelCredentials(), args)));
  }
  return stubs;
}

int Run(const Settings& s) {
  int clients = static_cast<int>(s.clients);
  testing::TempDir dir;
  stack::StackOptions options;
  options.data_dir = dir.path();
  options.appendfsync = s.appendfsync;
  options.intake_extra_flags = s.intake_flags;
  options.aof_auto_rewrite = s.aof_rewrite;
  options.routing = false;  // intake alone, as the section measures it
  auto started = stack::Stack::Start(options);
  if (!started.ok()) {
    std::cerr << started.status() << "\n";
    return 1;
  }
  std::unique_ptr<stack::Stack> stack = *std::move(started);
  auto signer = auth::CredentialSigner::FromKeyFile(stack->key_file());
  std::string token = signer->Sign({fixtures::kDistrictUnit, fixtures::kDistrictDutyOfficer,
                                    auth::Role::kDutyOfficer, absl::Now() + absl::Hours(2)});
  v1::SpecialReport report = fixtures::MurderReport(absl::Now() - absl::Hours(1));
  std::string payload = report.SerializeAsString();
  std::vector<LoadResult> rows;

  // 1. Bare gRPC echo, same credentials and payload size.
  EchoService echo;
  int echo_port = *process::FreeTcpPort();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(absl::StrCat("127.0.0.1:", echo_port), grpc_util::ServerCredentials());
  builder.RegisterService(&echo);
  auto echo_server = builder.BuildAndStart();
  if (echo_server == nullptr) {
    std::cerr << "cannot start the echo server on port " << echo_port << "\n";
    return 1;
  }
  {
    auto stubs = Stubs<Echo>(absl::StrCat("127.0.0.1:", echo_port), clients);
    EchoMessage msg;
    msg.set_payload(payload);
    rows.push_back(ClosedLoop(absl::StrCat("bare gRPC echo, ", clients, " clients"), clients,
                              s.duration, [&](int t, int64_t seq) {
                                grpc::ClientContext ctx;
                                EchoMessage out;
                                grpc::Status st = stubs[t]->Echo(&ctx, msg, &out);
                                if (!st.ok() && seq % 10000 == 0) {
                                  std::cerr << "echo: " << st.error_code() << " "
                                            << st.error_message() << "\n";
                                }
                                return st.ok();
                              }));
  }
  echo_server->Shutdown();

  // 2. Intake submit, closed loop then paced.
  auto stubs = Stubs<v1::Intake>(stack->intake_address(), clients);
  std::string run = absl::StrCat(absl::ToUnixNanos(absl::Now()));
  auto submit = [&](const std::string& tag) {
    return [&, tag](int t, int64_t seq) {
      grpc::ClientContext ctx;
      grpc_util::AttachCredential(ctx, token);
      v1::SubmitSpecialReportRequest request;
      request.set_idempotency_key(absl::StrCat(run, tag, t, "-", seq));
      *request.mutable_report() = report;
      v1::SubmitResponse response;
      return stubs[t]->SubmitSpecialReport(&ctx, request, &response).ok();
    };
  };
  rows.push_back(ClosedLoop(absl::StrCat("intake SubmitSpecialReport, ", clients, " clients"),
                            clients, s.duration, submit("c")));
  rows.push_back(Paced(absl::StrCat("intake paced at ", s.paced_rate, "/s"), clients,
                       static_cast<double>(s.paced_rate), s.duration, submit("p")));

  // 3. Bare librdkafka produce (idempotent, acks=all) to the same mock cluster.
  (void)kafka::EnsureTopics(stack->kafka_bootstrap(), {"bench.raw"}, 6, 3);
  kafka::ProducerConfig pc;
  pc.bootstrap = stack->kafka_bootstrap();
  auto producer = *kafka::NewKafkaProducer(pc);
  rows.push_back(
      ClosedLoop(absl::StrCat("bare produce+delivery report, ", clients, " senders"), clients,
                 s.duration, [&](int t, int64_t seq) {
                   return producer->Send("bench.raw", absl::StrCat(t, "-", seq), payload).ok();
                 }));
  {
    const int64_t n = 200000;
    std::atomic<int64_t> delivered{0};
    absl::Time start = absl::Now();
    for (int64_t i = 0; i < n; ++i) {
      producer->SendAsync("bench.raw", absl::StrCat(i), payload, [&](absl::Status st) {
        if (st.ok()) ++delivered;
      });
    }
    (void)producer->Flush(absl::Seconds(120));
    LoadResult r;
    r.name = "bare produce, async pipelined";
    r.ok = delivered.load();
    r.failed = n - r.ok;
    r.seconds = absl::ToDoubleSeconds(absl::Now() - start);
    rows.push_back(r);
  }

  std::cout << absl::StrFormat(
      "\npayload %d bytes, %d clients, %s per run, redis appendfsync=%s, aof auto-rewrite %s, "
      "intake flags '%s'\n\n",
      payload.size(), clients, absl::FormatDuration(s.duration), s.appendfsync,
      s.aof_rewrite ? "on" : "off", s.intake_flags);
  std::cout << "| path | rate | p50 ms | p99 ms | max ms | failed |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows) std::cout << FormatRow(r) << "\n";
  std::cout << absl::StrFormat("\nintake / bare gRPC echo rate: %.1f%%\n",
                               100.0 * rows[1].rate() / std::max(1.0, rows[0].rate()));
  std::cout << absl::StrFormat("intake / bare produce (closed loop) rate: %.1f%%\n",
                               100.0 * rows[1].rate() / std::max(1.0, rows[3].rate()));
  return 0;
}

}  // namespace
}  // namespace opsreport::bench

int main(int argc, char** argv) {
  opsreport::bench::Settings s;
  opsreport::config::Schema schema;
  schema.Duration("duration", &s.duration, "length of each run")
      .Int("clients", &s.clients, "concurrent clients", 1, 1024)
      .Int("paced_rate", &s.paced_rate, "reports per second in the paced run", 1, 1000000)
      .String("appendfsync", &s.appendfsync, "redis fsync policy: always|everysec")
      .String("intake_flags", &s.intake_flags, "extra intake flags, space-separated")
      .Bool("aof_rewrite", &s.aof_rewrite,
            "let redis rewrite its AOF automatically during the run");
  auto raw = opsreport::config::LoadFromArgs(argc, argv);
  absl::Status st = raw.ok() ? schema.Apply(*raw) : raw.status();
  if (!st.ok()) {
    std::cerr << st.message() << "\n" << schema.Help();
    return 2;
  }
  return opsreport::bench::Run(s);
}
