// The morning check between a region and the Ministry.
#include "opsreport/daily_summary/morning_check.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_util.h"

namespace opsreport::daily_summary {
namespace {

using testing::Acked;
using testing::At;
using testing::Forwarded;
using ::testing::HasSubstr;
using testing::Item;
using testing::kMinistryOfficer;
using testing::kRegionOfficer;
using testing::Kyiv;
using testing::Report;
using testing::SummaryTest;

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
}  // namespace opsreport::daily_summary
