#pragma once
// The telegram text form of a special report (002 §9.1) and of a supplement
// (§9.3): rendering for transmission and display, and parsing of such text
// (including hand-written legacy telegrams) back into the messages. The
// layout is described in libs/rules/telegram/README.md.
//
// Render→Parse reproduces the message exactly (MessageDifferencer::Equals)
// for every field, including the presence of empty sub-messages and silent
// Facts, within these limits of a text form:
//   - timestamps keep whole seconds (sub-second parts are dropped);
//   - text values lose whitespace at the start of their first line and at the
//     end of every line, trailing line breaks and any '\r';
//   - a Fact with empty text reads back silent; a text Fact reading exactly
//     "не встановлено" or "не встановлено (…)" reads back as not established;
//   - a present coding line must be complete (§9.1.5 "без пропусків");
//   - a details key must not contain ':' or a line break; the original
//     outgoing number of a supplement must not contain " від " or "ЄО №";
//     an officer's name must not continue on a line starting with spaces;
//   - enum values outside the proto's named values are not carried;
//   - supplement.original_date must be "YYYY-MM-DD" (shown as DD.MM.YYYY).

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "opsreport/telegram/kyiv_time.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::telegram {

enum class DocumentKind { kSpecialReport, kSupplement };

std::string RenderSpecialReport(const opsreport::v1::SpecialReport& report);
std::string RenderSupplement(const opsreport::v1::Supplement& supplement);

// By the title line, else by a "Доповнення до вих. №" line (supplement) or a
// "+++" marker (special report); INVALID_ARGUMENT when none is there.
absl::StatusOr<DocumentKind> DetectKind(std::string_view text);

// INVALID_ARGUMENT listing every problem as "line N: <label>: <what>"
// (base::Violations, so base::ViolationsFromStatus recovers the list).
absl::StatusOr<opsreport::v1::SpecialReport> ParseSpecialReport(std::string_view text);
absl::StatusOr<opsreport::v1::Supplement> ParseSupplement(std::string_view text);

}  // namespace opsreport::telegram
