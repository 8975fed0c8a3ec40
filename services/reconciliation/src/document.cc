#include "document.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "opsreport/base/timestamp.h"
#include "opsreport/calendar/kyiv.h"

namespace opsreport::reconciliation_service {
namespace {

std::string When(const google::protobuf::Timestamp& t) {
  return t.seconds() == 0 && t.nanos() == 0 ? "—" : calendar::FormatKyiv(base::ToTime(t));
}

void RowLine(std::string& out, const v1::StatisticsRow& r) {
  absl::StrAppendFormat(&out, "%-8s %9d %9d %9d %9d %9d %9d  %s\n",
                        r.catalogue_number().empty() ? "—" : r.catalogue_number(), r.received(),
                        r.registered(), r.matched(), r.found(), r.mismatched(), r.without_entry(),
                        r.title());
}

}  // namespace

std::string QualificationText(const v1::RegisterQualification& q) {
  std::string out = absl::StrCat("ст. ", q.cc_article());
  if (!q.article_part().empty()) absl::StrAppend(&out, " ч. ", q.article_part());
  if (!q.article_paragraph().empty()) absl::StrAppend(&out, " п. ", q.article_paragraph());
  return out;
}

std::string CsvCell(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

void SortRows(const catalogue::Catalogue& catalogue,
              google::protobuf::RepeatedPtrField<v1::StatisticsRow>& rows) {
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < catalogue.items().size(); ++i) order[catalogue.items()[i].number()] = i;
  auto rank = [&](const v1::StatisticsRow& r) {
    auto it = order.find(r.catalogue_number());
    return it == order.end() ? order.size() : it->second;
  };
  std::stable_sort(rows.begin(), rows.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

std::string MonthlyReportText(const v1::MonthlyReport& report) {
  std::string out;
  absl::StrAppend(&out, "ЗВІТ про результати звірки оперативної інформації (п. 7.8.3)\n",
                  report.region_name(), " (", report.region(), ")\n");
  absl::StrAppend(&out, "Період: з початку року по ", report.month(), " (", When(report.from()),
                  " — ", When(report.to()), ")\n\n");
  absl::StrAppend(&out,
                  "Пункт    Надійшло  Зареєстр.  Збіглося  Виявлено  Розбіжн.  Без ЄРДР  Назва\n");
  for (const v1::StatisticsRow& r : report.rows()) RowLine(out, r);
  RowLine(out, report.totals());
  absl::StrAppend(&out, "\nДодатково виявлені під час звірки (", report.found_size(), "):\n");
  int n = 0;
  for (const v1::FoundCrime& f : report.found()) {
    absl::StrAppend(&out, ++n, ". КП ", f.proceedings_number(), " від ", When(f.registered_at()),
                    ", ", QualificationText(f.qualification()),
                    f.catalogue_number().empty() ? "" : ", п. " + f.catalogue_number(), ", вих. № ",
                    f.outgoing_number().empty() ? "не подано" : f.outgoing_number(), "\n   ",
                    f.plot().empty() ? "(фабула не надана)" : f.plot(), "\n");
  }
  const v1::RegionMonthStatus& s = report.status();
  absl::StrAppend(&out, "\nЗвірку проведено: ", When(s.check_done_at()), " (строк ",
                  When(s.check_due()), s.check_overdue() ? ", ПРОСТРОЧЕНО" : "", ")\n");
  absl::StrAppend(&out, "Звіт направлено: ", When(s.report_submitted_at()), " (строк ",
                  When(s.report_due()), s.report_overdue() ? ", ПРОСТРОЧЕНО" : "", ")\n");
  if (!s.report_signed_by().officer().full_name().empty()) {
    absl::StrAppend(&out, "Підпис: ", s.report_signed_by().officer().position(), " ",
                    s.report_signed_by().officer().full_name(), "\n");
  }
  return out;
}

std::string MonthlyReportCsv(const v1::MonthlyReport& report) {
  std::string out =
      "section,catalogue_number,title,received,registered,matched,found,mismatched,"
      "without_entry,proceedings_number,registered_at,qualification,outgoing_number,plot\n";
  auto row = [&](const v1::StatisticsRow& r, const std::string& section) {
    absl::StrAppend(&out, section, ",", CsvCell(r.catalogue_number()), ",", CsvCell(r.title()), ",",
                    r.received(), ",", r.registered(), ",", r.matched(), ",", r.found(), ",",
                    r.mismatched(), ",", r.without_entry(), ",,,,,\n");
  };
  for (const v1::StatisticsRow& r : report.rows()) row(r, "table");
  row(report.totals(), "total");
  for (const v1::FoundCrime& f : report.found()) {
    absl::StrAppend(&out, "found,", CsvCell(f.catalogue_number()), ",,,,,,,,",
                    f.proceedings_number(), ",", CsvCell(When(f.registered_at())), ",",
                    CsvCell(QualificationText(f.qualification())), ",",
                    CsvCell(f.outgoing_number()), ",", CsvCell(f.plot()), "\n");
  }
  return out;
}

std::string MinistryText(const v1::MinistryReconciliation& result) {
  std::string out = absl::StrCat(
      "ЗВІРКА Головного штабу МВС (п. 7.9) з початку року по ", result.month(), "\n\n",
      "Регіон      Зареєстр.  Надійшло до МВС  Збіглося  Розбіжн.  Не надійшло  Без ЄРДР\n");
  auto line = [&](const v1::MinistryRegionFigures& f, const std::string& name) {
    absl::StrAppendFormat(&out, "%-10s %10d %16d %9d %9d %12d %9d  %s\n", f.region(),
                          f.registered(), f.reached_ministry(), f.matched(), f.mismatched(),
                          f.not_at_ministry(), f.without_entry(), name);
  };
  for (const v1::MinistryRegionFigures& f : result.regions()) line(f, f.region_name());
  line(result.totals(), "Разом");
  return out;
}

std::string MinistryCsv(const v1::MinistryReconciliation& result) {
  std::string out =
      "region,region_name,registered,reached_ministry,matched,mismatched,not_at_ministry,"
      "without_entry\n";
  auto line = [&](const v1::MinistryRegionFigures& f, const std::string& region) {
    absl::StrAppend(&out, CsvCell(region), ",", CsvCell(f.region_name()), ",", f.registered(), ",",
                    f.reached_ministry(), ",", f.matched(), ",", f.mismatched(), ",",
                    f.not_at_ministry(), ",", f.without_entry(), "\n");
  };
  for (const v1::MinistryRegionFigures& f : result.regions()) line(f, f.region());
  line(result.totals(), "total");
  return out;
}

}  // namespace opsreport::reconciliation_service
