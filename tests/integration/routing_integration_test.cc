// The whole chain as separate processes: intake and routing against the mock
// Kafka cluster over TCP and a real redis-server, desks acting over gRPC.
// Each fault case files reports while the fault happens and then checks,
// from Redis, that every report intake acknowledged reached the Ministry and
// was applied exactly once at every level, and every breach raised once.

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/routing.grpc.pb.h"
#include "stack_fixture.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

constexpr char kRegion[] = "1000";
constexpr char kMinistry[] = "0001";
constexpr char kRegionHead[] = "Олійник Василь Андрійович";

v1::SubmitSpecialReportRequest Request(const std::string& key) {
  v1::SubmitSpecialReportRequest r;
  r.set_idempotency_key(key);
  *r.mutable_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
  return r;
}

class RoutingIntegrationTest : public StackTest {
 protected:
  static void SetUpTestSuite() {
    stack::StackOptions options;
    options.intake_extra_flags = "--outbox_lease=2s";
    // Short leases so interrupted deliveries are re-sent within the test,
    // and short hop deadlines so breaches happen (each must be raised once).
    options.control = false;  // routing alone; control and reconciliation have their own suites
    options.reconciliation = false;
    options.routing_extra_flags =
        "--hop_lease=2s --outbox_poll=100ms --timer_poll=100ms --timer_lease=3s "
        "--hop_receipt=1s --hop_acknowledgement=3s";
    StartStack(std::move(options));
  }

