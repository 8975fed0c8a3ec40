#include "month_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "keys.h"
#include "opsreport/base/status_macros.h"

namespace opsreport::reconciliation_service {
namespace {

std::optional<absl::Time> MillisField(const std::map<std::string, std::string>& fields,
                                      const std::string& name) {
  auto it = fields.find(name);
  int64_t ms = 0;
  if (it == fields.end() || !absl::SimpleAtoi(it->second, &ms)) return std::nullopt;
  return absl::FromUnixMillis(ms);
}

std::string Millis(absl::Time at) { return absl::StrCat(absl::ToUnixMillis(at)); }

}  // namespace

absl::StatusOr<std::map<std::string, v1::FoundCrime>> MonthStore::Found(const std::string& region,
                                                                        const std::string& month) {
  ASSIGN_OR_RETURN(redis::Reply all, client_->Command({"HGETALL", keys::Found(region, month)}));
  ASSIGN_OR_RETURN(auto fields, all.AsStringMap());
  std::map<std::string, v1::FoundCrime> out;
  for (const auto& [proc, bytes] : fields) {
    if (!out[proc].ParseFromString(bytes)) {
      return absl::DataLossError("found crime " + proc + " does not parse");
    }
  }
  return out;
}

absl::StatusOr<std::optional<v1::MonthlyReport>> MonthStore::LoadTable(const std::string& region,
                                                                       const std::string& month) {
  ASSIGN_OR_RETURN(redis::Reply saved,
                   client_->Command({"GET", keys::MonthlyTable(region, month)}));
  if (saved.is_nil()) return std::nullopt;
  v1::MonthlyReport table;
  if (!table.ParseFromString(saved.str)) return absl::DataLossError("monthly table corrupt");
  return table;
}

absl::StatusOr<bool> MonthStore::HasTable(const std::string& region, const std::string& month) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"EXISTS", keys::MonthlyTable(region, month)}));
  return r.integer != 0;
}

absl::StatusOr<MonthMarks> MonthStore::Marks(const std::string& region, const std::string& month) {
  ASSIGN_OR_RETURN(redis::Reply r, client_->Command({"HGETALL", keys::MonthStatus(region, month)}));
  ASSIGN_OR_RETURN(auto fields, r.AsStringMap());
  MonthMarks marks;
  marks.check_done_at = MillisField(fields, "check_done_at");
  marks.report_submitted_at = MillisField(fields, "report_submitted_at");
  if (auto it = fields.find("signed_by"); it != fields.end()) {
    marks.signed_by.emplace().ParseFromString(it->second);
  }
  return marks;
}

absl::StatusOr<std::optional<v1::MinistryReconciliation>> MonthStore::LoadMinistry(
    const std::string& month) {
  ASSIGN_OR_RETURN(redis::Reply saved, client_->Command({"GET", keys::Ministry(month)}));
  if (saved.is_nil()) return std::nullopt;
  v1::MinistryReconciliation result;
  if (!result.ParseFromString(saved.str)) {
    return absl::DataLossError("the Ministry's reconciliation of " + month + " does not parse");
  }
  return result;
}

void MonthStore::AddFound(redis::Mutation& m, const std::string& region, const std::string& month,
                          const v1::FoundCrime& found) {
  m.Do({"HSETNX", keys::Found(region, month), found.proceedings_number(),
        found.SerializeAsString()});
}

void MonthStore::PutTable(redis::Mutation& m, const std::string& region, const std::string& month,
                          const v1::MonthlyReport& table) {
  m.Do({"SET", keys::MonthlyTable(region, month), table.SerializeAsString()});
}

void MonthStore::MarkChecked(redis::Mutation& m, const std::string& region,
                             const std::string& month, absl::Time at) {
  m.Do({"HSETNX", keys::MonthStatus(region, month), "check_done_at", Millis(at)});
}

void MonthStore::MarkSubmitted(redis::Mutation& m, const std::string& region,
                               const std::string& month, absl::Time at,
                               const v1::Signature& signature) {
  m.Do({"HSETNX", keys::MonthStatus(region, month), "report_submitted_at", Millis(at)})
      .Do({"HSETNX", keys::MonthStatus(region, month), "signed_by", signature.SerializeAsString()});
}

void MonthStore::PutMinistry(redis::Mutation& m, const std::string& month,
                             const v1::MinistryReconciliation& result) {
  m.Do({"SET", keys::Ministry(month), result.SerializeAsString()});
}

}  // namespace opsreport::reconciliation_service
