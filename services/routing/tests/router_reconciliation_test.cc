// The reconciliation's requests to units (002 §3.7, §7.8.2) over a real
// redis-server: applied once, in the unit's inbox, in the daily summary of
// their day, on the live view, refused when malformed, answered by the unit's
// later document on the same proceedings; and their Kafka side.
#include "consumer_loop.h"
#include "gmock/gmock.h"
#include "opsreport/kafka_fake/fake_broker.h"
#include "router_test.h"

namespace opsreport::routing {
namespace {

using ::opsreport::testing::StatusIs;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr char kOtherRegion[] = "1400";
constexpr char kMismatchNumber[] = "12026100010004512";  // the fixtures' report and supplement
constexpr char kUnreportedNumber[] = "12026100010007777";

v1::ReconciliationRequest Request(const std::string& id, const std::string& proceedings_number,
                                  const std::string& summary_day = "2026-03-10") {
  v1::ReconciliationRequest r;
  r.set_id(id);
  r.set_kind(v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION);
  r.set_unit_code(kDistrict);
  r.set_requested_by_unit(kRegion);
  r.set_run_id("daily:1000:2026-03-10");
  v1::Discrepancy* d = r.mutable_discrepancy();
  d->set_kind(v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH);
  d->set_unit_code(kDistrict);
  d->set_proceedings_number(proceedings_number);
  r.set_question("Надішліть доповнення з кваліфікацією за ЄРДР");
  *r.mutable_requested_at() = ToProto(kAccepted);
  r.set_summary_day(summary_day);
  return r;
}

std::vector<std::string> Ids(
    const google::protobuf::RepeatedPtrField<v1::ReconciliationInboxItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.request().id());
  return out;
}

class ReconciliationRequestTest : public RouterTest {
 protected:
  std::vector<std::string> InboxIds(const std::string& caller, const std::string& unit,
                                    bool include_done = false) {
    absl::StatusOr<v1::ListInboxResponse> inbox =
        router_->ListInbox(Desk(caller), unit, include_done, 0);
    EXPECT_OK(inbox);
    return inbox.ok() ? Ids(inbox->reconciliation_requests()) : std::vector<std::string>{};
  }
  v1::DailySummaryResponse Summary(const std::string& unit, const std::string& day) {
    absl::StatusOr<v1::DailySummaryResponse> summary = router_->DailySummary(Desk(unit), unit, day);
    EXPECT_OK(summary);
    return summary.ok() ? *summary : v1::DailySummaryResponse();
  }
  // "<unit>:<change>" of the reconciliation's events after `cursor`.
  std::vector<std::string> Changes(const std::string& unit, std::string& cursor) {
    absl::StatusOr<std::vector<v1::RoutingEvent>> events = router_->EventsFor(unit, cursor, 100);
    EXPECT_OK(events);
    std::vector<std::string> out;
    if (!events.ok()) return out;
    for (const auto& e : *events) {
      if (e.has_reconciliation_request()) out.push_back(e.unit_code() + ":" + e.change());
    }
    return out;
  }
  int64_t KeyCount() {
    absl::StatusOr<redis::Reply> n = client_->Command({"DBSIZE"});
    EXPECT_OK(n);
    return n.ok() ? n->integer : -1;
  }
};

TEST_F(ReconciliationRequestTest, AppliedOnceAndARepeatOnlyGetsTheReceiptAgain) {
  std::string cursor;
  ASSERT_OK(router_->EventsFor(kMinistry, cursor, 100).status());
  ASSERT_OK_AND_ASSIGN(v1::ReconciliationRequestReceipt receipt,
                       router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)));
  EXPECT_EQ(receipt.request_id(), "info:1001:a");
  EXPECT_EQ(receipt.unit_code(), kDistrict);
  EXPECT_EQ(ToTime(receipt.applied_at()), kAccepted);
  const int64_t keys = KeyCount();

  clock_.Advance(absl::Minutes(5));
  ASSERT_OK_AND_ASSIGN(v1::ReconciliationRequestReceipt again,
                       router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)));
  EXPECT_EQ(again.request_id(), "info:1001:a");
  EXPECT_EQ(ToTime(again.applied_at()), kAccepted) << "the first application's time";
  EXPECT_EQ(KeyCount(), keys);
  EXPECT_THAT(InboxIds(kDistrict, kDistrict), ElementsAre("info:1001:a"));
  EXPECT_THAT(Changes(kMinistry, cursor), ElementsAre("1001:reconciliation_request"));
}

