// Routing end to end: a special report filed at the district (intake) climbs
// to the regional directorate and on to the Ministry, whose desk acknowledges
// it. Measured beside bare librdkafka produce->consume on the same mock
// cluster in the same run. Prints markdown tables with ratios.
//
// Desks are bots: the region (1000) and the Ministry (0001) each hold a Watch
// stream on their own unit; on every "received" chain item a small worker
// pool calls Acknowledge and (region) Forward with the head's signature.
//
//   routing_bench [--duration=10s] [--clients=128] [--paced_rate=100] [--appendfsync=always]
//                 [--routing_flags='--outbox_poll=50ms --timer_poll=200ms'] [--aof_rewrite]
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <thread>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/grpcpp.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/config/config.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/kafka/rdkafka_client.h"
#include "opsreport/redis/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/stack/stack.h"
#include "opsreport/testing/temp_dir.h"
#include "opsreport/v1/intake.grpc.pb.h"
#include "opsreport/v1/routing.grpc.pb.h"

namespace opsreport::bench {
namespace {

constexpr char kRegion[] = "1000";
constexpr char kMinistry[] = "0001";
constexpr char kRegionHead[] = "Олійник Василь Андрійович";

struct Settings {
  absl::Duration duration = absl::Seconds(10);
  int64_t clients = 128;
  int64_t paced_rate = 100;
  int64_t desk_workers = 8;
  std::string appendfsync = "always";
  std::string routing_flags = "--outbox_poll=50ms --timer_poll=200ms";
  bool aof_rewrite = false;
  absl::Duration drain = absl::Seconds(60);
};

absl::Time FromProto(const google::protobuf::Timestamp& t) {
  return absl::FromUnixSeconds(t.seconds()) + absl::Nanoseconds(t.nanos());
}

double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }

struct Stats {
  size_t n = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0;
};

Stats Percentiles(std::vector<double> v) {
  Stats s;
  s.n = v.size();
  if (v.empty()) return s;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  s.p50 = at(0.50);
  s.p90 = at(0.90);
  s.p99 = at(0.99);
  s.max = v.back();
  return s;
}

// ---------------------------------------------------------------------------
// CPU seconds of this process (the bench and the in-process mock Kafka
// brokers) and of its children (redis-server, opsreport-intake/-routing).

std::map<std::string, double> CpuSeconds() {
  std::map<std::string, double> out;
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  const pid_t self = getpid();
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
    std::ifstream in(entry.path() / "stat");
    std::string line;
    if (!std::getline(in, line)) continue;
    size_t open = line.find('('), close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos) continue;
    std::vector<std::string> f = absl::StrSplit(line.substr(close + 2), ' ');
    if (f.size() < 15) continue;
    // After "pid (comm) ": state ppid ... utime(12) stime(13) (0-based here: 11, 12).
    const pid_t pid = std::stoi(name);
    const pid_t ppid = std::stoi(f[1]);
    if (pid != self && ppid != self) continue;
    const double cpu = (std::stod(f[11]) + std::stod(f[12])) / tick;
    std::string comm = line.substr(open + 1, close - open - 1);  // 15 characters at most
    std::ifstream cmdline(entry.path() / "cmdline");
    std::string argv0;
    if (std::getline(cmdline, argv0, '\0') && !argv0.empty()) {
      // redis-server rewrites its title to "redis-server host:port".
      comm = std::filesystem::path(argv0.substr(0, argv0.find(' '))).filename().string();
    }
    out[pid == self ? std::string("bench + mock Kafka") : comm] += cpu;
  }
  return out;
}

std::string CpuDelta(const std::map<std::string, double>& before,
                     const std::map<std::string, double>& after, double wall, int64_t items) {
  std::string s;
  for (const auto& [name, cpu] : after) {
    auto it = before.find(name);
    const double d = cpu - (it == before.end() ? 0 : it->second);
    absl::StrAppendFormat(&s, "%s %.0f%% of a core (%.2f ms/report); ", name, 100 * d / wall,
                          items > 0 ? 1000 * d / static_cast<double>(items) : 0.0);
  }
  return s;
}

// ---------------------------------------------------------------------------
// What happened to each report, keyed by report id.

