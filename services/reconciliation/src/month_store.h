#pragma once
// What the monthly and Ministry runs leave for the reports (keys.h): the
// crimes found unreported, the year-to-date table, the region's due-date
// marks and the Ministry's figures. Loads read directly; writes are added
// to the caller's redis::Mutation so they land with the run's own step.
//
//   recon:found:<region>:<month>    HASH   proceedings -> FoundCrime (the first finding)
//   recon:monthly:<region>:<month>  STRING MonthlyReport: the table a monthly run counted
//   recon:status:<region>:<month>   HASH   check_done_at, report_submitted_at (ms), signed_by
//   recon:ministry:<month>          STRING MinistryReconciliation (partial while it runs)

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/redis/client.h"
#include "opsreport/redis/mutation.h"
#include "opsreport/v1/reconciliation.pb.h"

namespace opsreport::reconciliation_service {

// The due-date marks of a region's month; each is set once, the first time.
struct MonthMarks {
  std::optional<absl::Time> check_done_at;
  std::optional<absl::Time> report_submitted_at;
  std::optional<v1::Signature> signed_by;
};

class MonthStore {
 public:
  // Not owned; must outlive the store.
  explicit MonthStore(redis::Client* client) : client_(client) {}

  // Crimes found unreported, by proceedings number (sorted).
  absl::StatusOr<std::map<std::string, v1::FoundCrime>> Found(const std::string& region,
                                                              const std::string& month);
  absl::StatusOr<std::optional<v1::MonthlyReport>> LoadTable(const std::string& region,
                                                             const std::string& month);
  absl::StatusOr<bool> HasTable(const std::string& region, const std::string& month);
  absl::StatusOr<MonthMarks> Marks(const std::string& region, const std::string& month);
  absl::StatusOr<std::optional<v1::MinistryReconciliation>> LoadMinistry(const std::string& month);

  // The first finding counts: a re-run does not move the crime's date.
  static void AddFound(redis::Mutation& m, const std::string& region, const std::string& month,
                       const v1::FoundCrime& found);
  static void PutTable(redis::Mutation& m, const std::string& region, const std::string& month,
                       const v1::MonthlyReport& table);
  static void MarkChecked(redis::Mutation& m, const std::string& region, const std::string& month,
                          absl::Time at);
  // The first submission is the one that counts for the due date.
  static void MarkSubmitted(redis::Mutation& m, const std::string& region, const std::string& month,
                            absl::Time at, const v1::Signature& signature);
  static void PutMinistry(redis::Mutation& m, const std::string& month,
                          const v1::MinistryReconciliation& result);

 private:
  redis::Client* client_;
};

}  // namespace opsreport::reconciliation_service