TEST_F(ReconciliationRequestTest, InTheUnitsInboxForItAndItsRegionOnly) {
  ASSERT_OK(router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)).status());
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(router_->OnReconciliationRequest(Request("info:1001:b", kUnreportedNumber)).status());

  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse own,
                       router_->ListInbox(Desk(kDistrict), kDistrict, false, 0));
  ASSERT_THAT(Ids(own.reconciliation_requests()), ElementsAre("info:1001:b", "info:1001:a"))
      << "newest first";
  const v1::ReconciliationInboxItem& newest = own.reconciliation_requests(0);
  EXPECT_EQ(newest.request().question(), "Надішліть доповнення з кваліфікацією за ЄРДР");
  EXPECT_EQ(ToTime(newest.received_at()), kAccepted + absl::Minutes(1));
  EXPECT_TRUE(newest.answered_by_document_id().empty());
  EXPECT_THAT(InboxIds(kDistrict, kDistrict, /*include_done=*/true),
              ElementsAre("info:1001:b", "info:1001:a"));
  // The region and the Ministry see the district's inbox; another region does not.
  EXPECT_THAT(InboxIds(kRegion, kDistrict), ElementsAre("info:1001:b", "info:1001:a"));
  EXPECT_THAT(InboxIds(kMinistry, kDistrict), ElementsAre("info:1001:b", "info:1001:a"));
  EXPECT_THAT(router_->ListInbox(Desk(kOtherRegion), kDistrict, false, 0),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(InboxIds(kOtherRegion, kOtherRegion), IsEmpty());
  // The request is the district's to answer: not a queue item of the region's own.
  EXPECT_THAT(InboxIds(kRegion, kRegion), IsEmpty());
}

TEST_F(ReconciliationRequestTest, InTheDailySummaryOfItsDayForTheUnitAndItsRegion) {
  ASSERT_OK(router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)).status());
  // Without a summary_day, the Kyiv day it was asked on: 23:30 UTC is already
  // the 11th in Kyiv.
  v1::ReconciliationRequest late = Request("info:1001:b", kUnreportedNumber, "");
  *late.mutable_requested_at() =
      ToProto(absl::FromCivil(absl::CivilMinute(2026, 3, 10, 23, 30), absl::UTCTimeZone()));
  ASSERT_OK(router_->OnReconciliationRequest(late).status());

  v1::DailySummaryResponse district = Summary(kDistrict, "2026-03-10");
  ASSERT_THAT(Ids(district.summary().reconciliation_requests()), ElementsAre("info:1001:a"));
  EXPECT_THAT(district.json(), AllOf(HasSubstr("\"reconciliation_requests\""),
                                     HasSubstr("\"info:1001:a\""), HasSubstr(kMismatchNumber)));
  EXPECT_THAT(district.text(),
              AllOf(HasSubstr("Випадків немає."),
                    HasSubstr("Запити за результатами звірки з ЄРДР: 1\n"
                              "1. 1001 — запит відсутньої інформації, ЄРДР № 12026100010004512 "
                              "(розбіжність кваліфікації)\n"
                              "   Надішліть доповнення з кваліфікацією за ЄРДР\n"
                              "   Запит: 10.03.2026 10:45, надіслав 1000\n"
                              "   Відповідь: НЕ НАДІЙШЛА\n")));
  // The region's summary lists its subtree's requests; another region's does not.
  EXPECT_THAT(Ids(Summary(kRegion, "2026-03-10").summary().reconciliation_requests()),
              ElementsAre("info:1001:a"));
  EXPECT_THAT(Ids(Summary(kMinistry, "2026-03-10").summary().reconciliation_requests()),
              ElementsAre("info:1001:a"));
  v1::DailySummaryResponse other = Summary(kOtherRegion, "2026-03-10");
  EXPECT_THAT(other.summary().reconciliation_requests(), IsEmpty());
  EXPECT_THAT(other.text(), Not(HasSubstr("звірки")));
  EXPECT_THAT(Ids(Summary(kDistrict, "2026-03-11").summary().reconciliation_requests()),
              ElementsAre("info:1001:b"));
  ASSERT_OK_AND_ASSIGN(std::vector<StoredReconciliation> stored,
                       router_->store().LoadReconciliations({"info:1001:b"}));
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].item.request().summary_day(), "2026-03-11");
}