struct Trace {
  int phase = -1;  // who filed it: 0 warm-up, 1 closed loop, 2 paced
  absl::Time submit_start = absl::InfinitePast();
  absl::Time submit_done = absl::InfinitePast();
  absl::Time region_received = absl::InfinitePast();   // event time (server clock)
  absl::Time region_seen = absl::InfinitePast();       // the desk read the event
  absl::Time region_forwarded = absl::InfinitePast();  // Forward returned OK
  absl::Time ministry_received = absl::InfinitePast();
  absl::Time ministry_seen = absl::InfinitePast();
  absl::Time ministry_acked = absl::InfinitePast();  // Acknowledge returned OK
  bool done() const { return ministry_acked != absl::InfinitePast(); }
};

class Tracker {
 public:
  template <typename F>
  void Update(const std::string& id, F f) {
    absl::MutexLock lock(&mu_);
    f(traces_[id]);
  }
  // Registers a filed report and, if `wait_until` is set, waits until the
  // Ministry acknowledged it. False on timeout.
  bool Filed(const std::string& id, int phase, absl::Time start, absl::Time done,
             std::optional<absl::Time> wait_until) {
    absl::MutexLock lock(&mu_);
    Trace* t = &traces_[id];  // std::unordered_map: references stay valid
    t->phase = phase;
    t->submit_start = start;
    t->submit_done = done;
    if (!wait_until) return true;
    auto acked = [t]() { return t->done(); };
    return mu_.AwaitWithDeadline(absl::Condition(&acked), *wait_until);
  }
  // Waits until every report of `phase` is acknowledged at the Ministry.
  bool WaitPhase(int phase, absl::Time deadline) {
    while (true) {
      {
        absl::MutexLock lock(&mu_);
        bool all_done = true;
        for (const auto& [id, t] : traces_) {
          if (t.phase == phase && !t.done()) all_done = false;
        }
        if (all_done) return true;
      }
      if (absl::Now() >= deadline) return false;
      absl::SleepFor(absl::Milliseconds(20));
    }
  }
  std::vector<Trace> Phase(int phase) {
    absl::MutexLock lock(&mu_);
    std::vector<Trace> out;
    for (const auto& [id, t] : traces_) {
      if (t.phase == phase) out.push_back(t);
    }
    return out;
  }

 private:
  absl::Mutex mu_;
  std::unordered_map<std::string, Trace> traces_;
};

// ---------------------------------------------------------------------------
// A duty desk bot on one unit.

class Desk {
 public:
  Desk(std::string unit, const std::string& address, std::string token, int workers,
       Tracker* tracker)
      : unit_(std::move(unit)), token_(std::move(token)), tracker_(tracker) {
    for (int i = 0; i < 4; ++i) {
      grpc::ChannelArguments args;
      args.SetInt("bench_desk_channel", i);
      stubs_.push_back(v1::Routing::NewStub(
          grpc::CreateCustomChannel(address, grpc_util::ChannelCredentials(), args)));
    }
    watch_stub_ =
        v1::Routing::NewStub(grpc::CreateChannel(address, grpc_util::ChannelCredentials()));
    grpc_util::AttachCredential(watch_ctx_, token_);
    v1::WatchRequest req;
    req.set_unit_code(unit_);
    stream_ = watch_stub_->Watch(&watch_ctx_, req);
    reader_ = std::thread([this] { Read(); });
    for (int i = 0; i < workers; ++i) workers_.emplace_back([this, i] { Work(i); });
  }
  ~Desk() {
    watch_ctx_.TryCancel();
    reader_.join();
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    for (auto& t : workers_) t.join();
  }
  int64_t failures() const { return failures_.load(); }
  int64_t events() const { return events_.load(); }
  // Event kinds seen on this desk's stream ("unit change").
  std::map<std::string, int64_t> changes() {
    absl::MutexLock lock(&mu_);
    return changes_;
  }

 private:
  struct Task {
    std::string id;
    bool final;
  };

  void Read() {
    v1::RoutingEvent e;
    while (stream_->Read(&e)) {
      ++events_;
      {
        absl::MutexLock lock(&mu_);
        ++changes_[absl::StrCat(e.unit_code(), " ", e.change())];
      }
      // The Ministry sees every unit's events; a region its subtree.
      if (e.unit_code() != unit_ || e.change() != "received" || !e.has_item() ||
          e.item().hop().kind() != v1::HOP_KIND_CHAIN) {
        continue;
      }
      const absl::Time seen = absl::Now();
      const absl::Time at = FromProto(e.at());
      const bool region = unit_ == kRegion;
      tracker_->Update(e.item().item_id(), [&](Trace& t) {
        (region ? t.region_received : t.ministry_received) = at;
        (region ? t.region_seen : t.ministry_seen) = seen;
      });
      absl::MutexLock lock(&mu_);
      queue_.push_back({e.item().item_id(), e.item().final()});
    }
    grpc::Status st = stream_->Finish();
    if (!st.ok() && st.error_code() != grpc::StatusCode::CANCELLED) {
      std::cerr << "desk " << unit_ << ": watch ended: " << st.error_message() << "\n";
    }
  }