  static std::unique_ptr<v1::Routing::Stub> RoutingStub() {
    return v1::Routing::NewStub(
        grpc::CreateChannel(stack_->routing_address(), grpc_util::ChannelCredentials()));
  }
  static std::string DeskToken(const std::string& unit) {
    return signer_->Sign({unit, absl::StrCat("Черговий ", unit), auth::Role::kDutyOfficer,
                          absl::Now() + absl::Hours(1)});
  }
  template <typename Req, typename Resp, typename Call>
  static grpc::Status CallAs(const std::string& unit, const Req& req, Resp* resp, Call call) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    grpc_util::AttachCredential(ctx, DeskToken(unit));
    auto stub = RoutingStub();
    return ((*stub).*call)(&ctx, req, resp);
  }

  // The duty desks of the region and the Ministry: acknowledge what arrives,
  // and the region's head signs it on.
  void StartDesks() {
    desks_stop_ = false;
    for (const std::string unit : {kRegion, kMinistry}) {
      desks_.emplace_back([this, unit] {
        while (!desks_stop_) {
          v1::ListInboxRequest list;
          list.set_unit_code(unit);
          list.set_limit(2000);
          v1::ListInboxResponse inbox;
          if (CallAs(unit, list, &inbox, &v1::Routing::Stub::ListInbox).ok()) {
            for (const auto& entry : inbox.entries()) {
              Act(unit, entry.item());
              for (const auto& s : entry.supplements()) Act(unit, s);
            }
          }
          absl::SleepFor(absl::Milliseconds(50));
        }
      });
    }
  }
  void StopDesks() {
    desks_stop_ = true;
    for (auto& t : desks_) t.join();
    desks_.clear();
  }
  static void Act(const std::string& unit, const v1::InboxItem& item) {
    v1::InboxItem out;
    if (item.state() == v1::INBOX_STATE_RECEIVED) {
      v1::ItemRequest ack;
      ack.set_unit_code(unit);
      ack.set_item_id(item.item_id());
      (void)CallAs(unit, ack, &out, &v1::Routing::Stub::Acknowledge);
    } else if (item.state() == v1::INBOX_STATE_ACKNOWLEDGED && !item.final()) {
      v1::ForwardRequest fwd;
      fwd.set_unit_code(unit);
      fwd.set_item_id(item.item_id());
      fwd.mutable_signature()->mutable_officer()->set_full_name(kRegionHead);
      fwd.mutable_signature()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
      fwd.mutable_signature()->mutable_signed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
      (void)CallAs(unit, fwd, &out, &v1::Routing::Stub::Forward);
    }
  }

  // Files reports from two clients until stopped; the ids intake acknowledged.
  void StartFiling(const std::string& prefix) {
    filing_stop_ = false;
    for (int t = 0; t < 2; ++t) {
      filers_.emplace_back([this, prefix, t] {
        for (int i = 0; !filing_stop_; ++i) {
          v1::SubmitResponse response;
          if (Submit(Request(absl::StrCat(prefix, t, "-", i)), &response).ok()) {
            std::lock_guard<std::mutex> lock(mu_);
            filed_.insert(response.report_id());
          }
          absl::SleepFor(absl::Milliseconds(40));
        }
      });
    }
  }
  std::set<std::string> StopFiling() {
    filing_stop_ = true;
    for (auto& t : filers_) t.join();
    filers_.clear();
    std::lock_guard<std::mutex> lock(mu_);
    std::set<std::string> out;
    out.swap(filed_);
    return out;
  }

  static std::optional<v1::InboxItem> StoredItem(const std::string& unit, const std::string& id) {
    auto reply = redis_->Command({"HGET", absl::StrCat("routing:item:", unit, ":", id), "body"});
    v1::InboxItem item;
    if (!reply.ok() || reply->is_nil() || !item.ParseFromString(reply->str)) return std::nullopt;
    return item;
  }

  // For a failure message: how far each report got, level by level, and
  // whether a hop is still waiting in an outbox.
  std::string WhereAre(const std::set<std::string>& ids) {
    std::string out;
    const std::set<std::string> on_topic = ConsumeIds(ids, absl::Seconds(15));
    auto outbox = redis_->Command({"ZRANGE", "routing:hops:outbox", "0", "-1"});
    for (const auto& id : ids) {
      absl::StrAppend(&out, "  ", id, ":");
      for (const std::string unit : {"1001", kRegion, kMinistry}) {
        std::optional<v1::InboxItem> item = StoredItem(unit, id);
        absl::StrAppend(&out, " ", unit, "=",
                        item ? v1::InboxState_Name(item->state()) : std::string("absent"));
      }
      auto intake = redis_->Command({"ZSCORE", "intake:outbox", id});
      if (intake.ok() && !intake->is_nil()) absl::StrAppend(&out, " intake-outbox");
      absl::StrAppend(&out, on_topic.count(id) ? " on-accepted-topic" : " not-on-accepted-topic");
      if (outbox.ok()) {
        for (const auto& e : outbox->elements) {
          if (e.str.find(id) != std::string::npos) absl::StrAppend(&out, " outbox[", e.str, "]");
        }
      }
      absl::StrAppend(&out, "\n");
    }
    return out;
  }

  // The checker: waits until every report in `ids` is acknowledged at the
  // Ministry, then counts, in the live-view event stream (written in the same
  // atomic step as each change), how often each level applied each report,
  // and how often each breach was raised.
  void ExpectEachDeliveredOnceEverywhere(const std::set<std::string>& ids,
                                         absl::Duration timeout = absl::Seconds(120)) {
    ASSERT_FALSE(ids.empty());
    const absl::Time give_up = absl::Now() + timeout;
    std::set<std::string> missing = ids;
    while (!missing.empty() && absl::Now() < give_up) {
      for (auto it = missing.begin(); it != missing.end();) {
        std::optional<v1::InboxItem> at = StoredItem(kMinistry, *it);
        if (at && at->state() == v1::INBOX_STATE_ACKNOWLEDGED) {
          it = missing.erase(it);
        } else {
          ++it;
        }
      }
      if (!missing.empty()) absl::SleepFor(absl::Milliseconds(200));
    }
    ASSERT_TRUE(missing.empty()) << missing.size() << " of " << ids.size()
                                 << " never acknowledged at the Ministry:\n"
                                 << WhereAre(missing);
    auto events = redis_->Command({"XRANGE", "routing:events", "-", "+"});
    ASSERT_TRUE(events.ok()) << events.status();
    std::map<std::string, int> applied;  // "unit change id"
    std::map<std::string, int> breaches;
    for (const auto& entry : events->elements) {
      v1::RoutingEvent e;
      ASSERT_TRUE(e.ParseFromString(entry.elements[1].elements[1].str));
      if (e.change() == "breach") {
        ++breaches[e.breach().id()];
      } else {
        ++applied[absl::StrCat(e.unit_code(), " ", e.change(), " ", e.item().item_id())];
      }
    }
    for (const auto& id : ids) {
      EXPECT_EQ(applied[absl::StrCat("1001 filed ", id)], 1) << id;
      for (const std::string unit : {kRegion, kMinistry}) {
        EXPECT_EQ(applied[absl::StrCat(unit, " received ", id)], 1) << unit << " " << id;
        EXPECT_EQ(applied[absl::StrCat(unit, " acknowledged ", id)], 1) << unit << " " << id;
      }
      EXPECT_EQ(applied[absl::StrCat("1000 forwarded ", id)], 1) << id;
    }
    for (const auto& [id, n] : breaches) EXPECT_EQ(n, 1) << "breach " << id;
    // Routing's receipts empty intake's outbox (a document stays there, and is
    // re-sent, until routing has applied it).
    int left = 0;
    for (const absl::Time until = absl::Now() + absl::Seconds(30); absl::Now() < until;) {
      left = 0;
      for (const auto& id : ids) {
        auto score = redis_->Command({"ZSCORE", "intake:outbox", id});
        if (!score.ok() || !score->is_nil()) ++left;
      }
      if (left == 0) break;
      absl::SleepFor(absl::Milliseconds(200));
    }
    EXPECT_EQ(left, 0) << "documents still in intake's outbox after routing applied them";
    auto stored = redis_->Command({"KEYS", "routing:breach:*"});
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->elements.size(), breaches.size());
  }

  std::atomic<bool> desks_stop_{false};
  std::vector<std::thread> desks_;
  std::atomic<bool> filing_stop_{false};
  std::vector<std::thread> filers_;
  std::mutex mu_;
  std::set<std::string> filed_;
};