TEST_F(ReconciliationRequestTest, InvalidRequestIsRefusedNamingEveryFieldAndChangesNothing) {
  const int64_t keys = KeyCount();
  absl::Status empty = router_->OnReconciliationRequest(v1::ReconciliationRequest()).status();
  EXPECT_THAT(empty, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(empty.message()),
              AllOf(HasSubstr("id:"), HasSubstr("unit_code:"), HasSubstr("kind:")));

  v1::ReconciliationRequest bad = Request("info:9999:a", kMismatchNumber, "10.03.2026");
  bad.set_unit_code("9999");
  bad.set_kind(static_cast<v1::ReconciliationRequestKind>(42));
  absl::Status refused = router_->OnReconciliationRequest(bad).status();
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(refused.message()),
              AllOf(HasSubstr("unit_code: unknown unit '9999'"), HasSubstr("kind:"),
                    HasSubstr("summary_day:"), Not(HasSubstr("id:"))));
  EXPECT_EQ(KeyCount(), keys);
}

TEST_F(ReconciliationRequestTest, LiveViewShowsTheRequestToTheUnitAndAbove) {
  std::string district_cursor, region_cursor, other_cursor;
  ASSERT_OK(router_->EventsFor(kDistrict, district_cursor, 100).status());
  ASSERT_OK(router_->EventsFor(kRegion, region_cursor, 100).status());
  ASSERT_OK(router_->EventsFor(kOtherRegion, other_cursor, 100).status());
  ASSERT_OK(router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)).status());
  std::string cursor = district_cursor;
  ASSERT_OK_AND_ASSIGN(std::vector<v1::RoutingEvent> events,
                       router_->EventsFor(kDistrict, cursor, 100));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].change(), "reconciliation_request");
  EXPECT_EQ(events[0].unit_code(), kDistrict);
  EXPECT_EQ(events[0].reconciliation_request().request().id(), "info:1001:a");
  EXPECT_THAT(Changes(kRegion, region_cursor), ElementsAre("1001:reconciliation_request"));
  EXPECT_THAT(Changes(kOtherRegion, other_cursor), IsEmpty());
}

