#pragma once
// The checks every register entry passes before it is used, whatever it came
// from (CSV or JSON Lines extract, or a later feed): each fault is named by
// the field's path in RegisterEntry ("qualification.cc_article",
// "suspects[0].birth_date").

#include <string>
#include <string_view>

#include "opsreport/base/violations.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::register_extract {

// What an extract lists (002 §3.7): entries (annex 1 requisites 1, 3, 4, 5,
// 6.1, 9, 12), investigation results (annex 1 requisites 1, 3, 4, 5, 6.1, 7,
// 18) or suspects (annex 4 requisites 1, 3, 5-8, 11, 12, 15, 16, 19).
enum class ExtractKind { kEntries, kResults, kSuspects };

// "entries", "results", "suspects".
std::string_view ExtractKindName(ExtractKind kind);

// Rewrites a catalogue item given as its four-digit code ("2601") to its
// number ("26.1"), the form the rest of the project uses; anything else is
// left for ValidateEntry to judge.
void NormalizeEntry(const catalogue::Catalogue& catalogue, v1::RegisterEntry& entry);

// Adds a violation to `out` for every fault of `entry`:
//  - proceedings_number: the 17-digit ЄРДР number (always required);
//  - unit_code: 1-10 digits (the код ОВС form of data/org_units.tsv);
//    required for entries and results;
//  - registered_at: required for entries; reported_at not after it;
//  - qualification.cc_article: "115" or "258-3"; required for entries;
//    article_part / article_paragraph: 1-2 digits when given;
//  - catalogue_number: when given, an item of `catalogue`;
//  - results[i]: kind set, decided_on a date (YYYY-MM-DD), grounds given for
//    closures, release motions and transfers (002 §2.6, §3.6); a results
//    extract lists at least one;
//  - suspects[i]: full_name, birth_date (YYYY-MM-DD or YYYY) and
//    suspicion_notice_on (YYYY-MM-DD) required, detained_on a date when
//    given, suspicion_qualification like qualification; a suspects extract
//    lists at least one.
void ValidateEntry(const v1::RegisterEntry& entry, ExtractKind kind,
                   const catalogue::Catalogue& catalogue, base::Violations& out);

}  // namespace opsreport::register_extract
