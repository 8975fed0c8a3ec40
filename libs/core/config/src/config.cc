#include "opsreport/config/config.h"

#include <fstream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "opsreport/base/strings.h"

namespace opsreport::config {

absl::StatusOr<RawConfig> ParseConfigText(const std::string& text, const std::string& file_name) {
  RawConfig out;
  std::vector<std::string> errors;
  std::istringstream in(text);
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    std::string_view body = base::Trim(line);
    if (body.empty() || body.front() == '#') continue;
    size_t eq = body.find('=');
    std::string where = absl::StrCat(file_name, ":", line_no);
    if (eq == std::string_view::npos) {
      errors.push_back(absl::StrCat(where, ": expected 'key = value'"));
      continue;
    }
    std::string key(base::Trim(body.substr(0, eq)));
    if (key.empty()) {
      errors.push_back(absl::StrCat(where, ": empty key"));
      continue;
    }
    if (out.count(key)) errors.push_back(absl::StrCat(where, ": duplicate key '", key, "'"));
    out[key] = {std::string(base::Trim(body.substr(eq + 1))), where};
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  return out;
}

absl::StatusOr<RawConfig> LoadFromArgs(int argc, char** argv) {
  RawConfig out;
  std::vector<std::string> errors;
  std::vector<std::pair<std::string, std::string>> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      errors.push_back(absl::StrCat("argument '", arg, "': expected --key=value"));
      continue;
    }
    size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      flags.emplace_back(arg.substr(2), "true");  // a bare --flag switches a Bool on
    } else {
      flags.emplace_back(arg.substr(2, eq - 2), arg.substr(eq + 1));
    }
  }
  for (const auto& [key, value] : flags) {
    if (key != "config") continue;
    std::ifstream file(value);
    if (!file) {
      errors.push_back(absl::StrCat("--config: cannot read ", value));
      continue;
    }
    std::stringstream buf;
    buf << file.rdbuf();
    auto parsed = ParseConfigText(buf.str(), value);
    if (!parsed.ok()) {
      errors.push_back(std::string(parsed.status().message()));
      continue;
    }
    out = *std::move(parsed);
  }
  for (const auto& [key, value] : flags) {
    if (key != "config") out[key] = {value, absl::StrCat("--", key)};
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "; "));
  return out;
}

Schema& Schema::String(const std::string& key, std::string* target, const std::string& help,
                       bool required) {
  entries_.push_back({key, help, required, *target, [target](const std::string& v) {
                        *target = v;
                        return absl::OkStatus();
                      }});
  return *this;
}

Schema& Schema::Int(const std::string& key, int64_t* target, const std::string& help, int64_t min,
                    int64_t max) {
  entries_.push_back(
      {key, help, false, absl::StrCat(*target), [target, min, max](const std::string& v) {
         int64_t parsed;
         if (!absl::SimpleAtoi(v, &parsed)) {
           return absl::InvalidArgumentError("not an integer");
         }
         if (parsed < min || parsed > max) {
           return absl::InvalidArgumentError(absl::StrCat("must be in [", min, ", ", max, "]"));
         }
         *target = parsed;
         return absl::OkStatus();
       }});
  return *this;
}

Schema& Schema::Duration(const std::string& key, absl::Duration* target, const std::string& help) {
  entries_.push_back(
      {key, help, false, absl::FormatDuration(*target), [target](const std::string& v) {
         absl::Duration d;
         if (!absl::ParseDuration(v, &d) || d < absl::ZeroDuration()) {
           return absl::InvalidArgumentError("not a non-negative duration like 250ms, 30s, 5m");
         }
         *target = d;
         return absl::OkStatus();
       }});
  return *this;
}

Schema& Schema::Bool(const std::string& key, bool* target, const std::string& help) {
  entries_.push_back({key, help, false, *target ? "true" : "false", [target](const std::string& v) {
                        if (v == "true" || v == "1") {
                          *target = true;
                        } else if (v == "false" || v == "0") {
                          *target = false;
                        } else {
                          return absl::InvalidArgumentError("expected true or false");
                        }
                        return absl::OkStatus();
                      }});
  return *this;
}

Schema& Schema::Check(const std::string& key, std::function<std::string()> check) {
  checks_.push_back({key, std::move(check)});
  return *this;
}

absl::Status Schema::Apply(const RawConfig& raw) const {
  std::vector<std::string> errors;
  for (const auto& [key, value] : raw) {
    bool known = false;
    for (const auto& e : entries_) known = known || e.key == key;
    if (!known) errors.push_back(absl::StrCat(value.origin, ": unknown key '", key, "'"));
  }
  for (const auto& e : entries_) {
    auto it = raw.find(e.key);
    if (it == raw.end()) {
      if (e.required) errors.push_back(absl::StrCat("missing required key '", e.key, "'"));
      continue;
    }
    absl::Status s = e.set(it->second.value);
    if (!s.ok()) {
      errors.push_back(absl::StrCat(it->second.origin, ": ", e.key, ": ", s.message()));
    }
  }
  for (const auto& c : checks_) {
    std::string fault = c.check();
    if (!fault.empty()) errors.push_back(absl::StrCat(c.key, ": ", fault));
  }
  if (!errors.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad configuration: ", absl::StrJoin(errors, "; ")));
  }
  return absl::OkStatus();
}

std::string Schema::Help() const {
  std::string out;
  for (const auto& e : entries_) {
    absl::StrAppend(&out, "  --", e.key, "=", e.default_text.empty() ? "..." : e.default_text,
                    e.required ? "  (required)" : "", "\n      ", e.help, "\n");
  }
  return out;
}

}  // namespace opsreport::config
