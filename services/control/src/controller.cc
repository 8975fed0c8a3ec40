#include "controller.h"

#include <algorithm>
#include <iostream>
#include <optional>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "delivery_check.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/control_rules/control_file.h"
#include "opsreport/control_rules/weekly_report.h"
#include "opsreport/redis/mutation.h"

namespace opsreport::control {
namespace {

constexpr int kAttempts = 8;

// The receipts control itself sends routing for deliveries, on the topic
// it reads routing's receipts from.
constexpr char kOwnReceiptPrefix[] = "delivered:";

std::string AwaitsHop(const std::string& hop_id) { return absl::StrCat("hop ", hop_id); }
std::string AwaitsReport(const std::string& root) { return absl::StrCat("report ", root); }
// One hold per delivery: a re-send read while it waits is held once.
std::string HeldId(const v1::Hop& hop) { return absl::StrCat(kOwnReceiptPrefix, hop.id()); }

using base::ToProto;

// The overdue timer of a file's n-th transfer.
std::string TransferTimerId(const v1::ControlFile& f) {
  return absl::StrCat(f.id(), ":transfer:", f.transfers_size());
}

}  // namespace

Controller::Controller(const org::OrgDirectory* org, const catalogue::Catalogue* catalogue,
                       redis::Client* redis, consumer::HoldStore* holds, const base::Clock* clock,
                       ControllerOptions options, outbox::Sink events)
    : org_(org),
      catalogue_(catalogue),
      redis_(redis),
      holds_(holds),
      store_(redis),
      clock_(clock),
      options_(std::move(options)),
      events_(std::move(events)),
      timers_(redis, "control") {}

absl::Status Controller::Commit(redis::Mutation& m, const StoredFile& loaded,
                                v1::ControlFile updated, const std::string& kind) {
  const int64_t version = loaded.exists ? loaded.file.version() : 0;
  updated.set_version(version + 1);
  ControlStore::PutFile(m, loaded, updated);
  v1::ControlEvent event;
  event.set_id(absl::StrCat(updated.id(), ":", version + 1, ":", kind));
  *event.mutable_at() = ToProto(clock_->Now());
  event.set_kind(kind);
  *event.mutable_file() = updated;
  outbox::Message message{event.id(), options_.events_topic, updated.id(),
                          event.SerializeAsString()};
  events_.store->AddPut(m, message, clock_->Now() + options_.publish_lease);
  v1::ControlStreamEvent live;
  *live.mutable_control() = event;
  AddLiveEvent(m, live);
  RETURN_IF_ERROR(outbox::CommitMutation(*redis_, m));
  events_.handoff(message);
  return absl::OkStatus();
}

bool Controller::Concerns(const auth::Principal& caller, const v1::ControlStreamEvent& e) const {
  if (IsMinistry(caller.unit_code)) return true;
  if (e.has_control()) return MaySee(caller.unit_code, e.control().file());
  for (const auto& a : e.coordination().addressees()) {
    if (a == caller.unit_code || a == caller.officer) return true;
  }
  return false;
}

bool Controller::IsMinistry(const std::string& unit) const {
  const v1::Unit* u = org_->Find(unit);
  return u != nullptr &&
         (u->kind() == v1::UNIT_KIND_MINISTRY || u->kind() == v1::UNIT_KIND_MINISTRY_DEPARTMENT);
}

bool Controller::MaySee(const std::string& unit, const v1::ControlFile& file) const {
  if (IsMinistry(unit)) return true;
  if (org_->Find(unit) == nullptr) return false;
  if (org_->InSubtree(unit, file.region())) return true;
  for (const auto& t : file.transfers()) {
    if (t.to_region() == unit || t.from_region() == unit) return true;
  }
  return false;
}

absl::Status Controller::OnDelivered(const v1::InboxItem& item, const kafka::Message& record) {
  RETURN_IF_ERROR(CheckDelivery(item, record.key, *org_, *catalogue_));
  absl::StatusOr<Delivered> done = absl::AbortedError("control file kept changing");
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    done = Deliver(item, record, nullptr, nullptr);
    if (!absl::IsAborted(done.status())) break;
  }
  RETURN_IF_ERROR(done.status());
  // The report's delivery is applied (now, or before a crash that came
  // before its held supplements were applied): they are applied now.
  const v1::AcceptedDocument& doc = item.hop().document();
  if (doc.has_special_report() &&
      (*done == Delivered::kApplied || *done == Delivered::kAlreadyApplied)) {
    return ApplyHeld(AwaitsReport(doc.root_report_id()));
  }
  return absl::OkStatus();
}