TEST_F(RoutingIntegrationTest, ReportAndSupplementClimbToTheMinistryOverGrpc) {
  auto services = ReflectionServices(stack_->routing_address());
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, HasSubstr("opsreport.v1.Routing"));
  auto health = HealthCheck(stack_->routing_address());
  ASSERT_TRUE(health.ok()) << health.status();
  EXPECT_EQ(*health, std::string("\x08\x01", 2));

  // The region's screen watches live.
  grpc::ClientContext watch_ctx;
  grpc_util::AttachCredential(watch_ctx, DeskToken(kRegion));
  v1::WatchRequest watch;
  watch.set_unit_code(kRegion);
  auto watch_stub = RoutingStub();
  auto reader = watch_stub->Watch(&watch_ctx, watch);
  std::mutex seen_mu;
  std::vector<std::string> seen;
  std::thread watcher([&] {
    v1::RoutingEvent e;
    while (reader->Read(&e)) {
      std::lock_guard<std::mutex> lock(seen_mu);
      seen.push_back(absl::StrCat(e.unit_code(), " ", e.change(), " ", e.item().item_id()));
    }
  });
  absl::SleepFor(absl::Milliseconds(300));

  StartDesks();
  v1::SubmitResponse report;
  ASSERT_TRUE(Submit(Request(absl::StrCat("e2e-", absl::ToUnixNanos(absl::Now()))), &report).ok());
  ExpectEachDeliveredOnceEverywhere({report.report_id()}, absl::Seconds(60));

  // A supplement follows the same path and is chained under its original.
  grpc::ClientContext sctx;
  grpc_util::AttachCredential(sctx, Token());
  v1::SubmitSupplementRequest supp;
  supp.set_idempotency_key(absl::StrCat("e2e-supp-", report.report_id()));
  const std::string day = absl::FormatTime("%Y-%m-%d", absl::Now(), calendar::KyivZone());
  *supp.mutable_supplement() = fixtures::ErdrSupplement(report.outgoing_number(), day,
                                                        report.registration_number(), absl::Now());
  v1::SubmitResponse supplement;
  ASSERT_TRUE(NewStub()->SubmitSupplement(&sctx, supp, &supplement).ok());
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  std::optional<v1::InboxItem> at_ministry;
  while (absl::Now() < give_up) {
    at_ministry = StoredItem(kMinistry, supplement.report_id());
    if (at_ministry && at_ministry->state() == v1::INBOX_STATE_ACKNOWLEDGED) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_TRUE(at_ministry.has_value());
  EXPECT_EQ(at_ministry->hop().document().root_report_id(), report.report_id());
  StopDesks();
  v1::ListInboxRequest list;
  list.set_unit_code(kMinistry);
  list.set_include_done(true);
  v1::ListInboxResponse inbox;
  ASSERT_TRUE(CallAs(kMinistry, list, &inbox, &v1::Routing::Stub::ListInbox).ok());
  bool chained = false;
  for (const auto& e : inbox.entries()) {
    if (e.item().item_id() != report.report_id()) continue;
    chained = e.supplements_size() == 1 && e.supplements(0).item_id() == supplement.report_id();
  }
  EXPECT_TRUE(chained);

  // Supplements to unknown originals, and requalifications without the
  // explanation of who got it wrong, are refused at intake.
  auto refused = [&](const v1::Supplement& s) {
    grpc::ClientContext ctx;
    grpc_util::AttachCredential(ctx, Token());
    v1::SubmitSupplementRequest r;
    r.set_idempotency_key(absl::StrCat("refused-", absl::ToUnixNanos(absl::Now())));
    *r.mutable_supplement() = s;
    v1::SubmitResponse resp;
    return NewStub()->SubmitSupplement(&ctx, r, &resp);
  };
  grpc::Status unknown = refused(fixtures::ErdrSupplement("1001/2026/999999", day, 1, absl::Now()));
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unknown.error_message(), HasSubstr("supplement.original_outgoing_number"));
  v1::Supplement requal = fixtures::ErdrSupplement(report.outgoing_number(), day, 1, absl::Now());
  requal.set_requalification(true);
  grpc::Status unexplained = refused(requal);
  EXPECT_EQ(unexplained.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(unexplained.error_message(), HasSubstr("supplement.requalification_explanation"));

  // The district's daily summary, over gRPC.
  v1::DailySummaryRequest sreq;
  sreq.set_unit_code("1001");
  sreq.set_day(day);
  v1::DailySummaryResponse summary;
  ASSERT_TRUE(CallAs("1001", sreq, &summary, &v1::Routing::Stub::DailySummary).ok());
  bool marked = false;
  for (const auto& row : summary.summary().rows()) {
    if (row.document_id() == report.report_id()) {
      marked = row.region_informed().informed() && row.ministry_informed().informed();
    }
  }
  EXPECT_TRUE(marked);
  EXPECT_THAT(summary.text(), HasSubstr(report.outgoing_number()));

  // The watcher saw the report arrive at the region and leave it, and
  // nothing of the Ministry's own inbox.
  watch_ctx.TryCancel();
  watcher.join();
  std::lock_guard<std::mutex> lock(seen_mu);
  EXPECT_THAT(seen, ::testing::Contains(absl::StrCat("1000 received ", report.report_id())));
  EXPECT_THAT(seen, ::testing::Contains(absl::StrCat("1000 forwarded ", report.report_id())));
  for (const auto& s : seen) EXPECT_THAT(s, ::testing::Not(::testing::StartsWith("0001 "))) << s;
}

