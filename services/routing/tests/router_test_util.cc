#include "opsreport/testing/shared_redis.h"
#include "router_test.h"

namespace opsreport::routing {

auth::Principal Desk(const std::string& unit, const std::string& officer) {
  return {unit, officer, auth::Role::kDutyOfficer, absl::InfiniteFuture()};
}

v1::Signature HeadSignature(const std::string& name, absl::Time at) {
  v1::Signature s;
  s.mutable_officer()->set_full_name(name);
  s.set_capacity(v1::SIGNER_CAPACITY_HEAD);
  *s.mutable_signed_at() = ToProto(at);
  return s;
}

v1::AcceptedDocument Report(const std::string& id, const std::string& unit, const std::string& item,
                            absl::Time accepted) {
  v1::AcceptedDocument doc;
  doc.set_id(id);
  doc.set_root_report_id(id);
  doc.set_unit_code(unit);
  doc.set_outgoing_number(unit + "/2026/" + id);
  doc.set_submitted_by(fixtures::kDistrictDutyOfficer);
  *doc.mutable_accepted_at() = ToProto(accepted);
  *doc.mutable_special_report() = fixtures::MurderReport(kReceived);
  doc.mutable_special_report()->set_unit_code(unit);
  doc.mutable_special_report()->set_catalogue_number(item);
  doc.mutable_special_report()->clear_addressees();
  doc.mutable_special_report()->clear_copy_addressees();
  return doc;
}

v1::AcceptedDocument Supplement(const std::string& id, const v1::AcceptedDocument& original,
                                absl::Time accepted) {
  v1::AcceptedDocument doc;
  doc.set_id(id);
  doc.set_root_report_id(original.id());
  doc.set_unit_code(original.unit_code());
  doc.set_outgoing_number(original.unit_code() + "/2026/" + id);
  doc.set_submitted_by(fixtures::kDistrictDutyOfficer);
  *doc.mutable_accepted_at() = ToProto(accepted);
  *doc.mutable_supplement() =
      fixtures::ErdrSupplement(original.outgoing_number(), "2026-03-10", 17, accepted);
  doc.mutable_supplement()->set_original_report_id(original.id());
  return doc;
}

void RouterTest::SetUp() {
  ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis());
  hop_store_ = std::make_unique<outbox::RedisStore>(client_.get(), "routing:hops");
  publish_store_ = std::make_unique<outbox::RedisStore>(client_.get(), "routing:pub");
  holds_ = std::make_unique<consumer::HoldStore>(client_.get(), "hold:opsreport-routing");
  router_ = MakeRouter(RouterOptions{});
}

std::unique_ptr<Router> RouterTest::MakeRouter(RouterOptions options) {
  return std::make_unique<Router>(
      &data_.org, &data_.catalogue, client_.get(), &clock_, std::move(options),
      outbox::Sink{hop_store_.get(), [this](const outbox::Message& m) { hops_.push_back(m); }},
      outbox::Sink{publish_store_.get(),
                   [this](const outbox::Message& m) { published_.push_back(m); }},
      holds_.get());
}

int RouterTest::Pump() {
  int n = 0;
  while (!hops_.empty()) {
    outbox::Message m = hops_.front();
    hops_.pop_front();
    if (m.topic == "opsreport.routing.delivered") {  // waiting for control's receipt
      published_.push_back(m);
      continue;
    }
    v1::Hop hop;
    EXPECT_TRUE(hop.ParseFromString(m.payload));
    absl::StatusOr<v1::HopReceipt> receipt = router_->OnHop(hop);
    EXPECT_OK(receipt);
    if (!receipt.ok()) continue;
    EXPECT_OK(router_->OnReceipts({*receipt}));
    ++n;
  }
  return n;
}

int RouterTest::FireDue() {
  absl::StatusOr<std::vector<timers::Timer>> due =
      router_->timers().ClaimDueLeased(clock_.Now(), absl::Seconds(30), 10000);
  EXPECT_OK(due);
  if (!due.ok()) return 0;
  for (const auto& t : *due) {
    EXPECT_OK(router_->OnTimer(t));
    EXPECT_OK(router_->timers().Ack(t.id));
  }
  return static_cast<int>(due->size());
}

std::optional<v1::InboxItem> RouterTest::Item(const std::string& unit, const std::string& item_id) {
  absl::StatusOr<std::optional<StoredItem>> item = router_->store().LoadItem(unit, item_id);
  EXPECT_OK(item);
  if (!item.ok() || !item->has_value()) return std::nullopt;
  return (*item)->item;
}

std::vector<v1::Breach> RouterTest::Breaches() {
  absl::StatusOr<v1::ListBreachesResponse> r =
      router_->ListBreaches(Desk(kMinistry), kMinistry, 1000);
  EXPECT_OK(r);
  if (!r.ok()) return {};
  return {r->breaches().begin(), r->breaches().end()};
}

int64_t RouterTest::HopOutboxSize() {
  absl::StatusOr<int64_t> n = router_->hop_outbox().Size();
  EXPECT_OK(n);
  return n.ok() ? *n : -1;
}

void RouterTest::Climb(const v1::AcceptedDocument& doc) {
  ASSERT_OK(router_->OnAccepted(doc));
  Pump();
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(router_->Acknowledge(Desk(kRegion, kRegionDuty), kRegion, doc.id()).status());
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(router_
                ->Forward(Desk(kRegion, kRegionDuty), kRegion, doc.id(),
                          HeadSignature(kRegionHead, clock_.Now()))
                .status());
  Pump();
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(router_->Acknowledge(Desk(kMinistry, kMinistryDuty), kMinistry, doc.id()).status());
}

}  // namespace opsreport::routing