  template <typename Req>
  bool Call(int worker, const Req& req, const char* what,
            grpc::Status (v1::Routing::Stub::*method)(grpc::ClientContext*, const Req&,
                                                      v1::InboxItem*)) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      grpc::ClientContext ctx;
      ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
      grpc_util::AttachCredential(ctx, token_);
      v1::InboxItem out;
      grpc::Status st = ((*stubs_[worker % stubs_.size()]).*method)(&ctx, req, &out);
      if (st.ok()) return true;
      if (failures_++ < 5) {
        std::cerr << "desk " << unit_ << ": " << what << " " << req.item_id() << ": "
                  << st.error_code() << " " << st.error_message() << "\n";
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }

  void Work(int worker) {
    while (true) {
      Task task;
      {
        absl::MutexLock lock(&mu_);
        auto ready = [this]() { return stop_ || !queue_.empty(); };
        mu_.Await(absl::Condition(&ready));
        if (queue_.empty()) return;  // stopping
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      v1::ItemRequest ack;
      ack.set_unit_code(unit_);
      ack.set_item_id(task.id);
      if (!Call(worker, ack, "Acknowledge", &v1::Routing::Stub::Acknowledge)) continue;
      if (task.final) {
        const absl::Time now = absl::Now();
        tracker_->Update(task.id, [&](Trace& t) { t.ministry_acked = now; });
        continue;
      }
      v1::ForwardRequest fwd;
      fwd.set_unit_code(unit_);
      fwd.set_item_id(task.id);
      fwd.mutable_signature()->mutable_officer()->set_full_name(kRegionHead);
      fwd.mutable_signature()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
      fwd.mutable_signature()->mutable_signed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
      if (!Call(worker, fwd, "Forward", &v1::Routing::Stub::Forward)) continue;
      const absl::Time now = absl::Now();
      tracker_->Update(task.id, [&](Trace& t) { t.region_forwarded = now; });
    }
  }

  const std::string unit_;
  const std::string token_;
  Tracker* tracker_;
  std::vector<std::unique_ptr<v1::Routing::Stub>> stubs_;
  std::unique_ptr<v1::Routing::Stub> watch_stub_;
  grpc::ClientContext watch_ctx_;
  std::unique_ptr<grpc::ClientReader<v1::RoutingEvent>> stream_;
  std::thread reader_;
  std::vector<std::thread> workers_;
  absl::Mutex mu_;
  std::deque<Task> queue_;
  std::map<std::string, int64_t> changes_;
  bool stop_ = false;
  std::atomic<int64_t> failures_{0};
  std::atomic<int64_t> events_{0};
};

// ---------------------------------------------------------------------------

struct Row {
  std::string name;
  int64_t offered = 0;    // filed / sent
  int64_t completed = 0;  // acknowledged at the Ministry / consumed
  int64_t failed = 0;     // submit errors, timeouts
  double seconds = 0;     // first submit to last completion
  Stats latency;
  double rate() const { return seconds > 0 ? static_cast<double>(completed) / seconds : 0; }
};

// Splits a routing phase's traces into the stages of the climb.
void PrintStages(const std::string& title, const std::vector<Trace>& traces) {
  struct Stage {
    const char* name;
    std::vector<double> ms;
  };
  std::vector<Stage> stages = {
      {"district: SubmitSpecialReport RPC (intake, fsynced)", {}},
      {"district → region inbox (accepted topic, routing ingest, hop, region applies)", {}},
      {"region desk sees it (Watch stream)", {}},
      {"region desk: Acknowledge + Forward RPCs", {}},
      {"region → Ministry inbox (hop relay, Ministry applies)", {}},
      {"Ministry desk sees it (Watch stream)", {}},
      {"Ministry desk: Acknowledge RPC", {}},
      {"level 1, district: submit start → region inbox", {}},
      {"level 2, region: region inbox → forwarded", {}},
      {"level 3, Ministry: forwarded → Ministry acknowledged", {}},
      {"total: submit start → Ministry acknowledged", {}},
  };
  for (const Trace& t : traces) {
    if (!t.done() || t.region_forwarded == absl::InfinitePast()) continue;
    const absl::Time p[] = {t.submit_start,  t.submit_done,      t.region_received,
                            t.region_seen,   t.region_forwarded, t.ministry_received,
                            t.ministry_seen, t.ministry_acked};
    for (int i = 0; i < 7; ++i) stages[i].ms.push_back(Ms(p[i + 1] - p[i]));
    stages[7].ms.push_back(Ms(t.region_received - t.submit_start));
    stages[8].ms.push_back(Ms(t.region_forwarded - t.region_received));
    stages[9].ms.push_back(Ms(t.ministry_acked - t.region_forwarded));
    stages[10].ms.push_back(Ms(t.ministry_acked - t.submit_start));
  }
  std::cout << "\n"
            << title
            << "\n\n| stage | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n";
  for (auto& s : stages) {
    Stats st = Percentiles(s.ms);
    std::cout << absl::StrFormat("| %s | %.1f | %.1f | %.1f | %.1f |\n", s.name, st.p50, st.p90,
                                 st.p99, st.max);
  }
}

Row Summarize(const std::string& name, const std::vector<Trace>& traces, int64_t failed) {
  Row r;
  r.name = name;
  r.offered = static_cast<int64_t>(traces.size());
  r.failed = failed;
  absl::Time first = absl::InfiniteFuture(), last = absl::InfinitePast();
  std::vector<double> ms;
  for (const Trace& t : traces) {
    first = std::min(first, t.submit_start);
    if (!t.done()) continue;
    ++r.completed;
    last = std::max(last, t.ministry_acked);
    ms.push_back(Ms(t.ministry_acked - t.submit_start));
  }
  r.seconds = r.completed > 0 ? absl::ToDoubleSeconds(last - first) : 0;
  r.latency = Percentiles(std::move(ms));
  return r;
}

template <typename Service>
std::vector<std::unique_ptr<typename Service::Stub>> Stubs(const std::string& address, int n) {
  std::vector<std::unique_ptr<typename Service::Stub>> stubs;
  for (int i = 0; i < n; ++i) {
    grpc::ChannelArguments args;
    args.SetInt("bench_channel", i);
    stubs.push_back(Service::NewStub(
        grpc::CreateCustomChannel(address, grpc_util::ChannelCredentials(), args)));
  }
  return stubs;
}

// ---------------------------------------------------------------------------
// Bare produce -> consume on its own topic and consumer group.

class BareHop {
 public:
  BareHop(const std::string& bootstrap, const std::string& topic, size_t payload_size)
      : topic_(topic), payload_size_(payload_size) {
    kafka::ProducerConfig pc;
    pc.bootstrap = bootstrap;
    pc.client_id = "bench-bare";
    producer_ = *kafka::NewKafkaProducer(pc);
    kafka::ConsumerConfig cc;
    cc.bootstrap = bootstrap;
    cc.group_id = "bench-bare";
    cc.topics = {topic};
    cc.from_beginning = true;
    cc.extra = {{"session.timeout.ms", "4000"},
                {"heartbeat.interval.ms", "500"},
                {"fetch.wait.max.ms", "50"}};
    consumer_ = *kafka::NewKafkaConsumer(cc);
    poller_ = std::thread([this] {
      while (!stop_) {
        auto polled = consumer_->Poll(absl::Milliseconds(100));
        if (!polled.ok() || !polled->has_value()) continue;
        const absl::Time now = absl::Now();
        const kafka::Message& m = **polled;
        if (m.payload.size() < sizeof(int64_t)) continue;
        int64_t sent_ns = 0;
        std::memcpy(&sent_ns, m.payload.data(), sizeof(sent_ns));
        {
          absl::MutexLock lock(&mu_);
          consumed_[m.key] = {absl::FromUnixNanos(sent_ns), now};
        }
        (void)consumer_->AckAsync(m);
      }
    });
  }
  ~BareHop() {
    stop_ = true;
    poller_.join();
  }