TEST_F(ReconciliationRequestTest, TheUnitsLaterDocumentOnTheSameProceedingsAnswersIt) {
  const v1::AcceptedDocument report = Report("r1");  // carries kMismatchNumber
  ASSERT_OK(router_->OnAccepted(report));
  Pump();
  // Filed before the request: it is what the request is about, not its answer.
  ASSERT_OK(router_->OnReconciliationRequest(Request("info:1001:a", kMismatchNumber)).status());
  clock_.Advance(absl::Seconds(1));
  v1::ReconciliationRequest unreported = Request("demand:1001:b", kUnreportedNumber);
  unreported.set_kind(v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND);
  unreported.mutable_discrepancy()->set_kind(v1::DISCREPANCY_KIND_UNREPORTED_CRIME);
  ASSERT_OK(router_->OnReconciliationRequest(unreported).status());
  clock_.Advance(absl::Seconds(1));
  // A report without a register entry has no number: its report's ЄРДР
  // supplement answers it.
  v1::ReconciliationRequest without_entry = Request("info:1001:c", "");
  without_entry.mutable_discrepancy()->set_kind(v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY);
  without_entry.mutable_discrepancy()->set_report_id("r1");
  ASSERT_OK(router_->OnReconciliationRequest(without_entry).status());
  EXPECT_THAT(InboxIds(kDistrict, kDistrict),
              ElementsAre("info:1001:c", "demand:1001:b", "info:1001:a"));
  std::string cursor;
  ASSERT_OK(router_->EventsFor(kDistrict, cursor, 100).status());

  // Another unit's report on the unreported number answers nothing of 1001's.
  v1::AcceptedDocument elsewhere = Report("r2", "1002");
  elsewhere.mutable_special_report()->mutable_erdr()->set_proceedings_number(kUnreportedNumber);
  ASSERT_OK(router_->OnAccepted(elsewhere));
  EXPECT_THAT(InboxIds(kDistrict, kDistrict),
              ElementsAre("info:1001:c", "demand:1001:b", "info:1001:a"));

  clock_.Advance(absl::Minutes(30) - absl::Seconds(2));
  const v1::AcceptedDocument supplement = Supplement("s1", report, clock_.Now());
  ASSERT_OK(router_->OnAccepted(supplement));
  clock_.Advance(absl::Minutes(30));
  v1::AcceptedDocument found = Report("r3", kDistrict, "1", clock_.Now());
  found.mutable_special_report()->mutable_erdr()->set_proceedings_number(kUnreportedNumber);
  ASSERT_OK(router_->OnAccepted(found));
  ASSERT_OK(router_->OnAccepted(found)) << "a repeat answers nothing twice";

  EXPECT_THAT(InboxIds(kDistrict, kDistrict), IsEmpty()) << "answered requests are done";
  ASSERT_OK_AND_ASSIGN(v1::ListInboxResponse all,
                       router_->ListInbox(Desk(kDistrict), kDistrict, true, 0));
  ASSERT_THAT(Ids(all.reconciliation_requests()),
              ElementsAre("info:1001:c", "demand:1001:b", "info:1001:a"));
  EXPECT_EQ(all.reconciliation_requests(0).answered_by_document_id(), "s1");
  EXPECT_EQ(all.reconciliation_requests(1).answered_by_document_id(), "r3");
  EXPECT_EQ(all.reconciliation_requests(1).answered_by_outgoing_number(), "1001/2026/r3");
  EXPECT_EQ(ToTime(all.reconciliation_requests(1).answered_at()), kAccepted + absl::Hours(1));
  EXPECT_EQ(all.reconciliation_requests(2).answered_by_document_id(), "s1");
  EXPECT_EQ(ToTime(all.reconciliation_requests(2).answered_at()), kAccepted + absl::Minutes(30));

  EXPECT_THAT(Changes(kDistrict, cursor),
              ElementsAre("1001:reconciliation_answered", "1001:reconciliation_answered",
                          "1001:reconciliation_answered"));
  EXPECT_THAT(Summary(kDistrict, "2026-03-10").text(),
              AllOf(HasSubstr("Відповідь: вих. № 1001/2026/s1 від 10.03.2026 11:15"),
                    HasSubstr("Відповідь: вих. № 1001/2026/r3 від 10.03.2026 11:45")));
}

