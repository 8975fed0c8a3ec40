#include "load.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"

namespace opsreport::bench {
namespace {

LoadResult Summarize(const std::string& name, std::vector<std::vector<double>>& per_thread,
                     int64_t failed, double seconds) {
  std::vector<double> all;
  for (auto& v : per_thread) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  LoadResult r;
  r.name = name;
  r.ok = static_cast<int64_t>(all.size());
  r.failed = failed;
  r.seconds = seconds;
  if (!all.empty()) {
    r.p50_ms = all[all.size() / 2];
    r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
    r.max_ms = all.back();
  }
  return r;
}

}  // namespace

LoadResult ClosedLoop(const std::string& name, int clients, absl::Duration duration,
                      const std::function<bool(int, int64_t)>& op) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int64_t> failed{0};
  absl::Time start = absl::Now();
  absl::Time end = start + duration;
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      for (int64_t seq = 0; absl::Now() < end; ++seq) {
        absl::Time begin = absl::Now();
        if (op(t, seq)) {
          latencies[t].push_back(absl::ToDoubleMilliseconds(absl::Now() - begin));
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return Summarize(name, latencies, failed, absl::ToDoubleSeconds(absl::Now() - start));
}

LoadResult Paced(const std::string& name, int clients, double rate, absl::Duration duration,
                 const std::function<bool(int, int64_t)>& op) {
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int64_t> failed{0};
  absl::Time start = absl::Now() + absl::Milliseconds(50);
  absl::Duration interval = absl::Seconds(clients / rate);
  int64_t per_thread = static_cast<int64_t>(rate * absl::ToDoubleSeconds(duration) / clients);
  std::vector<std::thread> threads;
  for (int t = 0; t < clients; ++t) {
    threads.emplace_back([&, t] {
      absl::Time scheduled = start + interval * t / clients;
      for (int64_t seq = 0; seq < per_thread; ++seq, scheduled += interval) {
        absl::Time now = absl::Now();
        if (now < scheduled) absl::SleepFor(scheduled - now);
        if (op(t, seq)) {
          latencies[t].push_back(absl::ToDoubleMilliseconds(absl::Now() - scheduled));
        } else {
          ++failed;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  return Summarize(name, latencies, failed, absl::ToDoubleSeconds(absl::Now() - start));
}

std::string FormatRow(const LoadResult& r) {
  return absl::StrFormat("| %-44s | %9.0f/s | %8.2f | %8.2f | %8.2f | %6d |", r.name, r.rate(),
                         r.p50_ms, r.p99_ms, r.max_ms, r.failed);
}

}  // namespace opsreport::bench
