#pragma once
// The body of every service's main(): prepare the process, load the typed
// config (unknown keys and every other fault refused at once, with the list
// of keys printed), run the service, and turn its status into an exit code
// (0 stopped by a signal, 1 failed, 2 bad configuration).

#include <iostream>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "opsreport/config/config.h"

namespace opsreport::service {

// Blocks SIGTERM/SIGINT in every thread (Kit::ServeUntilSignal takes them
// with sigwait) and turns off Abseil's mutex deadlock detection, which
// Debian's build keeps on and which shows in profiles of the hot path; our
// lock order is simple and tested. Call before any thread starts.
void PrepareProcess();

// Blocks until SIGTERM or SIGINT (blocked by PrepareProcess); the signal.
int WaitForStopSignal();

// --config=FILE and --key=value flags applied through `schema`.
template <typename Config>
absl::StatusOr<Config> LoadConfig(int argc, char** argv, config::Schema (*schema)(Config&)) {
  absl::StatusOr<config::RawConfig> raw = config::LoadFromArgs(argc, argv);
  if (!raw.ok()) return raw.status();
  Config c;
  absl::Status applied = schema(c).Apply(*raw);
  if (!applied.ok()) return applied;
  return c;
}

// `load` is the service's LoadXConfig (LoadConfig and any checks of its
// own); `schema` prints the keys when the config is refused.
template <typename Config>
int Main(int argc, char** argv, std::string_view name, absl::StatusOr<Config> (*load)(int, char**),
         config::Schema (*schema)(Config&), absl::Status (*run)(const Config&)) {
  PrepareProcess();
  absl::StatusOr<Config> config = load(argc, argv);
  if (!config.ok()) {
    Config defaults;
    std::cerr << config.status().message() << "\n\nOptions:\n" << schema(defaults).Help();
    return 2;
  }
  absl::Status status = run(*config);
  if (!status.ok()) {
    std::cerr << name << ": " << status << "\n";
    return 1;
  }
  return 0;
}

}  // namespace opsreport::service
