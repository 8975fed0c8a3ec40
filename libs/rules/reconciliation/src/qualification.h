#pragma once
// How a register entry's qualification is compared with a report's.

#include <vector>

#include "opsreport/v1/register.pb.h"

namespace opsreport::reconciliation::internal {

// Article and part are compared as written, ignoring surrounding blanks
// ("258-3" is one article, "258" another). The paragraph is not compared:
// the rule of issue 5 names article, part and catalogue item only. The
// catalogue item is compared only when the entry names one.
std::vector<v1::QualificationField> Differences(const v1::RegisterEntry& entry,
                                                const v1::ReportRecord& report);

}  // namespace opsreport::reconciliation::internal
