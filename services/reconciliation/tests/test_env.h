#pragma once
// The reconciliation service over a real redis-server with a fake clock:
// records are put in as the extracts and Kafka topics would, requests are
// captured where the relay would publish them.

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "keys.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/fixtures/rule_data.h"
#include "opsreport/testing/shared_redis.h"
#include "opsreport/testing/status_matchers.h"
#include "service.h"

namespace opsreport::reconciliation_service::testing {

// Kyiv local time (UTC+2 in winter, +3 in summer).
inline absl::Time Kyiv(int y, int mo, int d, int h = 12, int mi = 0) {
  return absl::FromCivil(absl::CivilMinute(y, mo, d, h, mi), absl::FixedTimeZone(0)) -
         absl::Hours(mo >= 4 && mo <= 10 ? 3 : 2);
}

inline std::string Pn(int n) { return absl::StrCat("1202610001", absl::Dec(n, absl::kZeroPad7)); }

inline v1::RegisterEntry Entry(int n, absl::Time registered, std::string unit, std::string article,
                               std::string part, std::string item = "") {
  v1::RegisterEntry e;
  e.set_proceedings_number(Pn(n));
  *e.mutable_registered_at() = base::ToProto(registered);
  *e.mutable_reported_at() = base::ToProto(registered - absl::Minutes(30));
  e.set_unit_code(unit);
  e.set_unit_name("РУ " + unit);
  e.mutable_qualification()->set_cc_article(article);
  e.mutable_qualification()->set_article_part(part);
  e.set_catalogue_number(item);
  e.set_summary(absl::StrCat("Фабула провадження ", n));
  e.set_place("м. Київ");
  return e;
}

// An accepted special report; n = 0: no ЄРДР data yet.
inline v1::AcceptedDocument Report(std::string id, absl::Time accepted, std::string unit, int n,
                                   std::string article, std::string part, std::string item) {
  v1::AcceptedDocument d;
  d.set_id(id);
  d.set_root_report_id(id);
  d.set_unit_code(unit);
  d.set_outgoing_number(absl::StrCat(unit, "/2026/", id));
  *d.mutable_accepted_at() = base::ToProto(accepted);
  v1::SpecialReport* r = d.mutable_special_report();
  r->set_unit_code(unit);
  r->set_catalogue_number(item);
  r->mutable_content()->mutable_what()->set_text("Подія " + id);
  r->mutable_coding_line()->set_cc_article(article);
  r->mutable_coding_line()->set_article_part(part);
  if (n > 0) {
    r->mutable_erdr()->set_proceedings_number(Pn(n));
    r->mutable_erdr()->set_cc_article(article);
    r->mutable_erdr()->set_article_part(part);
  }
  return d;
}

inline auth::Principal As(const std::string& unit, auth::Role role = auth::Role::kDutyOfficer) {
  return {unit, "Черговий " + unit, role, absl::InfiniteFuture()};
}

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(client_, opsreport::testing::EmptySharedRedis());
    store_ = std::make_unique<outbox::RedisStore>(client_.get(), "recon");
    holds_ = std::make_unique<consumer::HoldStore>(client_.get(), "hold:opsreport-reconciliation");
    service_ = NewService();
  }
  std::unique_ptr<ReconciliationService> NewService(ServiceOptions options = {}) {
    return std::make_unique<ReconciliationService>(
        client_.get(), &data_.org, &data_.catalogue, &clock_, options,
        outbox::Sink{store_.get(), [this](const outbox::Message& m) { published_.push_back(m); }},
        holds_.get());
  }
  void Put(std::vector<v1::RegisterEntry> entries) {
    ASSERT_OK(service_->records().ApplyEntries(entries, register_extract::ExtractKind::kEntries));
  }
  void Accept(const v1::AcceptedDocument& doc, int64_t offset = 0) {
    ASSERT_OK(service_->OnRecord(
        {"opsreport.reports.accepted", 0, offset, doc.root_report_id(), doc.SerializeAsString()}));
  }
  // Routing's delivery of `report` to the Ministry's desk at `received`.
  void Deliver(const v1::AcceptedDocument& report, absl::Time received, int64_t offset = 0) {
    v1::InboxItem item;
    item.set_item_id(report.id());
    item.set_unit_code(data_.org.ministry().code());
    *item.mutable_received_at() = base::ToProto(received);
    item.mutable_hop()->set_id(absl::StrCat(report.id(), ":chain:", item.unit_code(), ":3"));
    *item.mutable_hop()->mutable_document() = report;
    ASSERT_OK(service_->OnRecord(
        {"opsreport.routing.delivered", 0, offset, report.id(), item.SerializeAsString()}));
  }
  int64_t Held() {
    absl::StatusOr<int64_t> n = holds_->Count();
    EXPECT_TRUE(n.ok()) << n.status();
    return n.value_or(-1);
  }
  absl::StatusOr<v1::Run> RunJob(v1::JobKind kind, std::string unit, std::string period,
                                 bool rerun = false) {
    v1::RunRequest r;
    r.set_kind(kind);
    r.set_unit_code(unit);
    r.set_period(period);
    r.set_rerun(rerun);
    absl::StatusOr<v1::Run> queued = service_->QueueRun(r);
    if (!queued.ok()) return queued.status();
    absl::Status drained = service_->DrainQueue();
    if (!drained.ok()) return drained;
    return service_->GetRun(As(data_.org.ministry().code()), queued->id());
  }
  // "<kind> <unit> <proceedings>/<report>[ <differing>]" in key order.
  std::vector<std::string> Found(const std::string& run_id) {
    v1::ListDiscrepanciesRequest r;
    r.set_run_id(run_id);
    absl::StatusOr<v1::ListDiscrepanciesResponse> list =
        service_->ListDiscrepancies(As(data_.org.ministry().code()), r);
    EXPECT_TRUE(list.ok()) << list.status();
    std::vector<std::string> out;
    if (!list.ok()) return out;
    for (const v1::Discrepancy& d : list->discrepancies()) {
      std::string line =
          absl::StrCat(v1::DiscrepancyKind_Name(d.kind()).substr(17), " ", d.unit_code(), " ",
                       d.proceedings_number(), "/", d.report_id());
      for (int f : d.differing()) {
        absl::StrAppend(
            &line, " ",
            v1::QualificationField_Name(static_cast<v1::QualificationField>(f)).substr(20));
      }
      out.push_back(line);
    }
    return out;
  }
  std::vector<std::string> RequestIds() {
    std::vector<std::string> out;
    for (const outbox::Message& m : published_) out.push_back(m.id);
    return out;
  }

  const fixtures::RuleData& data_ = fixtures::SampleRuleData();
  std::unique_ptr<redis::Client> client_;
  std::unique_ptr<outbox::RedisStore> store_;
  std::unique_ptr<consumer::HoldStore> holds_;
  base::FakeClock clock_{Kyiv(2026, 3, 12, 10)};
  std::vector<outbox::Message> published_;
  std::unique_ptr<ReconciliationService> service_;
};

}  // namespace opsreport::reconciliation_service::testing