  // Sends `key` stamped with `sent` (latency counts from it).
  void Send(const std::string& key, absl::Time sent) {
    std::string payload(payload_size_, 'x');
    const int64_t ns = absl::ToUnixNanos(sent);
    std::memcpy(payload.data(), &ns, sizeof(ns));
    producer_->SendAsync(topic_, key, payload, [this](absl::Status st) {
      if (!st.ok()) ++send_failed_;
    });
  }
  bool WaitFor(const std::string& key, absl::Time deadline) {
    absl::MutexLock lock(&mu_);
    auto consumed = [&]() { return consumed_.count(key) > 0; };
    return mu_.AwaitWithDeadline(absl::Condition(&consumed), deadline);
  }
  // (sent, consumed) of the keys starting with `prefix`.
  std::vector<std::pair<absl::Time, absl::Time>> Results(const std::string& prefix) {
    absl::MutexLock lock(&mu_);
    std::vector<std::pair<absl::Time, absl::Time>> out;
    for (const auto& [k, v] : consumed_) {
      if (k.rfind(prefix, 0) == 0) out.push_back(v);
    }
    return out;
  }
  int64_t send_failed() const { return send_failed_.load(); }

 private:
  const std::string topic_;
  const size_t payload_size_;
  std::unique_ptr<kafka::Producer> producer_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::thread poller_;
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> send_failed_{0};
  absl::Mutex mu_;
  std::unordered_map<std::string, std::pair<absl::Time, absl::Time>> consumed_;
};

Row BareSummary(const std::string& name, int64_t offered,
                const std::vector<std::pair<absl::Time, absl::Time>>& results) {
  Row r;
  r.name = name;
  r.offered = offered;
  r.completed = static_cast<int64_t>(results.size());
  r.failed = offered - r.completed;
  absl::Time first = absl::InfiniteFuture(), last = absl::InfinitePast();
  std::vector<double> ms;
  for (const auto& [sent, got] : results) {
    first = std::min(first, sent);
    last = std::max(last, got);
    ms.push_back(Ms(got - sent));
  }
  r.seconds = r.completed > 0 ? absl::ToDoubleSeconds(last - first) : 0;
  r.latency = Percentiles(std::move(ms));
  return r;
}

// Runs `op(thread, seq, scheduled)` at `rate` per second over `threads`
// threads for `duration`.
void PacedLoop(int threads, double rate, absl::Duration duration,
               const std::function<void(int, int64_t, absl::Time)>& op) {
  const absl::Time start = absl::Now() + absl::Milliseconds(50);
  const absl::Duration interval = absl::Seconds(threads / rate);
  const int64_t per_thread = static_cast<int64_t>(rate * absl::ToDoubleSeconds(duration) / threads);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      absl::Time scheduled = start + interval * t / threads;
      for (int64_t seq = 0; seq < per_thread; ++seq, scheduled += interval) {
        const absl::Time now = absl::Now();
        if (now < scheduled) absl::SleepFor(scheduled - now);
        op(t, seq, scheduled);
      }
    });
  }
  for (auto& th : pool) th.join();
}

