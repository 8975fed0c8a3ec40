#pragma once
// A Router over a real redis-server with a fake clock; hops handed off by the
// Router are delivered by Pump() the way the Kafka loop would, receipts
// included.

#include <deque>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "opsreport/base/clock.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/redis/client.h"
#include "opsreport/testing/status_matchers.h"
#include "router.h"

namespace opsreport::routing {

// 10.03.2026 10:00 Kyiv (UTC+2).
inline const absl::Time kReceived = absl::FromUnixSeconds(1773129600);
inline const absl::Time kAccepted = kReceived + absl::Minutes(45);

inline constexpr char kMinistry[] = "0001";
inline constexpr char kRegion[] = "1000";
inline constexpr char kDistrict[] = "1001";
inline constexpr char kRegionHead[] = "Олійник Василь Андрійович";
inline constexpr char kRegionDuty[] = "Руденко Олена Вікторівна";
inline constexpr char kMinistryDuty[] = "Коваленко Андрій Васильович";

auth::Principal Desk(const std::string& unit, const std::string& officer = "Черговий");
v1::Signature HeadSignature(const std::string& name, absl::Time at);

// A murder report (item 1, to the Ministry) filed by `unit`.
v1::AcceptedDocument Report(const std::string& id, const std::string& unit = kDistrict,
                            const std::string& item = "1", absl::Time accepted = kAccepted);
v1::AcceptedDocument Supplement(const std::string& id, const v1::AcceptedDocument& original,
                                absl::Time accepted);

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Delivers every hop handed off so far (and those they cause) and feeds
  // the receipts back. Returns how many hops were delivered.
  int Pump();
  // Fires every timer due at the clock's time, as the poller would.
  int FireDue();
  std::optional<v1::InboxItem> Item(const std::string& unit, const std::string& item_id);
  std::vector<v1::Breach> Breaches();
  int64_t HopOutboxSize();
  // Accepts, delivers, acknowledges and forwards `doc` up to the Ministry's
  // acknowledgement, advancing the clock a minute per act.
  void Climb(const v1::AcceptedDocument& doc);
  // A Router whose hand-offs land in hops_ and published_.
  std::unique_ptr<Router> MakeRouter(RouterOptions options);

  base::FakeClock clock_{kAccepted};
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<outbox::RedisStore> hop_store_;
  std::unique_ptr<outbox::RedisStore> publish_store_;
  std::unique_ptr<consumer::HoldStore> holds_;
  std::unique_ptr<Router> router_;
  std::deque<outbox::Message> hops_;
  std::vector<outbox::Message> published_;
  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
};

}  // namespace opsreport::routing