absl::Status Controller::OnHopReceipt(const v1::HopReceipt& receipt) {
  // Control's own answers to routing travel on the same topic.
  if (absl::StartsWith(receipt.hop_id(), kOwnReceiptPrefix)) return absl::OkStatus();
  // Hops between other levels: nothing reaches the Ministry by them.
  if (receipt.receiver_unit() != org_->ministry().code()) return absl::OkStatus();
  if (receipt.hop_id().empty()) {
    return absl::InvalidArgumentError("hop_id: required, the hop the receipt acknowledges");
  }
  RETURN_IF_ERROR(store_.MarkAcked(receipt.hop_id(), options_.ack_kept));
  // Also when the mark was there already: a crash may have come between it
  // and the held delivery's application, and this receipt is read again.
  return ApplyHeld(AwaitsHop(receipt.hop_id()));
}

absl::StatusOr<Controller::Delivered> Controller::Deliver(
    const v1::InboxItem& item, const kafka::Message& record,
    const consumer::HoldStore::Waiting* waiting, const v1::HeldRecord* held) {
  const v1::Hop& hop = item.hop();
  const v1::AcceptedDocument& doc = hop.document();
  const std::string& root = doc.root_report_id();
  const bool from_hold = waiting != nullptr;
  // A failed dedup guard: applied meanwhile. From a hold, nothing was
  // released either: load again, and the next step only releases it.
  auto outcome = [from_hold](absl::Status status, Delivered done) -> absl::StatusOr<Delivered> {
    if (absl::IsAlreadyExists(status)) {
      if (from_hold) return absl::AbortedError("applied meanwhile");
      return Delivered::kAlreadyApplied;
    }
    RETURN_IF_ERROR(status);
    return done;
  };
  ASSIGN_OR_RETURN(DeliveryMarks marks, store_.LoadMarks(hop.id(), root));
  redis::Mutation m;
  if (from_hold) holds_->ReleaseOne(m, *waiting, held->id());
  if (marks.applied) {
    // Applied directly since it was held (a re-send read after its
    // prerequisite): only its hold is left to release.
    if (from_hold) RETURN_IF_ERROR(outbox::CommitMutation(*redis_, m));
    return Delivered::kAlreadyApplied;
  }

  std::string awaits;
  if (!marks.acked) {
    // Only routing's receipt proves routing applied the hop; the delivery
    // may be read before it (another topic), so it waits for it.
    awaits = AwaitsHop(hop.id());
    ControlStore::RequireNotAcked(m, hop.id());
  } else if (doc.has_supplement() && !marks.report_delivered) {
    // A supplement may reach the Ministry before its report (another hop
    // on another path); what it changes is the report's file.
    awaits = AwaitsReport(root);
    ControlStore::RequireReportNotDelivered(m, root);
  }
  if (!awaits.empty()) {
    if (from_hold && waiting->awaits == awaits) return Delivered::kStillHeld;
    v1::HeldRecord hold;
    if (from_hold) {
      // On to its next prerequisite: it keeps its time, which orders it
      // among what waits and counts toward the hold limit.
      hold = *held;
      hold.set_awaits(awaits);
    } else {
      // A re-send read while it waits stays held once, at its first time.
      ASSIGN_OR_RETURN(consumer::HoldStore::Waiting already, holds_->Load(awaits));
      for (const v1::HeldRecord& r : already.records) {
        if (r.id() == HeldId(hop)) return Delivered::kHeld;
      }
      hold = consumer::HeldOf(record, HeldId(hop), awaits, clock_->Now());
    }
    ControlStore::RequireNotApplied(m, hop.id());
    holds_->Hold(m, hold);
    return outcome(outbox::CommitMutation(*redis_, m), Delivered::kHeld);
  }

  ControlStore::MarkApplied(m, hop.id());
  ASSIGN_OR_RETURN(StoredFile loaded, store_.Load(root));
  if (doc.has_special_report()) {
    // Recorded whether or not it opens a file: its supplements wait for this.
    ControlStore::MarkReportDelivered(m, root);
    const v1::CatalogueItem* cat =
        catalogue_->FindByNumber(doc.special_report().catalogue_number());
    if (loaded.exists || cat == nullptr || !control_rules::OpensControlFile(*cat)) {
      return outcome(outbox::CommitMutation(*redis_, m), Delivered::kApplied);
    }
    ASSIGN_OR_RETURN(v1::ControlFile file, control_rules::OpenFile(item, *cat, clock_->Now()));
    return outcome(Commit(m, loaded, std::move(file), "opened"), Delivered::kApplied);
  }
  std::optional<v1::Removal> removal = control_rules::AutomaticRemoval(doc, *catalogue_);
  if (!removal || !loaded.exists || loaded.file.state() != v1::CONTROL_STATE_OPEN) {
    return outcome(outbox::CommitMutation(*redis_, m), Delivered::kApplied);
  }
  *removal->mutable_recorded_at() = ToProto(clock_->Now());
  removal->set_recorded_by("opsreport-control");
  removal->set_recorded_by_unit(org_->ministry().code());
  ASSIGN_OR_RETURN(v1::ControlFile removed,
                   control_rules::Remove(loaded.file, *removal, *catalogue_));
  return outcome(Commit(m, loaded, std::move(removed), "removed"), Delivered::kApplied);
}

