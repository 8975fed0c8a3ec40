#include "columns.h"

namespace opsreport::register_extract::internal {
namespace {

using E = v1::RegisterEntry;

// Requisites 1, 3, 4, 5, 6.1 of annex 1: shared by entries and results rows.
std::vector<Column> Identity(bool entry) {
  return {
      {"proceedings_number", "proceedings_number", CellType::kText, true,
       [](E& e) { return e.mutable_proceedings_number(); }},
      {"registered_at", "registered_at", CellType::kInstant, entry, nullptr,
       [](E& e) { return e.mutable_registered_at(); }},
      {"unit_code", "unit_code", CellType::kText, true, [](E& e) { return e.mutable_unit_code(); }},
      {"unit_name", "unit_name", CellType::kText, false,
       [](E& e) { return e.mutable_unit_name(); }},
      {"reported_at", "reported_at", CellType::kInstant, false, nullptr,
       [](E& e) { return e.mutable_reported_at(); }},
      {"cc_article", "qualification.cc_article", CellType::kText, entry,
       [](E& e) { return e.mutable_qualification()->mutable_cc_article(); }},
      {"article_part", "qualification.article_part", CellType::kText, false,
       [](E& e) { return e.mutable_qualification()->mutable_article_part(); }},
      {"article_paragraph", "qualification.article_paragraph", CellType::kText, false,
       [](E& e) { return e.mutable_qualification()->mutable_article_paragraph(); }},
      {"catalogue_number", "catalogue_number", CellType::kText, false,
       [](E& e) { return e.mutable_catalogue_number(); }},
  };
}

std::vector<Column> EntryColumns() {
  std::vector<Column> c = Identity(true);
  c.push_back(
      {"summary", "summary", CellType::kText, false, [](E& e) { return e.mutable_summary(); }});
  c.push_back({"place", "place", CellType::kText, false, [](E& e) { return e.mutable_place(); }});
  return c;
}

std::vector<Column> ResultColumns() {
  std::vector<Column> c = Identity(false);
  c.push_back({"result", "results[0].kind", CellType::kResultKind, true, nullptr, nullptr,
               [](E& e) { return e.mutable_results(0); }});
  c.push_back({"result_on", "results[0].decided_on", CellType::kText, true,
               [](E& e) { return e.mutable_results(0)->mutable_decided_on(); }});
  c.push_back({"grounds", "results[0].grounds", CellType::kText, false,
               [](E& e) { return e.mutable_results(0)->mutable_grounds(); }});
  return c;
}

std::vector<Column> SuspectColumns() {
  return {
      {"proceedings_number", "proceedings_number", CellType::kText, true,
       [](E& e) { return e.mutable_proceedings_number(); }},
      {"unit_code", "unit_code", CellType::kText, false,
       [](E& e) { return e.mutable_unit_code(); }},
      {"full_name", "suspects[0].full_name", CellType::kText, true,
       [](E& e) { return e.mutable_suspects(0)->mutable_full_name(); }},
      {"birth_date", "suspects[0].birth_date", CellType::kText, true,
       [](E& e) { return e.mutable_suspects(0)->mutable_birth_date(); }},
      {"citizenship", "suspects[0].citizenship", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_citizenship(); }},
      {"residence", "suspects[0].residence", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_residence(); }},
      {"occupation", "suspects[0].occupation", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_occupation(); }},
      {"suspicion_notice_on", "suspects[0].suspicion_notice_on", CellType::kText, true,
       [](E& e) { return e.mutable_suspects(0)->mutable_suspicion_notice_on(); }},
      {"suspicion_article", "suspects[0].suspicion_qualification.cc_article", CellType::kText,
       false,
       [](E& e) {
         return e.mutable_suspects(0)->mutable_suspicion_qualification()->mutable_cc_article();
       }},
      {"suspicion_article_part", "suspects[0].suspicion_qualification.article_part",
       CellType::kText, false,
       [](E& e) {
         return e.mutable_suspects(0)->mutable_suspicion_qualification()->mutable_article_part();
       }},
      {"suspicion_article_paragraph", "suspects[0].suspicion_qualification.article_paragraph",
       CellType::kText, false,
       [](E& e) {
         return e.mutable_suspects(0)
             ->mutable_suspicion_qualification()
             ->mutable_article_paragraph();
       }},
      {"detained_on", "suspects[0].detained_on", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_detained_on(); }},
      {"preventive_measure", "suspects[0].preventive_measure", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_preventive_measure(); }},
      {"criminal_record", "suspects[0].criminal_record", CellType::kText, false,
       [](E& e) { return e.mutable_suspects(0)->mutable_criminal_record(); }},
  };
}

}  // namespace

const std::vector<Column>& ColumnsFor(ExtractKind kind) {
  static const std::vector<Column>* const kEntries = new std::vector<Column>(EntryColumns());
  static const std::vector<Column>* const kResults = new std::vector<Column>(ResultColumns());
  static const std::vector<Column>* const kSuspects = new std::vector<Column>(SuspectColumns());
  switch (kind) {
    case ExtractKind::kEntries:
      return *kEntries;
    case ExtractKind::kResults:
      return *kResults;
    case ExtractKind::kSuspects:
      return *kSuspects;
  }
  return *kEntries;
}

}  // namespace opsreport::register_extract::internal