int Run(const Settings& s) {
  const int clients = static_cast<int>(s.clients);
  // Few enough that rate * duration splits evenly at the default settings.
  const int paced_threads = std::min(clients, 20);
  testing::TempDir dir;
  stack::StackOptions options;
  options.data_dir = dir.path();
  options.appendfsync = s.appendfsync;
  options.aof_auto_rewrite = s.aof_rewrite;
  options.routing_extra_flags = s.routing_flags;
  options.control = false;  // routing alone
  options.reconciliation = false;
  const absl::Time t_start = absl::Now();
  auto started = stack::Stack::Start(options);
  if (!started.ok()) {
    std::cerr << started.status() << "\n";
    return 1;
  }
  std::unique_ptr<stack::Stack> stack = *std::move(started);
  std::cerr << "stack up in " << absl::FormatDuration(absl::Now() - t_start) << ", data in "
            << dir.path() << "\n";

  auto redis_config = redis::ParseRedisAddress(stack->redis_address());
  auto redis = redis::NewRedisClient(*redis_config);
  if (!redis.ok()) {
    std::cerr << "redis: " << redis.status() << "\n";
    return 1;
  }

  auto signer = auth::CredentialSigner::FromKeyFile(stack->key_file());
  const absl::Time expires = absl::Now() + absl::Hours(2);
  const std::string district_token = signer->Sign(
      {fixtures::kDistrictUnit, fixtures::kDistrictDutyOfficer, auth::Role::kDutyOfficer, expires});
  auto desk_token = [&](const std::string& unit) {
    return signer->Sign({unit, absl::StrCat("Черговий ", unit), auth::Role::kDutyOfficer, expires});
  };

  Tracker tracker;
  const int workers = static_cast<int>(s.desk_workers);
  auto region = std::make_unique<Desk>(kRegion, stack->routing_address(), desk_token(kRegion),
                                       workers, &tracker);
  auto ministry = std::make_unique<Desk>(kMinistry, stack->routing_address(), desk_token(kMinistry),
                                         workers, &tracker);
  absl::SleepFor(absl::Milliseconds(500));  // the watches take their starting cursor

  auto stubs = Stubs<v1::Intake>(stack->intake_address(), std::max(clients, 1));
  const std::string run = absl::StrCat(absl::ToUnixNanos(absl::Now()));
  std::atomic<int64_t> submit_failed{0};
  // Files one report; its id, or empty on failure.
  auto file = [&](int t, const std::string& key) -> std::string {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    grpc_util::AttachCredential(ctx, district_token);
    v1::SubmitSpecialReportRequest request;
    request.set_idempotency_key(absl::StrCat(run, key));
    *request.mutable_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
    v1::SubmitResponse response;
    grpc::Status st = stubs[t % stubs.size()]->SubmitSpecialReport(&ctx, request, &response);
    if (!st.ok()) {
      if (submit_failed++ < 5) std::cerr << "submit: " << st.error_message() << "\n";
      return "";
    }
    return response.report_id();
  };

  // 0. Warm-up: one report all the way, so that routing's consumer group has
  // its partitions (the mock takes seconds to form a group) and the desks'
  // watches run.
  std::string warm_id;
  {
    const absl::Time begin = absl::Now();
    warm_id = file(0, "warm");
    if (warm_id.empty() ||
        !tracker.Filed(warm_id, 0, begin, absl::Now(), absl::Now() + absl::Seconds(60))) {
      std::cerr << "warm-up report never acknowledged at the Ministry; see " << dir.path()
                << "/routing.log\n";
      return 1;
    }
    std::cerr << "warm-up report at the Ministry after "
              << absl::FormatDuration(absl::Now() - begin) << "\n";
  }
  size_t payload_size = 2500;
  {
    auto doc = (*redis)->Command({"GET", absl::StrCat("routing:doc:", warm_id)});
    if (doc.ok() && !doc->str.empty()) payload_size = doc->str.size();
  }

  std::vector<Row> rows;
  std::vector<std::string> cpu_notes;

  // 1. Closed loop end to end: each client files a report and waits until
  // the Ministry's desk has acknowledged it, then files the next.
  {
    std::atomic<int64_t> timeouts{0};
    const int64_t failed_before = submit_failed.load();
    auto cpu0 = CpuSeconds();
    const absl::Time begin = absl::Now();
    const absl::Time end = begin + s.duration;
    std::vector<std::thread> pool;
    for (int t = 0; t < clients; ++t) {
      pool.emplace_back([&, t] {
        for (int64_t seq = 0; absl::Now() < end; ++seq) {
          const absl::Time start = absl::Now();
          std::string id = file(t, absl::StrCat("c", t, "-", seq));
          if (id.empty()) continue;
          if (!tracker.Filed(id, 1, start, absl::Now(), absl::Now() + s.drain)) ++timeouts;
        }
      });
    }
    for (auto& th : pool) th.join();
    const double wall = absl::ToDoubleSeconds(absl::Now() - begin);
    Row r = Summarize(absl::StrCat("routing end to end, closed loop, ", clients, " clients"),
                      tracker.Phase(1), submit_failed.load() - failed_before + timeouts.load());
    cpu_notes.push_back(
        absl::StrCat("closed loop: ", CpuDelta(cpu0, CpuSeconds(), wall, r.completed)));
    rows.push_back(r);
  }

  // 2. Paced below saturation; latency counts from the scheduled time.
  {
    const int64_t failed_before = submit_failed.load();
    auto cpu0 = CpuSeconds();
    const absl::Time begin = absl::Now();
    PacedLoop(paced_threads, static_cast<double>(s.paced_rate), s.duration,
              [&](int t, int64_t seq, absl::Time scheduled) {
                std::string id = file(t, absl::StrCat("p", t, "-", seq));
                if (!id.empty()) tracker.Filed(id, 2, scheduled, absl::Now(), std::nullopt);
              });
    const bool drained = tracker.WaitPhase(2, absl::Now() + s.drain);
    const double wall = absl::ToDoubleSeconds(absl::Now() - begin);
    std::vector<Trace> traces = tracker.Phase(2);
    Row r = Summarize(absl::StrCat("routing end to end, paced at ", s.paced_rate, "/s"), traces,
                      submit_failed.load() - failed_before);
    r.failed += r.offered - r.completed;
    if (!drained) std::cerr << "paced: not all acknowledged within the drain time\n";
    cpu_notes.push_back(absl::StrCat("paced: ", CpuDelta(cpu0, CpuSeconds(), wall, r.completed)));
    rows.push_back(r);
  }
  PrintStages(absl::StrCat("Stages, closed loop (", clients, " clients):"), tracker.Phase(1));
  PrintStages(absl::StrCat("Stages, paced at ", s.paced_rate, "/s:"), tracker.Phase(2));
  const int64_t desk_failures = region->failures() + ministry->failures();
  absl::SleepFor(absl::Milliseconds(300));  // the last events reach the streams
  const std::map<std::string, int64_t> changes = ministry->changes();  // the Ministry sees all
  const size_t reports_filed = 1 + tracker.Phase(1).size() + tracker.Phase(2).size();
  region.reset();
  ministry.reset();

  // 3. Bare librdkafka produce -> consume, same cluster, same producer and
  // consumer settings, a payload the size of the routed AcceptedDocument.
  const std::string topic = "bench.bare.hop";
  if (stack->cluster() != nullptr) {
    absl::Status st = stack->cluster()->CreateTopic(topic, 6, 3);
    if (!st.ok()) std::cerr << "CreateTopic: " << st << "\n";
  }
  absl::Duration group_formed;
  int64_t bare_send_failed = 0;
  {
    BareHop bare(stack->kafka_bootstrap(), topic, payload_size);
    const absl::Time begin = absl::Now();
    bare.Send("warm", begin);
    if (!bare.WaitFor("warm", begin + absl::Seconds(60))) {
      std::cerr << "bare consumer never got its warm-up message\n";
      return 1;
    }
    group_formed = absl::Now() - begin;

    {
      const absl::Time end = absl::Now() + s.duration;
      std::atomic<int64_t> sent{0};
      std::vector<std::thread> pool;
      for (int t = 0; t < clients; ++t) {
        pool.emplace_back([&, t] {
          for (int64_t seq = 0; absl::Now() < end; ++seq) {
            const std::string key = absl::StrCat("c", t, "-", seq);
            bare.Send(key, absl::Now());
            ++sent;
            if (!bare.WaitFor(key, absl::Now() + absl::Seconds(30))) break;
          }
        });
      }
      for (auto& th : pool) th.join();
      rows.push_back(
          BareSummary(absl::StrCat("bare produce→consume, closed loop, ", clients, " clients"),
                      sent.load(), bare.Results("c")));
    }
    auto wait_all = [&](const std::string& prefix, int64_t n) {
      const absl::Time give_up = absl::Now() + absl::Seconds(60);
      while (absl::Now() < give_up && static_cast<int64_t>(bare.Results(prefix).size()) < n) {
        absl::SleepFor(absl::Milliseconds(20));
      }
    };
    {
      std::atomic<int64_t> sent{0};
      PacedLoop(paced_threads, static_cast<double>(s.paced_rate), s.duration,
                [&](int t, int64_t seq, absl::Time scheduled) {
                  bare.Send(absl::StrCat("p", t, "-", seq), scheduled);
                  ++sent;
                });
      wait_all("p", sent.load());
      rows.push_back(
          BareSummary(absl::StrCat("bare produce→consume, paced at ", s.paced_rate, "/s"),
                      sent.load(), bare.Results("p")));
    }
    {
      // The ceiling: everything sent at once, one consumer draining it. Kept
      // small: the mock keeps only a few MB per partition and evicts what a
      // lagging consumer has not read yet.
      const int64_t n = 5000;
      for (int64_t i = 0; i < n; ++i) bare.Send(absl::StrCat("f", i), absl::Now());
      wait_all("f", n);
      rows.push_back(BareSummary(absl::StrCat("bare produce→consume, ", n, " sent at once"), n,
                                 bare.Results("f")));
    }
    bare_send_failed = bare.send_failed();
  }

  std::cout << absl::StrFormat(
      "\nrouting: %d clients, %s per run, AcceptedDocument %d bytes, redis appendfsync=%s, aof "
      "auto-rewrite %s, routing flags '%s', %d desk workers per level\n"
      "bare consumer group formed in %s; desk call failures %d; bare send failures %d\n\n",
      clients, absl::FormatDuration(s.duration), payload_size, s.appendfsync,
      s.aof_rewrite ? "on" : "off", s.routing_flags, workers, absl::FormatDuration(group_formed),
      desk_failures, bare_send_failed);
  std::cout << "| path | done / offered | failed | rate | p50 ms | p90 ms | p99 ms | max ms | "
               "rate vs bare | p50 vs bare |\n|---|---|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < rows.size(); ++i) {
    const Row& r = rows[i];
    std::string vs_rate, vs_p50;
    if (i < 2 && rows.size() >= 4) {
      const Row& b = rows[i + 2];  // the bare row of the same shape
      vs_rate = absl::StrFormat("%.1f%%", 100.0 * r.rate() / std::max(1e-9, b.rate()));
      vs_p50 = absl::StrFormat("%.1fx", r.latency.p50 / std::max(1e-9, b.latency.p50));
    }
    std::cout << absl::StrFormat(
        "| %s | %d / %d | %d | %.1f/s | %.1f | %.1f | %.1f | %.1f | %s | %s |\n", r.name,
        r.completed, r.offered, r.failed, r.rate(), r.latency.p50, r.latency.p90, r.latency.p99,
        r.latency.max, vs_rate, vs_p50);
  }
  if (rows.size() >= 5) {
    // The climb crosses Kafka three times in sequence (intake's accepted
    // topic, district->region hop, region->Ministry hop), plus two receipts
    // off the critical path: five records per report.
    std::cout << absl::StrFormat(
        "\nAgainst one hop: the climb is three Kafka passes in sequence. Three bare hops at the "
        "paced p50: %.1f ms (routing paced p50 is %.1fx that); closed loop %.1f ms (routing "
        "%.1fx).\nRouting closed-loop rate / bare rate when everything is sent at once: %.2f%% "
        "(per Kafka record, 5 records per report: %.2f%%).\n",
        3 * rows[3].latency.p50, rows[1].latency.p50 / std::max(1e-9, 3 * rows[3].latency.p50),
        3 * rows[2].latency.p50, rows[0].latency.p50 / std::max(1e-9, 3 * rows[2].latency.p50),
        100.0 * rows[0].rate() / std::max(1e-9, rows[4].rate()),
        500.0 * rows[0].rate() / std::max(1e-9, rows[4].rate()));
  }
  std::cout << "\nLive-view events per report filed (" << reports_filed << " reports): ";
  for (const auto& [change, n] : changes) {
    std::cout << absl::StrFormat("%s %.2f; ", change,
                                 static_cast<double>(n) / static_cast<double>(reports_filed));
  }
  std::cout << "\n";
  for (const char* name : {"routing", "intake"}) {
    std::ifstream log(absl::StrCat(dir.path(), "/", name, ".log"));
    std::string line;
    int64_t lines = 0;
    std::vector<std::string> first;
    while (std::getline(log, line)) {
      if (line.find("listening on") != std::string::npos) continue;
      if (lines++ < 3) first.push_back(line);
    }
    std::cout << name << ".log: " << lines << " lines besides startup";
    for (const auto& l : first) std::cout << "\n  " << l;
    std::cout << "\n";
  }
  std::cout << "\nCPU while running (share of one core; per completed report):\n";
  for (const auto& n : cpu_notes) std::cout << "- " << n << "\n";
  std::cout << "\nDeadline timers: see bench/timers_bench in docs/BENCHMARKS.md.\n";
  return 0;
}

}  // namespace
}  // namespace opsreport::bench

int main(int argc, char** argv) {
  opsreport::bench::Settings s;
  opsreport::config::Schema schema;
  schema.Duration("duration", &s.duration, "length of each run")
      .Int("clients", &s.clients, "concurrent filing clients", 1, 1024)
      .Int("paced_rate", &s.paced_rate, "reports per second in the paced run", 1, 100000)
      .Int("desk_workers", &s.desk_workers, "worker threads per desk bot", 1, 256)
      .String("appendfsync", &s.appendfsync, "redis fsync policy: always|everysec")
      .String("routing_flags", &s.routing_flags, "extra routing flags, space-separated")
      .Bool("aof_rewrite", &s.aof_rewrite, "let redis rewrite its AOF automatically during the run")
      .Duration("drain", &s.drain, "how long to wait for filed reports to reach the Ministry");
  auto raw = opsreport::config::LoadFromArgs(argc, argv);
  absl::Status st = raw.ok() ? schema.Apply(*raw) : raw.status();
  if (!st.ok()) {
    std::cerr << st.message() << "\n" << schema.Help();
    return 2;
  }
  return opsreport::bench::Run(s);
}
