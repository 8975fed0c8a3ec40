#pragma once
// Extracts handed in as files: the analytics unit's export job drops
// "<kind>-<anything>.csv|.jsonl" (kind = entries, results, suspects) into
// the directory, written under another name and renamed when complete. Each
// is applied and moved to done/, or refused and moved to rejected/ beside a
// "<file>.errors" naming every bad row and column.

#include <atomic>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "service.h"

namespace opsreport::reconciliation_service {

class DropDirectory {
 public:
  DropDirectory(ReconciliationService* service, std::string dir, absl::Duration poll);
  ~DropDirectory();  // Stop()

  // One scan; returns how many files were handled (applied or refused).
  absl::StatusOr<int> ScanOnce();
  void Start();
  void Stop();

 private:
  ReconciliationService* service_;
  std::string dir_;
  absl::Duration poll_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// The header a dropped file's name implies; INVALID_ARGUMENT naming the
// file when its name says neither kind nor format.
absl::StatusOr<v1::ExtractHeader> HeaderForFileName(const std::string& name);

}  // namespace opsreport::reconciliation_service
