// Durable deadline timers at scale: schedule N pending timers, measure Redis
// memory per timer, then fire them all - beside bare Redis (pipelined ZADD,
// ZPOPMIN) on the same server in the same run. Prints a markdown table.
//
//   timers_bench [--count=1000000] [--batch=1000] [--payload_bytes=64]
//                [--appendfsync=everysec,always]
//
// Each fsync policy gets its own fresh redis-server (AOF on, like production).
#include <algorithm>
#include <iostream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/config/config.h"
#include "opsreport/redis/redis_client.h"
#include "opsreport/testing/redis_server.h"
#include "opsreport/timers/timer_store.h"

namespace opsreport::bench {
namespace {

struct Settings {
  int64_t count = 1000000;
  int64_t batch = 1000;
  int64_t payload_bytes = 64;
  std::string appendfsync = "everysec,always";
};

struct Row {
  std::string name;
  int64_t items = 0;  // timers (or members) handled
  double seconds = 0;
  std::vector<double> call_ms;  // one per round trip
  int64_t memory = -1;          // used_memory delta, bytes; -1 when not measured
  int64_t server_usec = 0;      // redis-server CPU time spent on the step

  double us_per_item() const { return items ? seconds * 1e6 / items : 0; }
  double rate() const { return seconds > 0 ? items / seconds : 0; }
  double Percentile(double p) {
    if (call_ms.empty()) return 0;
    std::sort(call_ms.begin(), call_ms.end());
    return call_ms[std::min(call_ms.size() - 1, static_cast<size_t>(p * call_ms.size()))];
  }
};

// Times one round trip into `row`.
template <typename F>
auto Timed(Row& row, F f) -> decltype(f()) {
  absl::Time start = absl::Now();
  auto result = f();
  double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
  row.call_ms.push_back(ms);
  row.seconds += ms / 1e3;
  return result;
}

absl::StatusOr<int64_t> UsedMemory(redis::Client& client) {
  ASSIGN_OR_RETURN(redis::Reply info, client.Command({"INFO", "memory"}));
  for (absl::string_view line : absl::StrSplit(info.str, "\r\n")) {
    if (absl::ConsumePrefix(&line, "used_memory:")) {
      int64_t v = 0;
      if (absl::SimpleAtoi(line, &v)) return v;
    }
  }
  return absl::InternalError("INFO memory has no used_memory");
}

// CPU seconds the redis-server process has used (all threads: command
// execution, protocol, AOF writes and fsync). CPU time rather than wall time,
// so other load on the machine distorts it less.
absl::StatusOr<double> RedisCpuSeconds(redis::Client& client) {
  ASSIGN_OR_RETURN(redis::Reply info, client.Command({"INFO", "cpu"}));
  double total = 0;
  int found = 0;
  for (absl::string_view line : absl::StrSplit(info.str, "\r\n")) {
    double v = 0;
    if ((absl::ConsumePrefix(&line, "used_cpu_user:") ||
         absl::ConsumePrefix(&line, "used_cpu_sys:")) &&
        absl::SimpleAtod(line, &v)) {
      total += v;
      ++found;
    }
  }
  if (found != 2) return absl::InternalError("INFO cpu has no used_cpu_user/used_cpu_sys");
  return total;
}

absl::StatusOr<int64_t> CpuUsecSince(redis::Client& client, double start) {
  ASSIGN_OR_RETURN(double now, RedisCpuSeconds(client));
  return static_cast<int64_t>((now - start) * 1e6);
}

// Realistic shapes: a routing hop deadline id, deadlines spread over 30 days
// (so inserts land all over the sorted set, not only at its end).
std::vector<timers::Timer> MakeTimers(const Settings& s, absl::Time base) {
  std::vector<timers::Timer> out;
  out.reserve(s.count);
  std::string payload(static_cast<size_t>(s.payload_bytes), 'p');
  uint64_t x = 88172645463325252ull;
  for (int64_t i = 0; i < s.count; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64: fixed sequence
    absl::Time due = base + absl::Milliseconds(x % (30ull * 24 * 3600 * 1000));
    out.push_back({absl::StrCat("1001/2026/", i, ":hop1:ack"), due, payload});
  }
  return out;
}

absl::Status Schedule(timers::TimerStore& store, const std::vector<timers::Timer>& all,
                      int64_t batch, Row* row) {
  for (size_t i = 0; i < all.size(); i += batch) {
    std::vector<timers::Timer> slice(all.begin() + i,
                                     all.begin() + std::min(all.size(), i + batch));
    if (row) {
      RETURN_IF_ERROR(Timed(*row, [&] { return store.ScheduleMany(slice); }));
      row->items += static_cast<int64_t>(slice.size());
    } else {
      RETURN_IF_ERROR(store.ScheduleMany(slice));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<Row>> RunOne(const Settings& s, const std::string& fsync) {
  ASSIGN_OR_RETURN(auto server, testing::RedisServer::Start({.appendfsync = fsync}));
  ASSIGN_OR_RETURN(redis::RedisConfig config, redis::ParseRedisAddress(server->address()));
  config.command_timeout = absl::Seconds(60);
  ASSIGN_OR_RETURN(std::unique_ptr<redis::Client> client, redis::NewRedisClient(config));
  // An AOF rewrite forks a child that competes for the same cores mid-step;
  // the steady-state cost is what is measured here.
  RETURN_IF_ERROR(client->Command({"CONFIG", "SET", "auto-aof-rewrite-percentage", "0"}).status());
  timers::TimerStore store(client.get(), "bench");
  const int batch = static_cast<int>(s.batch);
  const absl::Time base = absl::Now();
  std::vector<timers::Timer> all = MakeTimers(s, base);
  std::vector<Row> rows;
  double cpu_start = 0;

  // 1. Bare limit: pipelined single-member ZADDs, `batch` per round trip.
  Row zadd{absl::StrFormat("bare ZADD, pipelined %d per round trip", batch)};
  ASSIGN_OR_RETURN(int64_t before, UsedMemory(*client));
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  for (size_t i = 0; i < all.size(); i += batch) {
    std::vector<std::vector<std::string>> commands;
    for (size_t j = i; j < std::min(all.size(), i + batch); ++j) {
      commands.push_back({"ZADD", "bare", absl::StrCat(absl::ToUnixMillis(all[j].due)), all[j].id});
    }
    ASSIGN_OR_RETURN(auto replies, Timed(zadd, [&] { return client->Pipeline(commands); }));
    for (const auto& r : replies) RETURN_IF_ERROR(r.ToStatus());
    zadd.items += static_cast<int64_t>(commands.size());
  }
  ASSIGN_OR_RETURN(int64_t after, UsedMemory(*client));
  zadd.memory = after - before;
  ASSIGN_OR_RETURN(zadd.server_usec, CpuUsecSince(*client, cpu_start));
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  Row zpop{absl::StrFormat("bare ZPOPMIN %d", batch)};
  while (true) {
    ASSIGN_OR_RETURN(redis::Reply popped, Timed(zpop, [&] {
                       return client->Command({"ZPOPMIN", "bare", absl::StrCat(batch)});
                     }));
    if (popped.elements.empty()) break;
    zpop.items += static_cast<int64_t>(popped.elements.size() / 2);
  }
  if (zpop.items != s.count) return absl::InternalError("bare ZPOPMIN lost members");
  ASSIGN_OR_RETURN(zpop.server_usec, CpuUsecSince(*client, cpu_start));

  // 2. TimerStore.ScheduleMany, memory per pending timer.
  ASSIGN_OR_RETURN(before, UsedMemory(*client));
  Row schedule{absl::StrFormat("TimerStore.ScheduleMany %d", batch)};
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  RETURN_IF_ERROR(Schedule(store, all, batch, &schedule));
  ASSIGN_OR_RETURN(after, UsedMemory(*client));
  schedule.memory = after - before;
  ASSIGN_OR_RETURN(schedule.server_usec, CpuUsecSince(*client, cpu_start));
  ASSIGN_OR_RETURN(int64_t pending, store.PendingCount());
  if (pending != s.count) return absl::InternalError(absl::StrCat(pending, " pending"));

  // 3. A poll that finds nothing due, with every timer pending.
  Row idle{"TimerStore.ClaimDue, nothing due (per call)"};
  // Let the AOF flush of the bulk load settle: an idle poller sees a quiet server.
  absl::SleepFor(absl::Seconds(2));
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  for (int i = 0; i < 1000; ++i) {
    ASSIGN_OR_RETURN(auto none, Timed(idle, [&] {
                       return store.ClaimDue(base - absl::Milliseconds(1), batch);
                     }));
    if (!none.empty()) return absl::InternalError("idle poll fired a timer");
    ++idle.items;
  }
  ASSIGN_OR_RETURN(idle.server_usec, CpuUsecSince(*client, cpu_start));

  // 4. Fire them all, fire-and-forget.
  Row fire{absl::StrFormat("TimerStore.ClaimDue %d", batch)};
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  while (true) {
    ASSIGN_OR_RETURN(auto fired,
                     Timed(fire, [&] { return store.ClaimDue(absl::InfiniteFuture(), batch); }));
    if (fired.empty()) break;
    fire.items += static_cast<int64_t>(fired.size());
  }
  if (fire.items != s.count) return absl::InternalError(absl::StrCat(fire.items, " fired"));
  ASSIGN_OR_RETURN(fire.server_usec, CpuUsecSince(*client, cpu_start));

  // 5. Again with leases: claim, then ack the batch (the crash-safe path).
  RETURN_IF_ERROR(Schedule(store, all, batch, nullptr));
  Row leased{absl::StrFormat("TimerStore.ClaimDueLeased %d + AckMany", batch)};
  absl::Time far = absl::Now() + absl::Hours(24 * 365);
  ASSIGN_OR_RETURN(cpu_start, RedisCpuSeconds(*client));
  while (true) {
    absl::Time start = absl::Now();
    ASSIGN_OR_RETURN(auto fired, store.ClaimDueLeased(far, absl::Minutes(5), batch));
    if (fired.empty()) break;
    std::vector<std::string> ids;
    for (const auto& t : fired) ids.push_back(t.id);
    RETURN_IF_ERROR(store.AckMany(ids));
    double ms = absl::ToDoubleMilliseconds(absl::Now() - start);
    leased.call_ms.push_back(ms);
    leased.seconds += ms / 1e3;
    leased.items += static_cast<int64_t>(fired.size());
  }
  if (leased.items != s.count) return absl::InternalError(absl::StrCat(leased.items, " leased"));
  ASSIGN_OR_RETURN(leased.server_usec, CpuUsecSince(*client, cpu_start));
  ASSIGN_OR_RETURN(redis::Reply left, client->Command({"DBSIZE"}));
  if (left.integer != 0) return absl::InternalError(absl::StrCat(left.integer, " keys left"));

  rows = {zadd, schedule, zpop, fire, leased, idle};
  return rows;
}

void Print(const Settings& s, const std::string& fsync, std::vector<Row>& rows) {
  std::cout << absl::StrFormat(
      "\n### appendfsync=%s, %d timers, %d-byte payload (AOF on, auto-rewrite off)\n\n", fsync,
      s.count, s.payload_bytes);
  std::cout << "| step | µs per timer | timers/s | round trip p50 ms | p99 ms | "
               "Redis CPU µs per timer | Redis memory B/timer | vs bare (time) |\n"
               "|---|---|---|---|---|---|---|---|\n";
  auto ratio = [](const Row& ours, const Row& bare) {
    return absl::StrFormat("%.2fx", ours.us_per_item() / bare.us_per_item());
  };
  for (size_t i = 0; i < rows.size(); ++i) {
    Row& r = rows[i];
    std::string vs = "";
    if (i == 1) vs = ratio(r, rows[0]);
    if (i == 3 || i == 4) vs = ratio(r, rows[2]);
    bool per_call = i == 5;
    std::cout << absl::StrFormat(
        "| %s | %s | %s | %.3f | %.3f | %.2f | %s | %s |\n", r.name,
        per_call ? absl::StrFormat("%.1f per call", r.us_per_item())
                 : absl::StrFormat("%.2f", r.us_per_item()),
        per_call ? absl::StrFormat("%.0f calls/s", r.rate()) : absl::StrFormat("%.0f", r.rate()),
        r.Percentile(0.5), r.Percentile(0.99), r.items ? double(r.server_usec) / r.items : 0.0,
        r.memory < 0 ? std::string("") : absl::StrFormat("%.0f", double(r.memory) / r.items), vs);
  }
}

int Run(const Settings& s) {
  for (absl::string_view fsync : absl::StrSplit(s.appendfsync, ',', absl::SkipEmpty())) {
    absl::StatusOr<std::vector<Row>> rows = RunOne(s, std::string(fsync));
    if (!rows.ok()) {
      std::cerr << "appendfsync=" << fsync << ": " << rows.status() << "\n";
      return 1;
    }
    Print(s, std::string(fsync), *rows);
  }
  return 0;
}

}  // namespace
}  // namespace opsreport::bench

int main(int argc, char** argv) {
  opsreport::bench::Settings s;
  opsreport::config::Schema schema;
  schema.Int("count", &s.count, "pending timers to schedule and fire", 1, 100000000)
      .Int("batch", &s.batch, "timers per ScheduleMany / ClaimDue round trip", 1, 100000)
      .Int("payload_bytes", &s.payload_bytes, "bytes of payload per timer", 0, 1 << 20)
      .String("appendfsync", &s.appendfsync,
              "comma-separated redis fsync policies, one fresh server each: always|everysec|no");
  auto raw = opsreport::config::LoadFromArgs(argc, argv);
  absl::Status st = raw.ok() ? schema.Apply(*raw) : raw.status();
  std::string errors = st.ok() ? "" : std::string(st.message());
  for (absl::string_view p : absl::StrSplit(s.appendfsync, ',', absl::SkipEmpty())) {
    if (p != "always" && p != "everysec" && p != "no") {
      absl::StrAppend(&errors, errors.empty() ? "" : "; ", "appendfsync: '", p,
                      "' is not always|everysec|no");
    }
  }
  if (!errors.empty()) {
    std::cerr << errors << "\n" << schema.Help();
    return 2;
  }
  return opsreport::bench::Run(s);
}
