#pragma once
// The register's entries (from extracts) and the projection of the special
// reports (from intake's accepted documents and routing's deliveries to the
// Ministry), indexed per region by month and by day so the jobs read them
// in the merge-join's order. Each record is a hash {v, body}; every change
// is one redis::Mutation guarded by the version it read, so concurrent
// writers never lose an update.
//
// The two Kafka topics are read independently, so a supplement or a delivery
// can come before its report: it is held ("report <id>", in the HoldStore)
// in one step guarded on the report still being absent, and the report's
// step applies and releases what waits for it. A held record creates no
// report record: a delivery about a report that never comes leaves nothing
// for the jobs to find (the kit parks it when it outlives the hold limit).

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/kafka/message.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/outbox/step.h"
#include "opsreport/redis/client.h"
#include "opsreport/register_extract/entry_validator.h"
#include "opsreport/v1/register.pb.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::reconciliation_service {

class RecordStore {
 public:
  // Not owned; must outlive the store.
  RecordStore(redis::Client* client, const org::OrgDirectory* org,
              const catalogue::Catalogue* catalogue, consumer::HoldStore* holds);

  // The unit's top-level body under the Ministry (its regional directorate,
  // or an institution / the internal troops' HQ); the Ministry for itself.
  std::string RegionOf(std::string_view unit) const;
  // Every region: the Ministry's children that are regional directorates.
  std::vector<std::string> Regions() const;

  // Applies valid extract records in one guarded step (re-read and retried
  // on a concurrent change). Entries overwrite the entry's own requisites;
  // results and suspects are added unless already there, so applying the
  // same rows twice changes nothing.
  absl::Status ApplyEntries(const std::vector<v1::RegisterEntry>& batch,
                            register_extract::ExtractKind kind);

  // The projection of one accepted document (`message`, as read), applied
  // once (dedup by id). A supplement whose report is not projected yet is
  // held until it is (`now`: when). A report's step also applies what waited
  // for it: held supplements, in the order they came, and deliveries.
  absl::Status ApplyDocument(const v1::AcceptedDocument& doc, const kafka::Message& message,
                             absl::Time now);
  // The delivery of a report to the Ministry (`message`, as read): it reached
  // it at the item's received_at, else `now` (the first delivery counts).
  // Held while the report is not projected.
  absl::Status MarkReachedMinistry(const v1::InboxItem& item, const kafka::Message& message,
                                   absl::Time now);

  absl::StatusOr<std::vector<v1::RegisterEntry>> GetEntries(const std::vector<std::string>& procs);
  absl::StatusOr<std::vector<v1::ReportRecord>> GetReports(const std::vector<std::string>& ids);
  // Up to `limit` members of a sorted index from the ZRANGEBYLEX bound
  // `min` ("-", "(after", "[from").
  absl::StatusOr<std::vector<std::string>> Scan(const std::string& index, const std::string& min,
                                                int limit);
  // All members of a small index (a day's).
  absl::StatusOr<std::vector<std::string>> Members(const std::string& index);
  // Ids of the reports naming `proc`.
  absl::StatusOr<std::vector<std::string>> ReportsNaming(const std::string& proc);

 private:
  using Versioned = outbox::VersionedBody;  // version 0: absent
  absl::StatusOr<std::vector<Versioned>> Load(const std::vector<std::string>& keys);
  template <typename Record>
  absl::StatusOr<std::vector<Record>> LoadRecords(const std::vector<std::string>& names,
                                                  std::string (*key_of)(const std::string&));
  absl::StatusOr<bool> TryApplyEntries(const std::vector<v1::RegisterEntry>& batch,
                                       register_extract::ExtractKind kind);
  v1::ReportRecord FromReport(const v1::AcceptedDocument& doc) const;
  void ApplySupplement(const v1::Supplement& s, v1::ReportRecord& record) const;
  // Applies the records waiting for the report onto `record` and adds their
  // dedup marks to `m` (the caller adds the release).
  void ApplyHeld(const consumer::HoldStore::Waiting& waiting, v1::ReportRecord& record,
                 redis::Mutation& m) const;
  // Holds `held` in one step guarded on the report `key` still being absent:
  // ABORTED when it was projected meanwhile (then apply directly). `m` may
  // carry the caller's own guards.
  absl::Status Hold(const std::string& key, const v1::HeldRecord& held,
                    redis::Mutation m = {}) const;

  redis::Client* client_;
  const org::OrgDirectory* org_;
  const catalogue::Catalogue* catalogue_;
  consumer::HoldStore* holds_;
};

// Index memberships of a record, for moving it when a change re-keys it.
std::vector<std::pair<std::string, std::string>> EntryIndexes(const v1::RegisterEntry& entry,
                                                              const std::string& region);
std::vector<std::pair<std::string, std::string>> ReportIndexes(const v1::ReportRecord& report,
                                                               const std::string& region);

}  // namespace opsreport::reconciliation_service