absl::Status Controller::ApplyHeld(const std::string& awaits) {
  // Held deliveries that cannot be applied (verified before they were held:
  // only changed rule data could do it) are parked with the reason.
  return holds_->Drain(
      awaits, "control",
      [&](const consumer::HoldStore::Waiting& waiting,
          const v1::HeldRecord& next) -> absl::StatusOr<bool> {
        const kafka::Message record = consumer::MessageOf(next);
        v1::InboxItem item;
        if (!item.ParseFromString(record.payload)) {
          return absl::InvalidArgumentError("not an InboxItem");
        }
        RETURN_IF_ERROR(CheckDelivery(item, record.key, *org_, *catalogue_));
        ASSIGN_OR_RETURN(Delivered done, Deliver(item, record, &waiting, &next));
        if (done == Delivered::kStillHeld) return false;
        const v1::AcceptedDocument& doc = item.hop().document();
        if (doc.has_special_report() && done != Delivered::kHeld) {
          RETURN_IF_ERROR(ApplyHeld(AwaitsReport(doc.root_report_id())));
        }
        return true;
      },
      kAttempts);
}

template <typename Change>
absl::StatusOr<v1::ControlFile> Controller::Update(const std::string& id, Change change,
                                                   const std::string& kind) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    ASSIGN_OR_RETURN(StoredFile loaded, store_.Load(id));
    if (!loaded.exists) return absl::NotFoundError(absl::StrCat("id: no control file '", id, "'"));
    redis::Mutation m;
    ASSIGN_OR_RETURN(v1::ControlFile updated, change(loaded.file, m));
    absl::Status status = Commit(m, loaded, updated, kind);
    if (status.ok()) {
      updated.set_version(loaded.file.version() + 1);
      return updated;
    }
    if (!absl::IsAborted(status)) return status;
  }
  return absl::AbortedError("control file kept changing");
}

absl::StatusOr<v1::ControlFile> Controller::Remove(const auth::Principal& caller,
                                                   const std::string& id, v1::Removal removal) {
  if (!IsMinistry(caller.unit_code)) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code,
                     " may not remove crimes from Ministry control; the Ministry "
                     "records a removal on the region's notice (002 §7.6)"));
  }
  return Update(
      id,
      [&](const v1::ControlFile& f, redis::Mutation&) -> absl::StatusOr<v1::ControlFile> {
        v1::Removal r = removal;
        r.set_automatic(false);
        *r.mutable_recorded_at() = ToProto(clock_->Now());
        r.set_recorded_by(caller.officer);
        r.set_recorded_by_unit(caller.unit_code);
        return control_rules::Remove(f, r, *catalogue_);
      },
      "removed");
}