TEST_F(RoutingIntegrationTest, RoutingKilledMidStreamLosesAndDoublesNothing) {
  StartDesks();
  StartFiling(absl::StrCat("kill-routing-", absl::ToUnixNanos(absl::Now()), "-"));
  absl::SleepFor(absl::Milliseconds(1500));
  ASSERT_TRUE(stack_->KillRouting().ok());
  absl::SleepFor(absl::Milliseconds(500));
  ASSERT_TRUE(stack_->StartRouting().ok());
  absl::SleepFor(absl::Seconds(1));
  std::set<std::string> ids = StopFiling();
  ExpectEachDeliveredOnceEverywhere(ids);
  StopDesks();
}

TEST_F(RoutingIntegrationTest, BrokersDownAndUpLoseAndDoubleNothing) {
  embedded_kafka::MockCluster* cluster = stack_->cluster();
  ASSERT_NE(cluster, nullptr);
  StartDesks();
  StartFiling(absl::StrCat("brokers-", absl::ToUnixNanos(absl::Now()), "-"));
  absl::SleepFor(absl::Seconds(1));
  for (int b = 1; b <= cluster->broker_count(); ++b) ASSERT_TRUE(cluster->SetBrokerDown(b).ok());
  absl::SleepFor(absl::Seconds(3));
  for (int b = 1; b <= cluster->broker_count(); ++b) ASSERT_TRUE(cluster->SetBrokerUp(b).ok());
  absl::SleepFor(absl::Seconds(1));
  std::set<std::string> ids = StopFiling();
  ExpectEachDeliveredOnceEverywhere(ids);
  StopDesks();
}

TEST_F(RoutingIntegrationTest, InjectedRequestErrorsLoseAndDoubleNothing) {
  embedded_kafka::MockCluster* cluster = stack_->cluster();
  ASSERT_NE(cluster, nullptr);
  StartDesks();
  StartFiling(absl::StrCat("errors-", absl::ToUnixNanos(absl::Now()), "-"));
  absl::SleepFor(absl::Milliseconds(500));
  // Produce (0), Fetch (1) and OffsetCommit (8) refused for a while.
  ASSERT_TRUE(cluster->PushRequestErrors(0, 30, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION).ok());
  ASSERT_TRUE(cluster->PushRequestErrors(1, 30, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT).ok());
  ASSERT_TRUE(cluster->PushRequestErrors(8, 10, RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT).ok());
  absl::SleepFor(absl::Seconds(2));
  std::set<std::string> ids = StopFiling();
  ExpectEachDeliveredOnceEverywhere(ids);
  StopDesks();
}

TEST_F(RoutingIntegrationTest, RedisRestartLosesAndDoublesNothing) {
  StartDesks();
  StartFiling(absl::StrCat("redis-", absl::ToUnixNanos(absl::Now()), "-"));
  absl::SleepFor(absl::Seconds(1));
  ASSERT_TRUE(stack_->RestartRedis(/*kill=*/true).ok());
  absl::SleepFor(absl::Seconds(1));
  std::set<std::string> ids = StopFiling();
  ExpectEachDeliveredOnceEverywhere(ids);
  StopDesks();
}

}  // namespace
}  // namespace opsreport::integration
