#pragma once
// Typed configuration for a component, validated at start (userver style):
// every key is declared with its type; unknown keys, malformed values and
// missing required keys are all reported together and the process refuses
// to start.
//
// Sources, later ones winning: a `key = value` file given by --config=PATH,
// then `--key=value` command-line flags (a bare `--key` means `--key=true`).

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace opsreport::config {

// Raw values with where each came from ("file.conf:3" or "--flag").
struct RawValue {
  std::string value;
  std::string origin;
};
using RawConfig = std::map<std::string, RawValue>;

// Parses `key = value` lines; '#' starts a comment line. Errors carry file:line.
absl::StatusOr<RawConfig> ParseConfigText(const std::string& text, const std::string& file_name);
// Reads --config=PATH (if given) then overlays every other --key=value flag.
absl::StatusOr<RawConfig> LoadFromArgs(int argc, char** argv);

class Schema {
 public:
  Schema& String(const std::string& key, std::string* target, const std::string& help,
                 bool required = false);
  Schema& Int(const std::string& key, int64_t* target, const std::string& help,
              int64_t min = INT64_MIN, int64_t max = INT64_MAX);
  // Accepts absl duration syntax: "250ms", "30s", "5m", "1h".
  Schema& Duration(const std::string& key, absl::Duration* target, const std::string& help);
  Schema& Bool(const std::string& key, bool* target, const std::string& help);
  // A rule across keys, run after every value is set: `check` returns the
  // fault ("" when none), reported under `key` with the other faults.
  Schema& Check(const std::string& key, std::function<std::string()> check);

  // Applies `raw` to the targets. Unknown keys are errors (typos must not be
  // silently ignored); all problems are reported in one INVALID_ARGUMENT.
  absl::Status Apply(const RawConfig& raw) const;
  std::string Help() const;

 private:
  struct Entry {
    std::string key;
    std::string help;
    bool required = false;
    std::string default_text;
    std::function<absl::Status(const std::string&)> set;
  };
  struct CrossCheck {
    std::string key;
    std::function<std::string()> check;
  };
  std::vector<Entry> entries_;
  std::vector<CrossCheck> checks_;
};

}  // namespace opsreport::config
