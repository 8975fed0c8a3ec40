#include "drop_dir.h"

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::reconciliation_service {
namespace fs = std::filesystem;

absl::StatusOr<v1::ExtractHeader> HeaderForFileName(const std::string& name) {
  v1::ExtractHeader header;
  header.set_name(name);
  if (absl::StartsWith(name, "entries-")) {
    header.set_kind(v1::EXTRACT_KIND_ENTRIES);
  } else if (absl::StartsWith(name, "results-")) {
    header.set_kind(v1::EXTRACT_KIND_RESULTS);
  } else if (absl::StartsWith(name, "suspects-")) {
    header.set_kind(v1::EXTRACT_KIND_SUSPECTS);
  }
  if (absl::EndsWithIgnoreCase(name, ".csv")) {
    header.set_format(v1::EXTRACT_FORMAT_CSV);
  } else if (absl::EndsWithIgnoreCase(name, ".jsonl") ||
             absl::EndsWithIgnoreCase(name, ".ndjson")) {
    header.set_format(v1::EXTRACT_FORMAT_JSON_LINES);
  }
  if (header.kind() == v1::EXTRACT_KIND_UNSPECIFIED ||
      header.format() == v1::EXTRACT_FORMAT_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat(name, ": name must be <entries|results|suspects>-<anything>.<csv|jsonl>"));
  }
  return header;
}

DropDirectory::DropDirectory(ReconciliationService* service, std::string dir, absl::Duration poll)
    : service_(service), dir_(std::move(dir)), poll_(poll) {}

DropDirectory::~DropDirectory() { Stop(); }

absl::StatusOr<int> DropDirectory::ScanOnce() {
  std::error_code ec;
  fs::create_directories(fs::path(dir_) / "done", ec);
  fs::create_directories(fs::path(dir_) / "rejected", ec);
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir_, ec)) {
    if (!e.is_regular_file()) continue;
    const std::string name = e.path().filename().string();
    if (absl::EndsWithIgnoreCase(name, ".csv") || absl::EndsWithIgnoreCase(name, ".jsonl") ||
        absl::EndsWithIgnoreCase(name, ".ndjson")) {
      files.push_back(e.path());
    }
  }
  if (ec) return absl::UnavailableError("cannot read " + dir_ + ": " + ec.message());
  std::sort(files.begin(), files.end());  // names carry dates: oldest first
  int handled = 0;
  for (const fs::path& file : files) {
    const std::string name = file.filename().string();
    absl::StatusOr<v1::ExtractHeader> header = HeaderForFileName(name);
    absl::Status status = header.status();
    if (header.ok()) {
      std::ifstream in(file, std::ios::binary);
      status = service_->IngestExtract(in, *header).status();
    }
    if (!status.ok() && !absl::IsInvalidArgument(status)) return status;  // transient: retry
    const fs::path to = fs::path(dir_) / (status.ok() ? "done" : "rejected") / name;
    if (!status.ok()) {
      std::ofstream errors(to.string() + ".errors");
      errors << status.message() << "\n";
    }
    fs::rename(file, to, ec);
    if (ec) return absl::InternalError("cannot move " + file.string() + ": " + ec.message());
    ++handled;
  }
  return handled;
}

void DropDirectory::Start() {
  stop_ = false;
  thread_ = std::thread([this] {
    while (!stop_.load()) {
      absl::StatusOr<int> n = ScanOnce();
      if (!n.ok())
        std::fprintf(stderr, "opsreport-reconciliation: drop dir: %s\n",
                     n.status().ToString().c_str());
      for (absl::Duration slept; slept < poll_ && !stop_.load(); slept += absl::Milliseconds(100)) {
        absl::SleepFor(absl::Milliseconds(100));
      }
    }
  });
}

void DropDirectory::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace opsreport::reconciliation_service
