#pragma once
// What the control files tests share: sample deliveries to the Ministry as
// routing announces them, routing's receipts of their hops, and a Controller
// over a real redis-server with a fake clock.

#include <memory>
#include <string>
#include <vector>

#include "controller.h"
#include "gtest/gtest.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/kafka/message.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"

namespace opsreport::control {

inline const absl::Time kT = absl::FromUnixSeconds(1773144000);

inline auth::Principal As(const std::string& unit) {
  return {unit, "Черговий " + unit, auth::Role::kDutyOfficer, absl::InfiniteFuture()};
}

// Report `id`'s chain delivery from region 1000 (filed by district 1001).
inline v1::InboxItem Delivered(const std::string& id, const std::string& item = "1") {
  v1::InboxItem i;
  i.set_unit_code("0001");
  v1::Hop* hop = i.mutable_hop();
  hop->set_id(id + ":chain:0001:2");
  hop->set_kind(v1::HOP_KIND_CHAIN);
  hop->set_from_unit("1000");
  hop->set_to_unit("0001");
  hop->set_sender_outgoing_number("1000/2026/П" + id);
  v1::AcceptedDocument* doc = hop->mutable_document();
  doc->set_id(id);
  doc->set_root_report_id(id);
  doc->set_unit_code("1001");
  doc->set_outgoing_number("1001/2026/" + id);
  *doc->mutable_special_report() = fixtures::MurderReport(kT - absl::Hours(2));
  doc->mutable_special_report()->set_catalogue_number(item);
  return i;
}

// Supplement `id` to report `root`: a requalification to КК art. 125,
// outside the catalogue, which removes the report's file (002 §7.6.3).
inline v1::InboxItem Requalified(const std::string& root, const std::string& id) {
  v1::InboxItem supp = Delivered(root);
  supp.mutable_hop()->set_id(id + ":chain:0001:2");
  v1::AcceptedDocument* doc = supp.mutable_hop()->mutable_document();
  doc->set_id(id);
  doc->mutable_accepted_at()->set_seconds(absl::ToUnixSeconds(kT));
  *doc->mutable_supplement() = fixtures::ErdrSupplement("1001/2026/" + root, "2026-03-10", 3, kT);
  doc->mutable_supplement()->set_requalification(true);
  doc->mutable_supplement()->mutable_new_coding_line()->set_cc_article("125");
  return supp;
}

// The record routing publishes for `item` (keyed by the root report id).
inline kafka::Message Record(const v1::InboxItem& item, int64_t offset = 0) {
  return {"opsreport.routing.delivered", 0, offset, item.hop().document().root_report_id(),
          item.SerializeAsString()};
}

// Routing's receipt of the hop that brought `item` to the Ministry.
inline v1::HopReceipt Ack(const v1::InboxItem& item) {
  v1::HopReceipt r;
  r.set_hop_id(item.hop().id());
  r.set_receiver_unit(item.hop().to_unit());
  r.mutable_applied_at()->set_seconds(absl::ToUnixSeconds(kT));
  return r;
}

inline v1::Removal Closure() {
  v1::Removal r;
  r.set_ground(v1::REMOVAL_GROUND_CLOSED_INSUFFICIENT_EVIDENCE);
  r.set_decided_on("2026-03-12");
  r.mutable_document()->set_kind("постанова про закриття");
  r.mutable_document()->set_number("12");
  r.mutable_document()->set_date("2026-03-12");
  r.set_decided_by("слідчий");
  return r;
}

class ControllerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, testing::EmptySharedRedis());
    store_ = std::make_unique<outbox::RedisStore>(client_.get(), "control:pub");
    holds_ = std::make_unique<consumer::HoldStore>(client_.get(), "hold:opsreport-control");
    controller_ = NewController();
  }
  std::unique_ptr<Controller> NewController() {
    return std::make_unique<Controller>(
        &data_.org, &data_.catalogue, client_.get(), holds_.get(), &clock_, ControllerOptions{},
        outbox::Sink{store_.get(), [this](const outbox::Message& m) { published_.push_back(m); }});
  }
  // A delivery as it comes in the usual order: routing's receipt of the
  // hop, then the delivery.
  absl::Status Deliver(const v1::InboxItem& item) {
    absl::Status acked = controller_->OnHopReceipt(Ack(item));
    if (!acked.ok()) return acked;
    return controller_->OnDelivered(item, Record(item));
  }
  std::vector<std::string> Kinds() {
    std::vector<std::string> out;
    for (const auto& m : published_) {
      v1::ControlEvent e;
      EXPECT_TRUE(e.ParseFromString(m.payload));
      out.push_back(e.file().id() + " " + e.kind());
    }
    return out;
  }
  int FireDue() {
    auto due = controller_->timers().ClaimDueLeased(clock_.Now(), absl::Seconds(30), 100);
    EXPECT_OK(due);
    for (const auto& t : *due) {
      EXPECT_OK(controller_->OnTimer(t));
      EXPECT_OK(controller_->timers().Ack(t.id));
    }
    return static_cast<int>(due->size());
  }
  int64_t Held() {
    absl::StatusOr<int64_t> n = holds_->Count();
    EXPECT_OK(n);
    return n.value_or(-1);
  }

  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  base::FakeClock clock_{kT};
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<outbox::RedisStore> store_;
  std::unique_ptr<consumer::HoldStore> holds_;
  std::unique_ptr<Controller> controller_;
  std::vector<outbox::Message> published_;
};

}  // namespace opsreport::control