// A request no document can answer by itself (neither a proceedings number
// nor a report, or the register was wrong) is closed by the asked unit's desk.
TEST_F(ReconciliationRequestTest, TheAskedUnitsDeskAnswersARequestByHand) {
  v1::ReconciliationRequest request = Request("info:1001:m", "");
  request.mutable_discrepancy()->set_kind(v1::DISCREPANCY_KIND_UNREPORTED_CRIME);
  ASSERT_OK(router_->OnReconciliationRequest(request).status());
  std::string cursor;
  ASSERT_OK(router_->EventsFor(kRegion, cursor, 100).status());
  const int64_t keys = KeyCount();

  v1::AnswerReconciliationRequestRequest answer;
  answer.set_unit_code("9999");
  answer.set_outgoing_number(std::string(65, '7'));
  absl::StatusOr<v1::ReconciliationInboxItem> refused =
      router_->AnswerReconciliation(Desk(kDistrict), answer);
  EXPECT_THAT(refused, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(std::string(refused.status().message()),
              AllOf(HasSubstr("unit_code: unknown unit '9999'"), HasSubstr("request_id"),
                    HasSubstr("answer"), HasSubstr("outgoing_number")));
  answer.set_unit_code(kDistrict);
  answer.set_request_id("info:1001:m");
  answer.set_answer("Запис ЄРДР помилковий: кримінальне правопорушення зареєстровано двічі");
  answer.set_outgoing_number("1001/2026/л15");
  EXPECT_THAT(router_->AnswerReconciliation(Desk(kRegion), answer),
              StatusIs(absl::StatusCode::kPermissionDenied))
      << "only the asked unit's own desk answers";
  answer.set_request_id("info:1001:none");
  EXPECT_THAT(router_->AnswerReconciliation(Desk(kDistrict), answer),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(KeyCount(), keys) << "a refusal changes nothing";

  answer.set_request_id("info:1001:m");
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(v1::ReconciliationInboxItem answered,
                       router_->AnswerReconciliation(Desk(kDistrict, "Черговий 1001"), answer));
  EXPECT_EQ(answered.answer(), answer.answer());
  EXPECT_EQ(answered.answered_by_officer(), "Черговий 1001");
  EXPECT_EQ(answered.answered_by_outgoing_number(), "1001/2026/л15");
  EXPECT_EQ(ToTime(answered.answered_at()), clock_.Now());
  EXPECT_THAT(InboxIds(kDistrict, kDistrict), IsEmpty()) << "answered requests are done";
  EXPECT_THAT(InboxIds(kDistrict, kDistrict, /*include_done=*/true), ElementsAre("info:1001:m"));
  EXPECT_THAT(Changes(kRegion, cursor), ElementsAre("1001:reconciliation_answered"));
  EXPECT_THAT(
      Summary(kDistrict, "2026-03-10").text(),
      HasSubstr("Відповідь: Запис ЄРДР помилковий: кримінальне правопорушення "
                "зареєстровано двічі (Черговий 1001, вих. № 1001/2026/л15) від 10.03.2026"));

  // A retried call returns the same answer; a different one is refused.
  ASSERT_OK_AND_ASSIGN(v1::ReconciliationInboxItem again,
                       router_->AnswerReconciliation(Desk(kDistrict), answer));
  EXPECT_EQ(ToTime(again.answered_at()), ToTime(answered.answered_at()));
  answer.set_answer("інша відповідь");
  EXPECT_THAT(router_->AnswerReconciliation(Desk(kDistrict), answer),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("1001/2026/л15")));
  EXPECT_THAT(Changes(kRegion, cursor), IsEmpty());
}

TEST_F(ReconciliationRequestTest, ConsumerAppliesTheRecordAndSendsTheReceiptKeyedByTheUnit) {
  kafka::FakeBroker broker;
  std::unique_ptr<kafka::Producer> producer = broker.NewProducer();
  const ConsumerTopics topics;
  kafka::Message record{topics.reconciliation_requests, 0, 0, kDistrict,
                        Request("info:1001:a", kMismatchNumber).SerializeAsString()};
  ASSERT_OK(ApplyRecord(*router_, *producer, topics, record));
  ASSERT_OK(ApplyRecord(*router_, *producer, topics, record));  // redelivered
  std::vector<kafka::Message> receipts = broker.Messages("opsreport.reconciliation.receipts");
  ASSERT_EQ(receipts.size(), 2u) << "a repeat is answered again";
  for (const kafka::Message& m : receipts) {
    EXPECT_EQ(m.key, kDistrict);
    v1::ReconciliationRequestReceipt receipt;
    ASSERT_TRUE(receipt.ParseFromString(m.payload));
    EXPECT_EQ(receipt.request_id(), "info:1001:a");
  }
  EXPECT_THAT(InboxIds(kDistrict, kDistrict), ElementsAre("info:1001:a"));

  // Records that can never be applied are refused (the loop logs and skips
  // them). One that names its request is answered with the refusal, so the
  // reconciliation stops re-sending it; one that does not parse cannot be.
  record.payload = "\xff not a request";
  EXPECT_THAT(ApplyRecord(*router_, *producer, topics, record),
              StatusIs(absl::StatusCode::kInvalidArgument));
  v1::ReconciliationRequest bad = Request("info:9999:z", kMismatchNumber);
  bad.set_unit_code("9999");
  bad.set_kind(v1::RECONCILIATION_REQUEST_KIND_UNSPECIFIED);
  record.payload = bad.SerializeAsString();
  EXPECT_THAT(ApplyRecord(*router_, *producer, topics, record),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unit_code")));
  receipts = broker.Messages("opsreport.reconciliation.receipts");
  ASSERT_EQ(receipts.size(), 3u);
  v1::ReconciliationRequestReceipt refused;
  ASSERT_TRUE(refused.ParseFromString(receipts[2].payload));
  EXPECT_EQ(refused.request_id(), "info:9999:z");
  EXPECT_THAT(refused.rejected(), AllOf(HasSubstr("unit_code"), HasSubstr("kind")));
  EXPECT_THAT(InboxIds(kDistrict, kDistrict), ElementsAre("info:1001:a")) << "nothing applied";
}

}  // namespace
}  // namespace opsreport::routing
