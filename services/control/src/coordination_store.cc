#include "coordination_store.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/outbox/step.h"

namespace opsreport::control {
namespace {

std::string MeetingKey(const std::string& id) { return absl::StrCat("coord:meeting:", id); }

std::string MeetingsKey(const std::string& jurisdiction) {
  return absl::StrCat("coord:meetings:", jurisdiction);
}

std::string PlanKey(const std::string& jurisdiction, const std::string& period) {
  return absl::StrCat("coord:plan:", jurisdiction, ":", period);
}

}  // namespace

std::string CoordinationStore::ResolutionKey(const std::string& id) {
  return absl::StrCat("coord:res:", id);
}

absl::StatusOr<std::optional<StoredResolution>> CoordinationStore::LoadResolution(
    const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<outbox::VersionedBody> loaded,
                   outbox::LoadVersioned(*client_, {ResolutionKey(id)}));
  if (loaded[0].version == 0) return std::nullopt;
  StoredResolution out;
  out.version = loaded[0].version;
  if (!out.resolution.ParseFromString(loaded[0].body)) {
    return absl::DataLossError(absl::StrCat("resolution ", id, " does not parse"));
  }
  out.resolution.set_version(out.version);
  return out;
}

void CoordinationStore::CreateResolution(redis::Mutation& m, const v1::Resolution& r) {
  const std::string key = ResolutionKey(r.id());
  m.RequireAbsent(key, outbox::GuardLabel(outbox::Guard::kDuplicate));
  m.Do({"HSET", key, "body", r.SerializeAsString(), "v", "1"});
}

void CoordinationStore::PutResolution(redis::Mutation& m, int64_t loaded_version,
                                      const v1::Resolution& r) {
  outbox::PutVersioned(m, ResolutionKey(r.id()), loaded_version, r.SerializeAsString());
}

void CoordinationStore::MarkFired(redis::Mutation& m, const std::string& event_id) {
  const std::string key = absl::StrCat("coord:fired:", event_id);
  m.RequireAbsent(key, outbox::GuardLabel(outbox::Guard::kDuplicate));
  m.Do({"SET", key, "1"});
}

void CoordinationStore::PutMeeting(redis::Mutation& m, const v1::CouncilMeeting& meeting) {
  m.RequireAbsent(MeetingKey(meeting.id()), outbox::GuardLabel(outbox::Guard::kDuplicate));
  m.Do({"SET", MeetingKey(meeting.id()), meeting.SerializeAsString()});
  m.Do({"ZADD", MeetingsKey(meeting.jurisdiction()),
        absl::StrCat(absl::ToUnixSeconds(base::ToTime(meeting.held_at()))), meeting.id()});
}

absl::StatusOr<std::vector<v1::CouncilMeeting>> CoordinationStore::Meetings(
    const std::string& jurisdiction) {
  ASSIGN_OR_RETURN(redis::Reply ids,
                   client_->Command({"ZRANGE", MeetingsKey(jurisdiction), "0", "-1"}));
  std::vector<v1::CouncilMeeting> out;
  for (const auto& id : ids.elements) {
    ASSIGN_OR_RETURN(redis::Reply body, client_->Command({"GET", MeetingKey(id.str)}));
    v1::CouncilMeeting meeting;
    if (body.is_nil() || !meeting.ParseFromString(body.str)) continue;
    out.push_back(std::move(meeting));
  }
  return out;
}

absl::Status CoordinationStore::PutWorkPlan(const v1::WorkPlan& plan) {
  return client_
      ->Command({"SET", PlanKey(plan.jurisdiction(), plan.period()), plan.SerializeAsString()})
      .status();
}

absl::StatusOr<bool> CoordinationStore::HasWorkPlan(const std::string& jurisdiction,
                                                    const std::string& period) {
  ASSIGN_OR_RETURN(redis::Reply reply, client_->Command({"EXISTS", PlanKey(jurisdiction, period)}));
  return reply.integer != 0;
}

}  // namespace opsreport::control
