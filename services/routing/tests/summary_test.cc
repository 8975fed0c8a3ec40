#include "summary.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/fixtures/rule_data.h"

namespace opsreport::routing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr char kRegionOfficer[] = "Бондар Ігор Васильович";
constexpr char kMinistryOfficer[] = "Савченко Олег Петрович";

absl::Time Kyiv(int month, int day, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(2026, month, day, hour, minute), calendar::KyivZone());
}

absl::Time Utc(int year, int month, int day, int hour) {
  return absl::FromCivil(absl::CivilHour(year, month, day, hour), absl::UTCTimeZone());
}

// `n` two-byte Cyrillic letters.
std::string Letters(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += "ж";
  return out;
}

absl::Time At(const google::protobuf::Timestamp& ts) { return absl::FromUnixSeconds(ts.seconds()); }

v1::AcceptedDocument Report(const std::string& id, const std::string& unit,
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

v1::InboxItem Item(const std::string& unit, v1::HopKind kind, const v1::AcceptedDocument& doc,
                   const std::string& from, const std::string& sender_outgoing,
                   absl::Time received) {
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

v1::InboxItem Acked(v1::InboxItem item, absl::Time at, const std::string& officer) {
  item.set_state(v1::INBOX_STATE_ACKNOWLEDGED);
  *item.mutable_auto_reply()->mutable_received_at() = fixtures::ToProto(at);
  item.mutable_auto_reply()->set_receiving_officer(officer);
  return item;
}

v1::InboxItem Forwarded(v1::InboxItem item, absl::Time at, const std::string& to,
                        const std::string& outgoing) {
  item.set_state(v1::INBOX_STATE_FORWARDED);
  *item.mutable_forwarded_at() = fixtures::ToProto(at);
  item.set_forwarded_to(to);
  item.set_forward_outgoing_number(outgoing);
  return item;
}

// `levels` is the chain from the origin to the final unit.
v1::RoutePlan Route(const std::vector<std::string>& levels,
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
CaseSnapshot DistrictCase(const v1::AcceptedDocument& doc, absl::Time received) {
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

TEST(KyivDayTest, SpansTheKyivCalendarDay) {
  auto day = KyivDay("2026-03-10", "day");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->begin, Utc(2026, 3, 9, 22));
  EXPECT_EQ(day->end, Utc(2026, 3, 10, 22));
  ASSERT_TRUE(KyivDay("2028-02-29", "day").ok());
}

TEST(KyivDayTest, DaylightSavingDaysAreShortAndLong) {
  auto spring = KyivDay("2026-03-29", "day");
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->begin, Utc(2026, 3, 28, 22));
  EXPECT_EQ(spring->end, Utc(2026, 3, 29, 21));
  EXPECT_EQ(spring->end - spring->begin, absl::Hours(23));
  auto autumn = KyivDay("2026-10-25", "day");
  ASSERT_TRUE(autumn.ok());
  EXPECT_EQ(autumn->begin, Utc(2026, 10, 24, 21));
  EXPECT_EQ(autumn->end, Utc(2026, 10, 25, 22));
  EXPECT_EQ(autumn->end - autumn->begin, absl::Hours(25));
}

TEST(KyivDayTest, RejectsMalformedAndImpossibleDates) {
  auto bad_shape = KyivDay("2026-3-10", "day");
  EXPECT_EQ(bad_shape.status(),
            absl::InvalidArgumentError("day: \"2026-3-10\" is not a day in the form YYYY-MM-DD"));
  auto impossible = KyivDay("2026-02-30", "day");
  EXPECT_EQ(impossible.status(),
            absl::InvalidArgumentError("day: 2026-02-30 is not a calendar date"));
  for (const char* text : {"", "2026/03/10", "10.03.2026", "2026-03-10 ", "+026-03-10",
                           "2026-03-1a", "2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01"}) {
    auto day = KyivDay(text, "summary.day");
    EXPECT_TRUE(absl::IsInvalidArgument(day.status())) << text;
    EXPECT_THAT(std::string(day.status().message()), StartsWith("summary.day: ")) << text;
  }
}

TEST_F(SummaryTest, DistrictSummaryMarksEachLevel) {
  // Acknowledged by the region; the Ministry has it in its queue, unacknowledged.
  v1::AcceptedDocument a = Report("doc-a", "1001", "1001/2026/1", Kyiv(3, 10, 9, 5));
  CaseSnapshot ca = DistrictCase(a, Kyiv(3, 10, 9, 5));
  ca.levels["1000"] =
      Acked(Item("1000", v1::HOP_KIND_CHAIN, a, "1001", "1001/2026/1", Kyiv(3, 10, 9, 7)),
            Kyiv(3, 10, 9, 20), kRegionOfficer);
  ca.levels["0001"] =
      Item("0001", v1::HOP_KIND_CHAIN, a, "1000", "1000/2026/40", Kyiv(3, 10, 10, 0));
  ca.breach_kinds = {"hop_acknowledgement", "catalogue"};

  // Fully informed, received earlier the same day.
  v1::AcceptedDocument b = Report("doc-b", "1001", "1001/2026/2", Kyiv(3, 10, 0, 0));
  CaseSnapshot cb = DistrictCase(b, Kyiv(3, 10, 0, 0));
  cb.levels["1000"] =
      Acked(Item("1000", v1::HOP_KIND_CHAIN, b, "1001", "1001/2026/2", Kyiv(3, 10, 0, 2)),
            Kyiv(3, 10, 0, 10), kRegionOfficer);
  cb.levels["0001"] =
      Acked(Item("0001", v1::HOP_KIND_CHAIN, b, "1000", "1000/2026/39", Kyiv(3, 10, 0, 40)),
            Kyiv(3, 10, 0, 45), kMinistryOfficer);

  // Received at the very end of the day before and at the start of the next.
  v1::AcceptedDocument before = Report("doc-0", "1001", "1001/2026/0", Kyiv(3, 9, 23, 59));
  v1::AcceptedDocument after = Report("doc-z", "1001", "1001/2026/9", Kyiv(3, 11, 0, 0));
  // A question from the region about doc-a travelling down: not a case.
  CaseSnapshot question = DistrictCase(a, Kyiv(3, 10, 11, 0));
  question.item.mutable_hop()->set_kind(v1::HOP_KIND_DATA_REQUEST);
  question.item.set_item_id("doc-a:q:1000:1");

  v1::DailySummary summary =
      BuildDailySummary(org_, "1001", "2026-03-10", day_,
                        {ca, DistrictCase(before, Kyiv(3, 9, 23, 59)), question, cb,
                         DistrictCase(after, Kyiv(3, 11, 0, 0))});
  EXPECT_EQ(summary.unit_code(), "1001");
  EXPECT_EQ(summary.unit_name(), org_.Find("1001")->name());
  EXPECT_EQ(summary.day(), "2026-03-10");
  ASSERT_EQ(summary.rows_size(), 2);

  const v1::DailySummaryRow& first = summary.rows(0);
  EXPECT_EQ(first.document_id(), "doc-b");
  EXPECT_EQ(first.root_report_id(), "doc-b");
  EXPECT_FALSE(first.supplement());
  EXPECT_EQ(first.origin_unit(), "1001");
  EXPECT_EQ(first.outgoing_number(), "1001/2026/2");
  EXPECT_EQ(At(first.accepted_at()), Kyiv(3, 10, 0, 0));
  EXPECT_EQ(first.catalogue_number(), "1");
  // The fixture's sentence (125 bytes) fits the cell whole.
  EXPECT_EQ(first.summary(), "У квартирі виявлено труп чоловіка з ознаками насильницької смерті.");
  EXPECT_TRUE(first.region_informed().required());
  EXPECT_TRUE(first.region_informed().informed());
  EXPECT_EQ(first.region_informed().unit_code(), "1000");
  EXPECT_EQ(At(first.region_informed().at()), Kyiv(3, 10, 0, 10));
  EXPECT_EQ(first.region_informed().receiving_officer(), kRegionOfficer);
  EXPECT_EQ(first.region_informed().outgoing_number(), "1001/2026/2");
  EXPECT_TRUE(first.ministry_informed().required());
  EXPECT_TRUE(first.ministry_informed().informed());
  EXPECT_EQ(first.ministry_informed().unit_code(), "0001");
  EXPECT_EQ(At(first.ministry_informed().at()), Kyiv(3, 10, 0, 45));
  EXPECT_EQ(first.ministry_informed().receiving_officer(), kMinistryOfficer);
  EXPECT_EQ(first.ministry_informed().outgoing_number(), "1000/2026/39");
  EXPECT_TRUE(first.breaches().empty());

  const v1::DailySummaryRow& second = summary.rows(1);
  EXPECT_EQ(second.document_id(), "doc-a");
  EXPECT_TRUE(second.region_informed().informed());
  EXPECT_EQ(At(second.region_informed().at()), Kyiv(3, 10, 9, 20));
  EXPECT_EQ(second.region_informed().outgoing_number(), "1001/2026/1");
  // Received at the Ministry is not informed: nobody there has acknowledged it.
  EXPECT_TRUE(second.ministry_informed().required());
  EXPECT_FALSE(second.ministry_informed().informed());
  EXPECT_EQ(second.ministry_informed().unit_code(), "0001");
  EXPECT_FALSE(second.ministry_informed().has_at());
  EXPECT_EQ(second.ministry_informed().receiving_officer(), "");
  EXPECT_EQ(second.ministry_informed().outgoing_number(), "");
  EXPECT_THAT(second.breaches(), ElementsAre("hop_acknowledgement", "catalogue"));

  EXPECT_EQ(RenderDailySummaryText(summary),
            "ДОБОВЕ ЗВЕДЕННЯ\n"
            "Шевченківське районне управління ГУМВС України в місті Києві (1001)\n"
            "за 10.03.2026\n"
            "\n"
            "1. 1001/2026/2 від 10.03.2026 00:00 п. 1 — У квартирі виявлено труп чоловіка з "
            "ознаками насильницької смерті.\n"
            "   Область поінформовано: 10.03.2026 00:10, прийняв Бондар Ігор Васильович, "
            "вих. № 1001/2026/2\n"
            "   МВС поінформовано: 10.03.2026 00:45, прийняв Савченко Олег Петрович, "
            "вих. № 1000/2026/39\n"
            "2. 1001/2026/1 від 10.03.2026 09:05 п. 1 — У квартирі виявлено труп чоловіка з "
            "ознаками насильницької смерті.\n"
            "   Область поінформовано: 10.03.2026 09:20, прийняв Бондар Ігор Васильович, "
            "вих. № 1001/2026/1\n"
            "   МВС поінформовано: НЕ ПОІНФОРМОВАНО\n"
            "   Порушення строків: hop_acknowledgement, catalogue\n");
}

TEST_F(SummaryTest, RegionOnlySupplementNeedsNoMinistryMark) {
  v1::AcceptedDocument s;
  s.set_id("sup-1");
  s.set_root_report_id("doc-r");
  s.set_unit_code("1002");
  s.set_outgoing_number("1002/2026/8");
  *s.mutable_accepted_at() = fixtures::ToProto(Kyiv(3, 10, 15, 30));
  s.set_submitted_by("Черговий");
  *s.mutable_supplement() =
      fixtures::ErdrSupplement("1002/2026/7", "2026-03-10", 12, Kyiv(3, 10, 15, 0));
  s.mutable_supplement()->mutable_content()->set_text("a " + Letters(70) + "\nдругий рядок");

  // The region's summary: its own item came up the chain from the district.
  CaseSnapshot c;
  c.item = Acked(Item("1000", v1::HOP_KIND_CHAIN, s, "1002", "1002/2026/8", Kyiv(3, 10, 15, 32)),
                 Kyiv(3, 10, 15, 35), kRegionOfficer);
  c.item.set_final(true);
  c.route = Route({"1002", "1000"});
  c.levels["1000"] = c.item;

  v1::DailySummary summary = BuildDailySummary(org_, "1000", "2026-03-10", day_, {c});
  ASSERT_EQ(summary.rows_size(), 1);
  const v1::DailySummaryRow& row = summary.rows(0);
  EXPECT_TRUE(row.supplement());
  EXPECT_EQ(row.document_id(), "sup-1");
  EXPECT_EQ(row.root_report_id(), "doc-r");
  EXPECT_EQ(row.origin_unit(), "1002");
  EXPECT_EQ(row.catalogue_number(), "");
  // Only the first line counts.
  EXPECT_EQ(row.summary(), "a " + Letters(70));
  EXPECT_TRUE(row.region_informed().informed());
  EXPECT_EQ(row.region_informed().unit_code(), "1000");
  EXPECT_EQ(row.region_informed().outgoing_number(), "1002/2026/8");
  EXPECT_FALSE(row.ministry_informed().required());
  EXPECT_FALSE(row.ministry_informed().informed());
  EXPECT_EQ(row.ministry_informed().unit_code(), "");

  std::string text = RenderDailySummaryText(summary);
  EXPECT_THAT(text, HasSubstr("1. 1002/2026/8 від 10.03.2026 15:30 доповнення — a жжж"));
  EXPECT_THAT(text, HasSubstr("   Область поінформовано: 10.03.2026 15:35, прийняв " +
                              std::string(kRegionOfficer) + ", вих. № 1002/2026/8\n"));
  EXPECT_THAT(text, HasSubstr("   МВС поінформовано: не потрібно\n"));
}

TEST_F(SummaryTest, LongLineCutDoesNotSplitALetter) {
  v1::AcceptedDocument doc = Report("doc-l", "1001", "1001/2026/3", Kyiv(3, 10, 12, 0));
  // After "a", byte 240 is the second half of a two-byte letter.
  doc.mutable_special_report()->mutable_content()->mutable_what()->set_text("  a" + Letters(130));
  v1::DailySummary summary =
      BuildDailySummary(org_, "1001", "2026-03-10", day_, {DistrictCase(doc, Kyiv(3, 10, 12, 0))});
  ASSERT_EQ(summary.rows_size(), 1);
  EXPECT_EQ(summary.rows(0).summary(), "a" + Letters(119) + "…");
  // Nothing above the district has acknowledged it yet.
  EXPECT_TRUE(summary.rows(0).region_informed().required());
  EXPECT_FALSE(summary.rows(0).region_informed().informed());
  EXPECT_EQ(summary.rows(0).region_informed().unit_code(), "1000");
  EXPECT_FALSE(summary.rows(0).ministry_informed().informed());
  EXPECT_THAT(RenderDailySummaryText(summary),
              HasSubstr("   Область поінформовано: НЕ ПОІНФОРМОВАНО\n"
                        "   МВС поінформовано: НЕ ПОІНФОРМОВАНО\n"));
}

TEST_F(SummaryTest, InstitutionInformsTheRegionByNotice) {
  v1::AcceptedDocument doc = Report("doc-i", "0050", "0050/2026/3", Kyiv(3, 10, 14, 0));
  CaseSnapshot c;
  c.item = Item("0050", v1::HOP_KIND_ORIGIN, doc, "", "0050/2026/3", Kyiv(3, 10, 14, 0));
  c.route = Route({"0050", "0001"}, {"1400"});
  c.route.add_copies("0002");
  c.levels["0050"] = c.item;
  c.levels["0002"] =
      Acked(Item("0002", v1::HOP_KIND_COPY, doc, "0050", "0050/2026/3", Kyiv(3, 10, 14, 1)),
            Kyiv(3, 10, 14, 3), "Кадровик");
  c.levels["1400"] =
      Acked(Item("1400", v1::HOP_KIND_NOTICE, doc, "0050", "0050/2026/3", Kyiv(3, 10, 14, 1)),
            Kyiv(3, 10, 14, 6), kRegionOfficer);
  c.levels["0001"] =
      Item("0001", v1::HOP_KIND_CHAIN, doc, "0050", "0050/2026/3", Kyiv(3, 10, 14, 1));

  v1::DailySummary summary = BuildDailySummary(org_, "0050", "2026-03-10", day_, {c});
  ASSERT_EQ(summary.rows_size(), 1);
  const v1::DailySummaryRow& row = summary.rows(0);
  EXPECT_EQ(row.origin_unit(), "0050");
  EXPECT_TRUE(row.region_informed().required());
  EXPECT_TRUE(row.region_informed().informed());
  EXPECT_EQ(row.region_informed().unit_code(), "1400");
  EXPECT_EQ(At(row.region_informed().at()), Kyiv(3, 10, 14, 6));
  EXPECT_EQ(row.region_informed().receiving_officer(), kRegionOfficer);
  EXPECT_EQ(row.region_informed().outgoing_number(), "0050/2026/3");
  EXPECT_TRUE(row.ministry_informed().required());
  EXPECT_FALSE(row.ministry_informed().informed());
}

TEST_F(SummaryTest, TroopsReachGuvvOnTheChainBeforeTheRegionNotified) {
  v1::AcceptedDocument doc = Report("doc-t", "0911", "0911/2026/1", Kyiv(3, 10, 16, 0));
  CaseSnapshot c;
  c.item = Item("0911", v1::HOP_KIND_ORIGIN, doc, "", "0911/2026/1", Kyiv(3, 10, 16, 0));
  c.route = Route({"0911", "0910", "0900", "0001"}, {"1400"});
  c.levels["1400"] =
      Acked(Item("1400", v1::HOP_KIND_NOTICE, doc, "0911", "0911/2026/1", Kyiv(3, 10, 16, 1)),
            Kyiv(3, 10, 16, 2), kRegionOfficer);
  c.levels["0900"] =
      Acked(Item("0900", v1::HOP_KIND_CHAIN, doc, "0910", "0910/2026/4", Kyiv(3, 10, 16, 30)),
            Kyiv(3, 10, 16, 31), "Черговий ГУВВ");

  v1::DailySummary summary = BuildDailySummary(org_, "0911", "2026-03-10", day_, {c});
  ASSERT_EQ(summary.rows_size(), 1);
  EXPECT_EQ(summary.rows(0).region_informed().unit_code(), "0900");
  EXPECT_EQ(summary.rows(0).region_informed().receiving_officer(), "Черговий ГУВВ");
  EXPECT_EQ(summary.rows(0).region_informed().outgoing_number(), "0910/2026/4");
}

TEST_F(SummaryTest, RegionFilingItselfIsItsOwnRegionalLevel) {
  v1::AcceptedDocument doc = Report("doc-g", "1000", "1000/2026/5", Kyiv(3, 10, 18, 0));
  doc.set_submitted_by("Черговий ГУМВС");
  CaseSnapshot c;
  c.item = Forwarded(Item("1000", v1::HOP_KIND_ORIGIN, doc, "", "1000/2026/5", Kyiv(3, 10, 18, 0)),
                     Kyiv(3, 10, 18, 20), "0001", "1000/2026/5");
  c.route = Route({"1000", "0001"});
  c.levels["1000"] = c.item;
  c.levels["0001"] =
      Acked(Item("0001", v1::HOP_KIND_CHAIN, doc, "1000", "1000/2026/5", Kyiv(3, 10, 18, 21)),
            Kyiv(3, 10, 18, 25), kMinistryOfficer);

  v1::DailySummary summary = BuildDailySummary(org_, "1000", "2026-03-10", day_, {c});
  ASSERT_EQ(summary.rows_size(), 1);
  const v1::InformedMark& region = summary.rows(0).region_informed();
  EXPECT_TRUE(region.required());
  EXPECT_TRUE(region.informed());
  EXPECT_EQ(region.unit_code(), "1000");
  EXPECT_EQ(At(region.at()), Kyiv(3, 10, 18, 0));
  EXPECT_EQ(region.receiving_officer(), "Черговий ГУМВС");
  EXPECT_EQ(region.outgoing_number(), "1000/2026/5");
  EXPECT_TRUE(summary.rows(0).ministry_informed().informed());
  EXPECT_EQ(At(summary.rows(0).ministry_informed().at()), Kyiv(3, 10, 18, 25));
}

TEST_F(SummaryTest, EmptyDay) {
  v1::DailySummary summary = BuildDailySummary(org_, "1000", "2026-03-10", day_, {});
  EXPECT_EQ(RenderDailySummaryText(summary),
            "ДОБОВЕ ЗВЕДЕННЯ\n"
            "Головне управління МВС України в місті Києві (1000)\n"
            "за 10.03.2026\n"
            "\n"
            "Випадків немає.\n");
}

TEST_F(SummaryTest, ReconciliationRequestsFollowTheRowsOldestFirst) {
  v1::ReconciliationInboxItem answered;
  v1::ReconciliationRequest* r = answered.mutable_request();
  r->set_id("demand:1002:x");
  r->set_kind(v1::RECONCILIATION_REQUEST_KIND_SPECIAL_REPORT_DEMAND);
  r->set_unit_code("1002");
  r->set_requested_by_unit("1000");
  r->mutable_discrepancy()->set_kind(v1::DISCREPANCY_KIND_UNREPORTED_CRIME);
  r->mutable_discrepancy()->set_proceedings_number("12026100020000001");
  r->set_plot("Крадіжка з квартири\nподробиці");
  *r->mutable_requested_at() = fixtures::ToProto(Kyiv(3, 10, 9, 0));
  answered.set_answered_by_document_id("r-9");
  answered.set_answered_by_outgoing_number("1002/2026/9");
  *answered.mutable_answered_at() = fixtures::ToProto(Kyiv(3, 10, 11, 5));
  v1::ReconciliationInboxItem open;
  r = open.mutable_request();
  r->set_id("info:1001:y");
  r->set_kind(v1::RECONCILIATION_REQUEST_KIND_MISSING_INFORMATION);
  r->set_unit_code("1001");
  r->mutable_discrepancy()->set_kind(v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY);
  r->mutable_discrepancy()->set_outgoing_number("1001/2026/4");
  r->set_question("Надішліть доповнення з даними ЄРДР");
  *open.mutable_received_at() = fixtures::ToProto(Kyiv(3, 10, 8, 30));  // no requested_at

  v1::DailySummary summary = BuildDailySummary(org_, "1000", "2026-03-10", day_, {});
  AddReconciliationRequests({answered, open}, &summary);
  ASSERT_EQ(summary.reconciliation_requests_size(), 2);
  EXPECT_EQ(summary.reconciliation_requests(0).request().id(), "info:1001:y");
  EXPECT_EQ(RenderDailySummaryText(summary),
            "ДОБОВЕ ЗВЕДЕННЯ\n"
            "Головне управління МВС України в місті Києві (1000)\n"
            "за 10.03.2026\n"
            "\n"
            "Випадків немає.\n"
            "\n"
            "Запити за результатами звірки з ЄРДР: 2\n"
            "1. 1001 — запит відсутньої інформації, вих. № 1001/2026/4 "
            "(спецповідомлення без запису в ЄРДР)\n"
            "   Надішліть доповнення з даними ЄРДР\n"
            "   Запит: 10.03.2026 08:30\n"
            "   Відповідь: НЕ НАДІЙШЛА\n"
            "2. 1002 — вимога подати спецповідомлення, ЄРДР № 12026100020000001 "
            "(злочин без спецповідомлення)\n"
            "   Крадіжка з квартири\n"
            "   Запит: 10.03.2026 09:00, надіслав 1000\n"
            "   Відповідь: вих. № 1002/2026/9 від 10.03.2026 11:05\n");
}

TEST_F(SummaryTest, MorningCheckComparesRegionAndMinistry) {
  MorningCheckInput input;
  input.region_code = "1000";
  input.day = "2026-03-10";
  input.window = day_;

  // Sent in the day and held by the Ministry.
  v1::AcceptedDocument m1 = Report("m-1", "1001", "1001/2026/11", Kyiv(3, 10, 9, 0));
  input.region_items.push_back(
      Forwarded(Item("1000", v1::HOP_KIND_CHAIN, m1, "1001", "1001/2026/11", Kyiv(3, 10, 9, 30)),
                Kyiv(3, 10, 10, 0), "0001", "1000/2026/21"));
  input.ministry_items.push_back(
      Acked(Item("0001", v1::HOP_KIND_CHAIN, m1, "1000", "1000/2026/21", Kyiv(3, 10, 10, 1)),
            Kyiv(3, 10, 10, 4), kMinistryOfficer));
  // Sent late in the day; nothing at the Ministry.
  v1::AcceptedDocument m2 = Report("m-2", "1002", "1002/2026/4", Kyiv(3, 10, 22, 0));
  input.region_items.push_back(
      Forwarded(Item("1000", v1::HOP_KIND_CHAIN, m2, "1002", "1002/2026/4", Kyiv(3, 10, 22, 5)),
                Kyiv(3, 10, 22, 30), "0001", "1000/2026/22"));
  // Still in the region's hands.
  v1::AcceptedDocument m3 = Report("m-3", "1003", "1003/2026/5", Kyiv(3, 10, 23, 0));
  input.region_items.push_back(
      Acked(Item("1000", v1::HOP_KIND_CHAIN, m3, "1003", "1003/2026/5", Kyiv(3, 10, 23, 10)),
            Kyiv(3, 10, 23, 12), kRegionOfficer));
  // A copy, a region-only report ending at the region and a question from the
  // region: none is owed to the Ministry.
  v1::AcceptedDocument m4 = Report("m-4", "0050", "0050/2026/2", Kyiv(3, 10, 12, 0));
  input.region_items.push_back(
      Item("1000", v1::HOP_KIND_COPY, m4, "0050", "0050/2026/2", Kyiv(3, 10, 12, 1)));
  v1::AcceptedDocument m5 = Report("m-5", "1004", "1004/2026/1", Kyiv(3, 10, 13, 0));
  v1::InboxItem region_only =
      Acked(Item("1000", v1::HOP_KIND_CHAIN, m5, "1004", "1004/2026/1", Kyiv(3, 10, 13, 1)),
            Kyiv(3, 10, 13, 2), kRegionOfficer);
  region_only.set_final(true);
  input.region_items.push_back(region_only);
  input.region_items.push_back(
      Item("1000", v1::HOP_KIND_DATA_REQUEST, m3, "0001", "", Kyiv(3, 10, 23, 30)));
  // Sent the day before, received by the Ministry after midnight: held, not sent.
  v1::AcceptedDocument m0 = Report("m-0", "1001", "1001/2026/10", Kyiv(3, 9, 23, 0));
  input.region_items.push_back(
      Forwarded(Item("1000", v1::HOP_KIND_CHAIN, m0, "1001", "1001/2026/10", Kyiv(3, 9, 23, 5)),
                Kyiv(3, 9, 23, 55), "0001", "1000/2026/20"));
  input.ministry_items.push_back(
      Item("0001", v1::HOP_KIND_CHAIN, m0, "1000", "1000/2026/20", Kyiv(3, 10, 0, 20)));

  v1::MorningCheckResponse check = BuildMorningCheck(org_, input);
  EXPECT_EQ(check.region_code(), "1000");
  EXPECT_EQ(check.day(), "2026-03-10");

  ASSERT_EQ(check.sent_size(), 2);
  EXPECT_EQ(check.sent(0).document_id(), "m-1");
  EXPECT_EQ(check.sent(0).origin_unit(), "1001");
  EXPECT_EQ(check.sent(0).outgoing_number(), "1000/2026/21");
  EXPECT_EQ(check.sent(0).catalogue_number(), "1");
  EXPECT_EQ(At(check.sent(0).at()), Kyiv(3, 10, 10, 0));
  EXPECT_EQ(check.sent(0).state(), "forwarded");
  EXPECT_EQ(check.sent(1).document_id(), "m-2");
  EXPECT_EQ(check.sent(1).outgoing_number(), "1000/2026/22");

  ASSERT_EQ(check.held_by_ministry_size(), 2);
  EXPECT_EQ(check.held_by_ministry(0).document_id(), "m-0");
  EXPECT_EQ(check.held_by_ministry(0).outgoing_number(), "1000/2026/20");
  EXPECT_EQ(At(check.held_by_ministry(0).at()), Kyiv(3, 10, 0, 20));
  EXPECT_EQ(check.held_by_ministry(0).state(), "received");
  EXPECT_EQ(check.held_by_ministry(1).document_id(), "m-1");
  EXPECT_EQ(At(check.held_by_ministry(1).at()), Kyiv(3, 10, 10, 1));
  EXPECT_EQ(check.held_by_ministry(1).state(), "acknowledged");

  ASSERT_EQ(check.not_at_ministry_size(), 1);
  EXPECT_EQ(check.not_at_ministry(0).document_id(), "m-2");
  EXPECT_EQ(check.not_at_ministry(0).origin_unit(), "1002");
  EXPECT_EQ(check.not_at_ministry(0).outgoing_number(), "1000/2026/22");
  EXPECT_EQ(At(check.not_at_ministry(0).at()), Kyiv(3, 10, 22, 30));
  EXPECT_EQ(check.not_at_ministry(0).state(), "in transit");

  ASSERT_EQ(check.being_prepared_size(), 1);
  EXPECT_EQ(check.being_prepared(0).document_id(), "m-3");
  EXPECT_EQ(check.being_prepared(0).origin_unit(), "1003");
  EXPECT_EQ(check.being_prepared(0).outgoing_number(), "1003/2026/5");
  EXPECT_EQ(At(check.being_prepared(0).at()), Kyiv(3, 10, 23, 10));
  EXPECT_EQ(check.being_prepared(0).state(), "acknowledged");

  EXPECT_EQ(check.text(),
            "РАНКОВА ЗВІРКА Головне управління МВС України в місті Києві (1000) — МВС за "
            "10.03.2026\n"
            "\n"
            "Передано до МВС: 2\n"
            "  1. 1000/2026/21 (1001) п. 1 — 10.03.2026 10:00, передано\n"
            "  2. 1000/2026/22 (1002) п. 1 — 10.03.2026 22:30, передано\n"
            "\n"
            "Отримано МВС: 2\n"
            "  1. 1000/2026/20 (1001) п. 1 — 10.03.2026 00:20, надійшло, не підтверджено\n"
            "  2. 1000/2026/21 (1001) п. 1 — 10.03.2026 10:01, прийнято\n"
            "\n"
            "Не надійшло до МВС: 1\n"
            "  1. 1000/2026/22 (1002) п. 1 — 10.03.2026 22:30, у дорозі\n"
            "\n"
            "Готується: 1\n"
            "  1. 1003/2026/5 (1003) п. 1 — 10.03.2026 23:10, прийнято\n");
}

TEST_F(SummaryTest, MorningCheckOfAQuietNight) {
  MorningCheckInput input{"1000", "2026-03-10", day_, {}, {}};
  v1::MorningCheckResponse check = BuildMorningCheck(org_, input);
  EXPECT_TRUE(check.sent().empty());
  EXPECT_TRUE(check.being_prepared().empty());
  EXPECT_THAT(check.text(), HasSubstr("\nПередано до МВС: 0\n\nОтримано МВС: 0\n\n"
                                      "Не надійшло до МВС: 0\n\nГотується: 0\n"));
}

}  // namespace
}  // namespace opsreport::routing
