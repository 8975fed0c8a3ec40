#include "qualification.h"

#include "opsreport/base/strings.h"

namespace opsreport::reconciliation::internal {

std::vector<v1::QualificationField> Differences(const v1::RegisterEntry& entry,
                                                const v1::ReportRecord& report) {
  std::vector<v1::QualificationField> out;
  const v1::RegisterQualification& a = entry.qualification();
  const v1::RegisterQualification& b = report.qualification();
  if (base::Trim(a.cc_article()) != base::Trim(b.cc_article())) {
    out.push_back(v1::QUALIFICATION_FIELD_ARTICLE);
  }
  if (base::Trim(a.article_part()) != base::Trim(b.article_part())) {
    out.push_back(v1::QUALIFICATION_FIELD_PART);
  }
  if (!entry.catalogue_number().empty() &&
      base::Trim(entry.catalogue_number()) != base::Trim(report.catalogue_number())) {
    out.push_back(v1::QUALIFICATION_FIELD_CATALOGUE_ITEM);
  }
  return out;
}

}  // namespace opsreport::reconciliation::internal