absl::StatusOr<v1::ControlFile> Controller::StartTransfer(const auth::Principal& caller,
                                                          const std::string& id,
                                                          const std::string& to_region,
                                                          const std::string& number) {
  return Update(
      id,
      [&](const v1::ControlFile& f, redis::Mutation& m) -> absl::StatusOr<v1::ControlFile> {
        ASSIGN_OR_RETURN(v1::ControlFile moved,
                         control_rules::StartTransfer(f, *org_, caller.unit_code, caller.officer,
                                                      to_region, number, clock_->Now()));
        std::optional<absl::Time> due =
            control_rules::TransferDue(moved, options_.transfer_allowed);
        // Overdue strictly after the allowed time (timers keep milliseconds,
        // rounded up: this fires on the first millisecond past it).
        RETURN_IF_ERROR(timers_.ScheduleIn(
            m, {TransferTimerId(moved), *due + absl::Nanoseconds(1), moved.id()}));
        return moved;
      },
      "transfer_started");
}

absl::StatusOr<v1::ControlFile> Controller::ConfirmTransfer(const auth::Principal& caller,
                                                            const std::string& id) {
  return Update(
      id,
      [&](const v1::ControlFile& f, redis::Mutation& m) -> absl::StatusOr<v1::ControlFile> {
        ASSIGN_OR_RETURN(
            v1::ControlFile taken,
            control_rules::ConfirmTransfer(f, caller.unit_code, caller.officer, clock_->Now()));
        // Confirmed in time: the overdue timer need not fire. Late: it fires
        // (or fired) and announces the lateness once.
        if (!control_rules::TransferOverdue(f, options_.transfer_allowed, clock_->Now())) {
          RETURN_IF_ERROR(timers_.CancelIn(m, TransferTimerId(f)));
        }
        return taken;
      },
      "transfer_confirmed");
}

absl::Status Controller::OnTimer(const timers::Timer& timer) {
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    ASSIGN_OR_RETURN(StoredFile loaded, store_.Load(timer.payload));
    if (!loaded.exists || TransferTimerId(loaded.file) != timer.id ||
        !control_rules::TransferOverdue(loaded.file, options_.transfer_allowed, clock_->Now())) {
      return absl::OkStatus();  // confirmed in time, or a later transfer
    }
    redis::Mutation m;
    ControlStore::MarkOverdue(m, timer.id);
    absl::Status status = Commit(m, loaded, loaded.file, "transfer_overdue");
    if (status.ok() || absl::IsAlreadyExists(status)) return absl::OkStatus();
    if (!absl::IsAborted(status)) return status;
  }
  return absl::AbortedError("control file kept changing");
}

absl::StatusOr<v1::ControlFile> Controller::GetFile(const auth::Principal& caller,
                                                    const std::string& id) {
  ASSIGN_OR_RETURN(StoredFile loaded, store_.Load(id));
  if (!loaded.exists) return absl::NotFoundError(absl::StrCat("id: no control file '", id, "'"));
  if (!MaySee(caller.unit_code, loaded.file)) {
    return absl::PermissionDeniedError(
        absl::StrCat("unit ", caller.unit_code, " may not see control file ", id));
  }
  return loaded.file;
}

absl::StatusOr<v1::ListFilesResponse> Controller::ListFiles(const auth::Principal& caller,
                                                            const v1::ListFilesRequest& request) {
  if (!request.region().empty() && org_->Find(request.region()) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("region: unknown unit '", request.region(), "'"));
  }
  ASSIGN_OR_RETURN(std::vector<v1::ControlFile> files, store_.LoadAll());
  v1::ListFilesResponse out;
  for (auto& f : files) {
    if (!MaySee(caller.unit_code, f)) continue;
    if (!request.service_line().empty() && f.service_line() != request.service_line()) continue;
    if (!request.region().empty() && f.region() != request.region()) continue;
    if (!request.include_removed() && f.state() == v1::CONTROL_STATE_REMOVED) continue;
    if (control_rules::TransferOverdue(f, options_.transfer_allowed, clock_->Now())) {
      out.add_overdue_transfer_ids(f.id());
    }
    *out.add_files() = std::move(f);
  }
  return out;
}

absl::StatusOr<v1::WeeklyControlReport> Controller::WeeklyReport(const auth::Principal& caller,
                                                                 const std::string& service_line,
                                                                 const std::string& week_start) {
  if (!IsMinistry(caller.unit_code)) {
    return absl::PermissionDeniedError("the weekly report is the Ministry services' (002 §7.6)");
  }
  ASSIGN_OR_RETURN(std::vector<v1::ControlFile> files, store_.LoadAll());
  return control_rules::BuildWeeklyReport(service_line, week_start, files,
                                          options_.transfer_allowed, clock_->Now());
}

}  // namespace opsreport::control
