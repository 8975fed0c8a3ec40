#pragma once
// Shared fixtures of the daily summary and morning check tests: Kyiv times,
// accepted documents and the inbox items of each level.

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/daily_summary/daily_summary.h"
#include "opsreport/daily_summary/day_window.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::daily_summary::testing {

inline constexpr char kRegionOfficer[] = "Бондар Ігор Васильович";
inline constexpr char kMinistryOfficer[] = "Савченко Олег Петрович";

inline absl::Time Kyiv(int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(2026, month, day, hour, minute), calendar::KyivZone());
}

inline absl::Time Utc(int year, int month, int day, int hour) {
  return absl::FromCivil(absl::CivilHour(year, month, day, hour), absl::UTCTimeZone());
}

// `n` two-byte Cyrillic letters.
inline std::string Letters(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "ж";
  return out;
}

inline absl::Time At(const google::protobuf::Timestamp& ts) {
  return absl::FromUnixSeconds(ts.seconds());
}

inline v1::AcceptedDocument Report(const std::string& id, const std::string& unit,
                                   const std::string& outgoing, absl::Time accepted) {
  v1::AcceptedDocument doc;
  doc.set_id(id);
  doc.set_root_report_id(id);
  doc.set_unit_code(unit);
  doc.set_outgoing_number(outgoing);
  *doc.mutable_accepted_at() = fixtures::ToProto(accepted);
  doc.set_submitted_by(fixtures::kDistrictDutyOfficer);
  *doc.mutable_special_report() = fixtures::MurderReport(accepted - absl::Minutes(50));
  doc.mutable_special_report()->set_unit_code(unit);
  return doc;
}

inline v1::InboxItem Item(const std::string& unit, v1::HopKind kind,
                          const v1::AcceptedDocument& doc, const std::string& from,
                          const std::string& sender_outgoing, absl::Time received) {
  v1::InboxItem item;
  item.set_item_id(doc.id());
  item.set_unit_code(unit);
  v1::Hop* hop = item.mutable_hop();
  hop->set_kind(kind);
  hop->set_from_unit(from);
  hop->set_to_unit(unit);
  *hop->mutable_sent_at() = fixtures::ToProto(received);
  *hop->mutable_document() = doc;
  hop->set_sender_outgoing_number(sender_outgoing);
  item.set_state(v1::INBOX_STATE_RECEIVED);
  *item.mutable_received_at() = fixtures::ToProto(received);
  return item;
}

inline v1::InboxItem Acked(v1::InboxItem item, absl::Time at, const std::string& officer) {
  item.set_state(v1::INBOX_STATE_ACKNOWLEDGED);
  *item.mutable_auto_reply()->mutable_received_at() = fixtures::ToProto(at);
  item.mutable_auto_reply()->set_receiving_officer(officer);
  return item;
}

inline v1::InboxItem Forwarded(v1::InboxItem item, absl::Time at, const std::string& to,
                               const std::string& outgoing) {
  item.set_state(v1::INBOX_STATE_FORWARDED);
  *item.mutable_forwarded_at() = fixtures::ToProto(at);
  item.set_forwarded_to(to);
  item.set_forward_outgoing_number(outgoing);
  return item;
}

// `levels` is the chain from the origin to the final unit.
inline v1::RoutePlan Route(const std::vector<std::string>& levels,
                           const std::vector<std::string>& notices = {}) {
  v1::RoutePlan route;
  route.set_origin_unit(levels.front());
  for (size_t i = 1; i < levels.size(); ++i) {
    v1::RoutePlan::Step* step = route.add_chain();
    step->set_seq(static_cast<int>(i));
    step->set_from_unit(levels[i - 1]);
    step->set_to_unit(levels[i]);
  }
  for (const std::string& n : notices) route.add_notices(n);
  route.set_final_unit(levels.back());
  return route;
}

// A district (1001) case as the district sees it; the region and Ministry
// items are added by the caller.
inline CaseSnapshot DistrictCase(const v1::AcceptedDocument& doc, absl::Time received) {
  CaseSnapshot c;
  c.item = Item("1001", v1::HOP_KIND_ORIGIN, doc, "", doc.outgoing_number(), received);
  c.route = Route({"1001", "1000", "0001"});
  c.levels["1001"] = c.item;
  return c;
}

class SummaryTest : public ::testing::Test {
 protected:
  const org::OrgDirectory& org_ = fixtures::SampleRuleData().org;
  DayWindow day_ = *KyivDay("2026-03-10", "day");
};

}  // namespace opsreport::daily_summary::testing
