#include "memory_report_store.h"

#include "absl/strings/str_cat.h"

namespace opsreport::intake {

absl::StatusOr<AcceptOutcome> MemoryReportStore::Accept(const AcceptRequest& request) {
  absl::MutexLock lock(&mu_);
  const v1::AcceptedDocument& doc = request.document;
  std::string idem = absl::StrCat(doc.unit_code(), ":", doc.idempotency_key());
  if (auto it = by_idempotency_.find(idem); it != by_idempotency_.end()) {
    const Stored& s = docs_.at(it->second);
    if (s.fingerprint != request.fingerprint) {
      return absl::AlreadyExistsError(absl::StrCat("idempotency key '", doc.idempotency_key(),
                                                   "' was already used for a different document"));
    }
    return AcceptOutcome{it->second, s.doc.registration_number(), s.doc.outgoing_number(), true};
  }
  if (!request.original_outgoing_number.empty() &&
      !by_outgoing_.count(request.original_outgoing_number)) {
    return absl::FailedPreconditionError(
        absl::StrCat("no accepted report has outgoing number ", request.original_outgoing_number));
  }
  int64_t seq = ++sequences_[absl::StrCat(doc.unit_code(), ":", request.year)];
  std::string out = absl::StrCat(doc.unit_code(), "/", request.year, "/", seq);
  Stored stored{doc, request.fingerprint};
  ApplyNumbers(stored.doc, seq, out);
  docs_[doc.id()] = stored;
  by_outgoing_[out] = doc.id();
  by_idempotency_[idem] = doc.id();
  if (doc.has_supplement()) supplements_[doc.root_report_id()].push_back(doc.id());
  outbox_[doc.id()] = request.outbox_due;
  return AcceptOutcome{doc.id(), seq, out, false};
}

absl::StatusOr<std::optional<v1::AcceptedDocument>> MemoryReportStore::Get(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = docs_.find(id);
  if (it == docs_.end()) return std::nullopt;
  return it->second.doc;
}

absl::StatusOr<std::optional<std::string>> MemoryReportStore::FindByOutgoingNumber(
    const std::string& outgoing_number) {
  absl::MutexLock lock(&mu_);
  auto it = by_outgoing_.find(outgoing_number);
  if (it == by_outgoing_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<std::string>> MemoryReportStore::Supplements(const std::string& id) {
  absl::MutexLock lock(&mu_);
  auto it = supplements_.find(id);
  if (it == supplements_.end()) return std::vector<std::string>{};
  return it->second;
}

absl::StatusOr<std::vector<std::string>> MemoryReportStore::ClaimDue(absl::Time now,
                                                                     absl::Duration lease,
                                                                     int limit) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> out;
  for (auto& [id, due] : outbox_) {
    if (static_cast<int>(out.size()) >= limit) break;
    if (due <= now) {
      due = now + lease;
      out.push_back(id);
    }
  }
  return out;
}

absl::Status MemoryReportStore::Acknowledge(const std::vector<std::string>& ids) {
  absl::MutexLock lock(&mu_);
  for (const auto& id : ids) outbox_.erase(id);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> MemoryReportStore::OutboxSize() {
  absl::MutexLock lock(&mu_);
  return static_cast<int64_t>(outbox_.size());
}

size_t MemoryReportStore::DocumentCount() const {
  absl::MutexLock lock(&mu_);
  return docs_.size();
}

}  // namespace opsreport::intake
