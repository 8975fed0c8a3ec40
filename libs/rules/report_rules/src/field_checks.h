#pragma once
// Field-level checks shared by the report and supplement rules. Each appends
// to `out` and never stops early, so one pass names every fault.

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"
#include "opsreport/base/violations.h"
#include "opsreport/report_rules/report_validator.h"
#include "opsreport/v1/common.pb.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::report_rules::internal {

struct Context {
  const Limits& limits;
  absl::Time now;
  base::Violations& out;
};

std::string Path(const std::string& prefix, const std::string& field);
std::string Indexed(const std::string& prefix, const std::string& field, int index);

void CheckShortText(const Context& c, const std::string& path, const std::string& value,
                    bool required);
void CheckLongText(const Context& c, const std::string& path, const std::string& value,
                   bool required);
// A required Fact must be stated: known text or explicitly "not established".
void CheckFact(const Context& c, const std::string& path, const v1::Fact& fact, bool required);
// Required timestamps must be present, valid and not in the future.
void CheckTime(const Context& c, const std::string& path, bool present,
               const google::protobuf::Timestamp& ts, bool required);
// `earlier` must not be after `later` (both present), naming `later_path`.
void CheckOrder(const Context& c, const std::string& later_path, const std::string& what,
                bool has_earlier, const google::protobuf::Timestamp& earlier, bool has_later,
                const google::protobuf::Timestamp& later);
void CheckOfficer(const Context& c, const std::string& path, const v1::Officer& officer,
                  bool required);
void CheckPerson(const Context& c, const std::string& path, const v1::Person& person);
void CheckErdr(const Context& c, const std::string& path, const v1::ErdrData& erdr);

// §2.6, §3.6: closures, court motions and transfers state their КПК/КК grounds.
bool NeedsDecisionGrounds(v1::OneHourTrigger trigger);

absl::Time ToTime(const google::protobuf::Timestamp& ts);

}  // namespace opsreport::report_rules::internal
