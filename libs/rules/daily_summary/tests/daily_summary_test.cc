// The daily summary's rows, marks and printable form.
#include "opsreport/daily_summary/daily_summary.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace opsreport::daily_summary {
namespace {

using testing::Acked;
using testing::At;
using testing::DistrictCase;
using ::testing::ElementsAre;
using testing::Forwarded;
using ::testing::HasSubstr;
using testing::Item;
using testing::kMinistryOfficer;
using testing::kRegionOfficer;
using testing::Kyiv;
using testing::Letters;
using testing::Report;
using testing::Route;
using testing::SummaryTest;

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

}  // namespace
}  // namespace opsreport::daily_summary
