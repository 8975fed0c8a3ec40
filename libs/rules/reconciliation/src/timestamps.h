#pragma once

#include "opsreport/base/timestamp.h"

namespace opsreport::reconciliation::internal {

using base::ToTime;

}  // namespace opsreport::reconciliation::internal
