// The reconciliation core at scale (issue 5 "Scale"): generate a register
// extract and a report set of N proceedings with discrepancies planted at
// known places, then reconcile them streaming from the files and check that
// exactly the planted discrepancies come out. bench/reconciliation_bench.sh
// runs the same join in PostgreSQL 15 on the same files, in the same run.
//
//   reconciliation_bench --mode=generate --rows=1000000 --dir=/tmp/x
//   reconciliation_bench --mode=reconcile --rows=1000000 --dir=/tmp/x
//                        [--entries_reader=fast|extract]
//
// generate writes entries.csv, reports.csv, catalogue_items.csv,
// catalogue_articles.csv and expected.env (the planted counts) into --dir.
// reconcile reads the two CSV files streaming, runs Reconciler::Run and prints
// key=value lines (time, peak RSS, what was found); it exits 1 unless the
// discrepancies found are exactly the planted ones. Generating and
// reconciling are separate processes so the peak RSS is the join's alone.
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "opsreport/base/status_macros.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/catalogue/content_rules.h"
#include "opsreport/config/config.h"
#include "opsreport/reconciliation/reconciler.h"
#include "opsreport/reconciliation/source.h"
#include "opsreport/register_extract/extract_reader.h"
#include "opsreport/v1/register.pb.h"

namespace opsreport::bench {
namespace {

namespace rec = ::opsreport::reconciliation;

struct Settings {
  std::string mode;
  int64_t rows = 1000000;
  std::string dir;
  std::string entries_reader = "fast";
  std::string catalogue = "data/catalogue.tsv";
  std::string content_rules = "data/content_rules.tsv";
};

// ---------------------------------------------------------------------------
// The plan: what proceedings i holds. A pure function of i, so the generator
// and the checker agree without the checker holding the planted set.

// 2026-11-23 12:00 UTC: the reconciliation's `now`.
constexpr int64_t kNowUnix = 1795435200;
constexpr int64_t kHour = 3600;
constexpr int64_t kGrace = 48 * kHour;  // ReconcileOptions::report_grace default

enum class Case {
  kMatch,  // an entry and a report that agrees
  // Planted discrepancies.
  kUnreported,           // catalogue-crime entry, no report: UNREPORTED_CRIME
  kWithoutEntry,         // report accepted 72 h ago, no entry: REPORT_WITHOUT_ENTRY
  kWithoutEntryJust,     // the same, accepted 48 h + 1 s ago: just past the grace
  kMismatchArticle,      // QUALIFICATION_MISMATCH, differing = ARTICLE
  kMismatchPart,         // differing = PART
  kMismatchItem,         // the entry names another item: differing = CATALOGUE_ITEM
  kSecondReportDiffers,  // two reports, the second's part differs: one mismatch
  // Decoys: they look like discrepancies and are not.
  kWithinGrace,        // report without entry accepted 24 h ago
  kAtGraceEdge,        // report without entry accepted exactly 48 h ago
  kNotCatalogueCrime,  // entry for КК 185 (no catalogue item lists it), no report
  kTwoReportsAgree,    // two reports, both agree
  kItemUnnamed,        // entry names no item; report names item 7 (lists 187): agrees
};

uint64_t Mix(uint64_t x) {  // splitmix64: scatters the cases, not every k-th row
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

Case CaseOf(int64_t i) {
  const uint64_t h = Mix(static_cast<uint64_t>(i)) % 10000;  // per ten thousand
  if (h < 100) return Case::kUnreported;
  if (h < 180) return Case::kWithoutEntry;
  if (h < 200) return Case::kWithoutEntryJust;
  if (h < 250) return Case::kMismatchArticle;
  if (h < 300) return Case::kMismatchPart;
  if (h < 330) return Case::kMismatchItem;
  if (h < 350) return Case::kSecondReportDiffers;
  if (h < 400) return Case::kWithinGrace;
  if (h < 420) return Case::kAtGraceEdge;
  if (h < 470) return Case::kNotCatalogueCrime;
  if (h < 520) return Case::kTwoReportsAgree;
  if (h < 570) return Case::kItemUnnamed;
  return Case::kMatch;
}

bool HasEntry(Case c) {
  return c != Case::kWithoutEntry && c != Case::kWithoutEntryJust && c != Case::kWithinGrace &&
         c != Case::kAtGraceEdge;
}
int ReportCount(Case c) {
  switch (c) {
    case Case::kUnreported:
    case Case::kNotCatalogueCrime:
      return 0;
    case Case::kSecondReportDiffers:
    case Case::kTwoReportsAgree:
      return 2;
    default:
      return 1;
  }
}

// Reports with no ЄРДР data yet: one per thousand proceedings; the even
// ones are past the grace (REPORT_WITHOUT_ENTRY), the odd ones within it.
int64_t NoNumberReports(int64_t rows) { return rows / 1000; }

// Qualifications of catalogue crimes (article, part, the item listing it in
// data/catalogue.tsv).
struct Qualification {
  const char* article;
  const char* part;
  const char* item;
};
constexpr Qualification kQualifications[] = {
    {"115", "1", "1"},  {"121", "1", "2"},  {"147", "2", "3"},  {"146", "1", "4"},
    {"187", "2", "6"},  {"257", "1", "7"},  {"286", "2", "14"}, {"263", "1", "28"},
    {"305", "1", "30"}, {"307", "2", "31"}, {"294", "1", "23"}, {"262", "3", "27"},
};
constexpr int kQualificationCount = sizeof(kQualifications) / sizeof(kQualifications[0]);

struct Row {
  std::string article, part, item;
};

struct Proceedings {
  Case c;
  Row entry;
  Row report_a, report_b;
  int64_t registered_at = 0, accepted_at = 0;
};

Proceedings Plan(int64_t i) {
  Proceedings p;
  p.c = CaseOf(i);
  const Qualification& q = kQualifications[(i / 7) % kQualificationCount];
  // The register names the item for half the entries ("where known").
  p.entry = {q.article, q.part, i % 2 == 0 ? q.item : ""};
  p.report_a = {q.article, q.part, q.item};
  p.registered_at = kNowUnix - 30 * kHour - i % 3600;
  p.accepted_at = p.registered_at - kHour;
  switch (p.c) {
    case Case::kWithoutEntry:
      p.accepted_at = kNowUnix - 72 * kHour - i % 3600;
      break;
    case Case::kWithoutEntryJust:
      p.accepted_at = kNowUnix - kGrace - 1;
      break;
    case Case::kWithinGrace:
      p.accepted_at = kNowUnix - 24 * kHour;
      break;
    case Case::kAtGraceEdge:
      p.accepted_at = kNowUnix - kGrace;
      break;
    case Case::kMismatchArticle:
      p.report_a.article = "185";  // theft: a different article, same part and item
      break;
    case Case::kMismatchPart:
      p.report_a.part = p.entry.part == "1" ? "2" : "1";
      break;
    case Case::kMismatchItem:
      p.entry.item = q.item;
      p.report_a.item = "20";  // none of kQualifications is item 20
      break;
    case Case::kSecondReportDiffers:
      p.report_b = p.report_a;
      p.report_b.part = p.entry.part == "1" ? "2" : "1";
      break;
    case Case::kTwoReportsAgree:
      p.report_b = p.report_a;
      break;
    case Case::kNotCatalogueCrime:
      p.entry = {"185", "1", ""};
      break;
    case Case::kItemUnnamed:
      p.entry = {"187", "2", ""};
      p.report_a = {"187", "2", "7"};
      break;
    default:
      break;
  }
  return p;
}

// The discrepancies planted, with the checksums PostgreSQL computes too: the
// sum of the 12-digit index in the proceedings number (unreported) or in the
// report id (the others).
struct Tally {
  int64_t unreported = 0, unreported_sum = 0;
  int64_t without_entry = 0, without_entry_sum = 0;
  int64_t mismatched = 0, mismatched_sum = 0;
  int64_t entries = 0, reports = 0, outcomes = 0;
  bool operator==(const Tally&) const = default;
};

Tally Planted(int64_t rows) {
  Tally t;
  for (int64_t j = 0; j < NoNumberReports(rows); ++j) {
    ++t.reports;
    ++t.outcomes;
    if (j % 2 == 0) ++t.without_entry, t.without_entry_sum += j;
  }
  for (int64_t i = 0; i < rows; ++i) {
    const Case c = CaseOf(i);
    const int reports = ReportCount(c);
    t.entries += HasEntry(c);
    t.reports += reports;
    // An entry without reports is one outcome; otherwise one per report.
    t.outcomes += reports > 0 ? reports : 1;
    switch (c) {
      case Case::kUnreported:
        ++t.unreported, t.unreported_sum += i;
        break;
      case Case::kWithoutEntry:
      case Case::kWithoutEntryJust:
        ++t.without_entry, t.without_entry_sum += i;
        break;
      case Case::kMismatchArticle:
      case Case::kMismatchPart:
      case Case::kMismatchItem:
      case Case::kSecondReportDiffers:
        ++t.mismatched, t.mismatched_sum += i;
        break;
      default:
        break;
    }
  }
  return t;
}

// ---------------------------------------------------------------------------
// Keys and instants as the files write them.

constexpr absl::string_view kYearPrefix = "12026";  // 5 digits + the 12-digit index = 17

void AppendIndex(std::string& out, int64_t i) {
  char digits[12];
  for (int k = 11; k >= 0; --k, i /= 10) digits[k] = static_cast<char>('0' + i % 10);
  out.append(digits, 12);
}

bool ParseIndex(absl::string_view digits, int64_t& out) {
  if (digits.size() != 12) return false;
  out = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return false;
    out = out * 10 + (ch - '0');
  }
  return true;
}

// Days since 1970-01-01 <-> proleptic Gregorian (H. Hinnant's algorithms):
// absl::FormatTime / ParseTime cost ~1 µs each, more than the rest of a row.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void AppendInstant(std::string& out, int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400, secs = unix_seconds % 86400;
  if (secs < 0) secs += 86400, --days;
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  absl::StrAppendFormat(&out, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, secs / 3600,
                        secs / 60 % 60, secs % 60);
}

// "2026-11-20T10:15:00Z", the one form the generator writes (and PostgreSQL
// reads as timestamptz).
bool ParseInstant(absl::string_view s, int64_t& out) {
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
      s[16] != ':' || s[19] != 'Z') {
    return false;
  }
  auto num = [&](size_t at, size_t n, int64_t& v) {
    v = 0;
    for (size_t k = at; k < at + n; ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
      v = v * 10 + (s[k] - '0');
    }
    return true;
  };
  int64_t y, mo, d, h, mi, se;
  if (!num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) ||
      !num(17, 2, se) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59) {
    return false;
  }
  out = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  return true;
}

std::string UnitCode(int64_t i) { return absl::StrCat(1001 + i % 40); }

// ---------------------------------------------------------------------------
// Generation.

// Buffered writes: one fwrite per MiB.
class Writer {
 public:
  static absl::StatusOr<std::unique_ptr<Writer>> Open(const std::string& path) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) return absl::InternalError(absl::StrCat(path, ": ", std::strerror(errno)));
    return std::unique_ptr<Writer>(new Writer(f, path));
  }
  ~Writer() {
    if (f_ != nullptr) std::fclose(f_);
  }
  std::string& buffer() { return buf_; }
  absl::Status MaybeFlush() { return buf_.size() >= (1 << 20) ? Flush() : absl::OkStatus(); }
  absl::Status Close() {
    RETURN_IF_ERROR(Flush());
    const int rc = std::fclose(f_);
    f_ = nullptr;
    if (rc != 0) return absl::InternalError(absl::StrCat(path_, ": ", std::strerror(errno)));
    return absl::OkStatus();
  }

 private:
  Writer(FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  absl::Status Flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) {
      return absl::InternalError(absl::StrCat(path_, ": ", std::strerror(errno)));
    }
    buf_.clear();
    return absl::OkStatus();
  }
  FILE* f_;
  std::string path_;
  std::string buf_;
};

void AppendReport(std::string& out, int64_t i, char prefix, char suffix, const std::string& pn,
                  int64_t accepted_at, const Row& q) {
  const std::string unit = UnitCode(i);
  // report_id,unit_code,outgoing_number,accepted_at,proceedings_number,
  // cc_article,article_part,catalogue_number
  out.push_back(prefix);
  AppendIndex(out, i);
  out.push_back(suffix);
  const char tag[2] = {prefix, suffix};
  absl::StrAppend(&out, ",", unit, ",", unit, "/2026/", absl::string_view(tag, 1), i,
                  absl::string_view(tag + 1, 1), ",");
  AppendInstant(out, accepted_at);
  absl::StrAppend(&out, ",", pn, ",", q.article, ",", q.part, ",", q.item, "\n");
}

absl::Status Generate(const Settings& s, const catalogue::Catalogue& catalogue) {
  ASSIGN_OR_RETURN(auto entries, Writer::Open(s.dir + "/entries.csv"));
  ASSIGN_OR_RETURN(auto reports, Writer::Open(s.dir + "/reports.csv"));
  // The register extract's own CSV columns (libs/rules/register_extract), so the
  // production ExtractReader can read this file too.
  entries->buffer() =
      "proceedings_number,registered_at,unit_code,cc_article,article_part,catalogue_number\n";
  reports->buffer() =
      "report_id,unit_code,outgoing_number,accepted_at,proceedings_number,cc_article,"
      "article_part,catalogue_number\n";
  // Reports without a proceedings number sort first (key "").
  for (int64_t j = 0; j < NoNumberReports(s.rows); ++j) {
    const int64_t accepted = j % 2 == 0 ? kNowUnix - 72 * kHour : kNowUnix - 24 * kHour;
    AppendReport(reports->buffer(), j, 'N', 'a', "", accepted, {"115", "1", "1"});
    RETURN_IF_ERROR(reports->MaybeFlush());
  }
  std::string pn;
  for (int64_t i = 0; i < s.rows; ++i) {
    const Proceedings p = Plan(i);
    pn.assign(kYearPrefix.data(), kYearPrefix.size());
    AppendIndex(pn, i);
    if (HasEntry(p.c)) {
      std::string& out = entries->buffer();
      absl::StrAppend(&out, pn, ",");
      AppendInstant(out, p.registered_at);
      absl::StrAppend(&out, ",", UnitCode(i), ",", p.entry.article, ",", p.entry.part, ",",
                      p.entry.item, "\n");
      RETURN_IF_ERROR(entries->MaybeFlush());
    }
    const int n = ReportCount(p.c);
    if (n >= 1) AppendReport(reports->buffer(), i, 'R', 'a', pn, p.accepted_at, p.report_a);
    if (n >= 2) AppendReport(reports->buffer(), i, 'R', 'b', pn, p.accepted_at, p.report_b);
    RETURN_IF_ERROR(reports->MaybeFlush());
  }
  RETURN_IF_ERROR(entries->Close());
  RETURN_IF_ERROR(reports->Close());

  // The catalogue as PostgreSQL needs it for the catalogue-crime check.
  ASSIGN_OR_RETURN(auto items, Writer::Open(s.dir + "/catalogue_items.csv"));
  ASSIGN_OR_RETURN(auto articles, Writer::Open(s.dir + "/catalogue_articles.csv"));
  std::set<std::string> distinct;
  for (const v1::CatalogueItem& item : catalogue.items()) {
    absl::StrAppend(&items->buffer(), item.number(), "\n");
    for (const std::string& a : item.cc_articles()) distinct.insert(a);
  }
  for (const std::string& a : distinct) absl::StrAppend(&articles->buffer(), a, "\n");
  RETURN_IF_ERROR(items->Close());
  RETURN_IF_ERROR(articles->Close());

  const Tally t = Planted(s.rows);
  ASSIGN_OR_RETURN(auto expected, Writer::Open(s.dir + "/expected.env"));
  absl::StrAppendFormat(&expected->buffer(),
                        "rows=%d\nentries=%d\nreports=%d\nunreported=%d\nunreported_sum=%d\n"
                        "without_entry=%d\nwithout_entry_sum=%d\nmismatched=%d\n"
                        "mismatched_sum=%d\n",
                        s.rows, t.entries, t.reports, t.unreported, t.unreported_sum,
                        t.without_entry, t.without_entry_sum, t.mismatched, t.mismatched_sum);
  return expected->Close();
}

// ---------------------------------------------------------------------------
// Reading the files back, streaming.

// The lines of a generated CSV file, read in 1 MiB blocks and split on commas
// in place: the bench's own form only (no quoting; the generator writes none),
// each line checked for its field count.
class CsvLines {
 public:
  static absl::StatusOr<std::unique_ptr<CsvLines>> Open(const std::string& path,
                                                        absl::string_view header) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return absl::NotFoundError(absl::StrCat(path, ": ", std::strerror(errno)));
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    auto lines = std::unique_ptr<CsvLines>(new CsvLines(fd, path));
    absl::string_view line;
    ASSIGN_OR_RETURN(bool more, lines->NextLine(line));
    if (!more || line != header) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": header is not '", header, "'"));
    }
    return lines;
  }
  ~CsvLines() { ::close(fd_); }

  // The next line's `n` fields; false at the end.
  absl::StatusOr<bool> Next(absl::string_view* fields, int n) {
    absl::string_view line;
    ASSIGN_OR_RETURN(bool more, NextLine(line));
    if (!more) return false;
    // One memchr per field; a quote can only open a field (RFC 4180), so
    // checking each field's first byte is enough to refuse a quoted file.
    const char* p = line.data();
    const char* const end = p + line.size();
    for (int k = 0; k < n; ++k) {
      const char* comma = k < n - 1 ? static_cast<const char*>(std::memchr(p, ',', end - p)) : end;
      if (comma == nullptr || (comma != p && *p == '"')) {
        return absl::InvalidArgumentError(
            absl::StrCat(path_, " line ", line_number_, ": not ", n, " plain fields"));
      }
      fields[k] = absl::string_view(p, comma - p);
      p = comma + (k < n - 1 ? 1 : 0);
    }
    if (std::memchr(fields[n - 1].data(), ',', fields[n - 1].size()) != nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(path_, " line ", line_number_, ": more than ", n, " fields"));
    }
    return true;
  }

 private:
  CsvLines(int fd, std::string path) : fd_(fd), path_(std::move(path)), buf_(1 << 20) {}

  absl::StatusOr<bool> NextLine(absl::string_view& line) {
    while (true) {
      const char* start = buf_.data() + begin_;
      const void* nl = std::memchr(start, '\n', end_ - begin_);
      if (nl != nullptr) {
        const size_t len = static_cast<const char*>(nl) - start;
        line = absl::string_view(start, len);
        begin_ += len + 1;
        ++line_number_;
        return true;
      }
      if (eof_) {
        if (begin_ == end_) return false;
        line = absl::string_view(start, end_ - begin_);  // a last line without '\n'
        begin_ = end_;
        ++line_number_;
        return true;
      }
      // Keep the partial line, refill behind it.
      std::memmove(buf_.data(), start, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
      if (end_ == buf_.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path_, " line ", line_number_ + 1, ": longer than ", buf_.size()));
      }
      const ssize_t got = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
      if (got < 0) return absl::InternalError(absl::StrCat(path_, ": ", std::strerror(errno)));
      if (got == 0) eof_ = true;
      end_ += static_cast<size_t>(got);
    }
  }

  int fd_;
  std::string path_;
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  int64_t line_number_ = 0;
};

// The record is filled in place: the reconciler hands the same message back
// for every row, so its strings keep their capacity and nothing is allocated
// per row.
class EntryFileSource final : public rec::Source<v1::RegisterEntry> {
 public:
  explicit EntryFileSource(std::unique_ptr<CsvLines> lines) : lines_(std::move(lines)) {}
  absl::StatusOr<bool> Next(v1::RegisterEntry& e) override {
    absl::string_view f[6];
    ASSIGN_OR_RETURN(bool more, lines_->Next(f, 6));
    if (!more) return false;
    int64_t registered = 0;
    if (!ParseInstant(f[1], registered)) {
      return absl::InvalidArgumentError(absl::StrCat("entries: bad registered_at '", f[1], "'"));
    }
    e.set_proceedings_number(f[0].data(), f[0].size());
    e.mutable_registered_at()->set_seconds(registered);
    e.set_unit_code(f[2].data(), f[2].size());
    v1::RegisterQualification* q = e.mutable_qualification();
    q->set_cc_article(f[3].data(), f[3].size());
    q->set_article_part(f[4].data(), f[4].size());
    e.set_catalogue_number(f[5].data(), f[5].size());
    return true;
  }

 private:
  std::unique_ptr<CsvLines> lines_;
};

class ReportFileSource final : public rec::Source<v1::ReportRecord> {
 public:
  explicit ReportFileSource(std::unique_ptr<CsvLines> lines) : lines_(std::move(lines)) {}
  absl::StatusOr<bool> Next(v1::ReportRecord& r) override {
    absl::string_view f[8];
    ASSIGN_OR_RETURN(bool more, lines_->Next(f, 8));
    if (!more) return false;
    int64_t accepted = 0;
    if (!ParseInstant(f[3], accepted)) {
      return absl::InvalidArgumentError(absl::StrCat("reports: bad accepted_at '", f[3], "'"));
    }
    r.set_report_id(f[0].data(), f[0].size());
    r.set_unit_code(f[1].data(), f[1].size());
    r.set_outgoing_number(f[2].data(), f[2].size());
    r.mutable_accepted_at()->set_seconds(accepted);
    r.set_proceedings_number(f[4].data(), f[4].size());
    v1::RegisterQualification* q = r.mutable_qualification();
    q->set_cc_article(f[5].data(), f[5].size());
    q->set_article_part(f[6].data(), f[6].size());
    r.set_catalogue_number(f[7].data(), f[7].size());
    return true;
  }

 private:
  std::unique_ptr<CsvLines> lines_;
};

// ---------------------------------------------------------------------------
// The check: every discrepancy must be planted where it is found, in key
// order and once; at the end the counts and checksums must equal the plan's.

class PlantedChecker final : public rec::Observer {
 public:
  absl::Status OnOutcome(const rec::Outcome& o) override {
    ++found_.outcomes;
    if (o.report != nullptr) ++found_.reports;
    if (o.entry != nullptr && o.first_for_entry) ++found_.entries;
    if (o.discrepancy == nullptr) return absl::OkStatus();
    const v1::Discrepancy& d = *o.discrepancy;
    const std::string key = absl::StrCat(d.proceedings_number(), "/", d.report_id());
    if (!previous_.empty() && !(previous_ < key)) {
      return Wrong(d, absl::StrCat("comes after ", previous_));
    }
    previous_ = key;

    int64_t i = 0;
    switch (d.kind()) {
      case v1::DISCREPANCY_KIND_UNREPORTED_CRIME: {
        absl::string_view pn = d.proceedings_number();
        if (pn.substr(0, kYearPrefix.size()) != kYearPrefix ||
            !ParseIndex(pn.substr(kYearPrefix.size()), i) || CaseOf(i) != Case::kUnreported) {
          return Wrong(d, "not planted");
        }
        ++found_.unreported, found_.unreported_sum += i;
        return absl::OkStatus();
      }
      case v1::DISCREPANCY_KIND_REPORT_WITHOUT_ENTRY: {
        ASSIGN_OR_RETURN(char prefix, ReportIndex(d, i));
        const bool planted = prefix == 'N' ? i % 2 == 0 && d.proceedings_number().empty()
                                           : (CaseOf(i) == Case::kWithoutEntry ||
                                              CaseOf(i) == Case::kWithoutEntryJust);
        if (!planted) return Wrong(d, "not planted");
        ++found_.without_entry, found_.without_entry_sum += i;
        return absl::OkStatus();
      }
      case v1::DISCREPANCY_KIND_QUALIFICATION_MISMATCH: {
        ASSIGN_OR_RETURN(char prefix, ReportIndex(d, i));
        const char suffix = d.report_id().back();
        v1::QualificationField want = v1::QUALIFICATION_FIELD_UNSPECIFIED;
        switch (prefix == 'R' ? CaseOf(i) : Case::kMatch) {
          case Case::kMismatchArticle:
            if (suffix == 'a') want = v1::QUALIFICATION_FIELD_ARTICLE;
            break;
          case Case::kMismatchPart:
            if (suffix == 'a') want = v1::QUALIFICATION_FIELD_PART;
            break;
          case Case::kMismatchItem:
            if (suffix == 'a') want = v1::QUALIFICATION_FIELD_CATALOGUE_ITEM;
            break;
          case Case::kSecondReportDiffers:
            if (suffix == 'b') want = v1::QUALIFICATION_FIELD_PART;
            break;
          default:
            break;
        }
        if (want == v1::QUALIFICATION_FIELD_UNSPECIFIED) return Wrong(d, "not planted");
        if (d.differing_size() != 1 || d.differing(0) != want) {
          return Wrong(
              d, absl::StrCat("differing should be only ", v1::QualificationField_Name(want)));
        }
        ++found_.mismatched, found_.mismatched_sum += i;
        return absl::OkStatus();
      }
      default:
        return Wrong(d, "unknown kind");
    }
  }

  const Tally& found() const { return found_; }

 private:
  // The index in "R<12 digits><a|b>" or "N<12 digits>a", and the letter.
  static absl::StatusOr<char> ReportIndex(const v1::Discrepancy& d, int64_t& i) {
    absl::string_view id = d.report_id();
    if (id.size() != 14 || (id[0] != 'R' && id[0] != 'N') || !ParseIndex(id.substr(1, 12), i)) {
      return Wrong(d, "report id not generated");
    }
    return id[0];
  }
  static absl::Status Wrong(const v1::Discrepancy& d, absl::string_view why) {
    return absl::InternalError(
        absl::StrCat("unexpected discrepancy ", v1::DiscrepancyKind_Name(d.kind()), " '",
                     d.proceedings_number(), "' report '", d.report_id(), "': ", why));
  }

  Tally found_;
  std::string previous_;
};

int64_t PeakRssKb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;  // KiB on Linux
}

double CpuSeconds() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec +
         (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

absl::Status Reconcile(const Settings& s, const catalogue::Catalogue& catalogue) {
  const int64_t rss_before = PeakRssKb();
  const double cpu_before = CpuSeconds();
  const absl::Time start = absl::Now();

  ASSIGN_OR_RETURN(std::unique_ptr<CsvLines> report_lines,
                   CsvLines::Open(s.dir + "/reports.csv",
                                  "report_id,unit_code,outgoing_number,accepted_at,"
                                  "proceedings_number,cc_article,article_part,catalogue_number"));
  ReportFileSource reports(std::move(report_lines));

  // Entries either through the bench's plain reader or through the
  // production register-extract reader (RFC 4180, every field validated,
  // every byte fingerprinted).
  std::unique_ptr<rec::Source<v1::RegisterEntry>> entries;
  std::ifstream extract_file;
  std::unique_ptr<register_extract::ExtractReader> extract_reader;
  if (s.entries_reader == "extract") {
    extract_file.open(s.dir + "/entries.csv", std::ios::binary);
    if (!extract_file) return absl::NotFoundError(s.dir + "/entries.csv");
    extract_reader = std::make_unique<register_extract::ExtractReader>(
        extract_file, catalogue, register_extract::ExtractOptions{.name = "entries.csv"});
    entries = std::make_unique<rec::FunctionSource<v1::RegisterEntry>>(
        [&](v1::RegisterEntry& e) -> absl::StatusOr<bool> {
          if (extract_reader->Next(e)) return true;
          RETURN_IF_ERROR(extract_reader->status());
          return false;
        });
  } else {
    ASSIGN_OR_RETURN(std::unique_ptr<CsvLines> entry_lines,
                     CsvLines::Open(s.dir + "/entries.csv",
                                    "proceedings_number,registered_at,unit_code,cc_article,"
                                    "article_part,catalogue_number"));
    entries = std::make_unique<EntryFileSource>(std::move(entry_lines));
  }

  rec::ReconcileOptions options;
  options.now = absl::FromUnixSeconds(kNowUnix);
  rec::Reconciler reconciler(catalogue, options);
  PlantedChecker checker;
  RETURN_IF_ERROR(reconciler.Run(*entries, reports, checker));
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  const double cpu = CpuSeconds() - cpu_before;

  const Tally& f = checker.found();
  std::cout << absl::StrFormat(
      "ours_seconds=%.3f\nours_cpu_seconds=%.3f\nours_peak_rss_kb=%d\n"
      "ours_rss_before_kb=%d\nentries_reader=%s\nfound_entries=%d\nfound_reports=%d\n"
      "found_outcomes=%d\nfound_unreported=%d\nfound_unreported_sum=%d\n"
      "found_without_entry=%d\nfound_without_entry_sum=%d\nfound_mismatched=%d\n"
      "found_mismatched_sum=%d\n",
      seconds, cpu, PeakRssKb(), rss_before, s.entries_reader, f.entries, f.reports, f.outcomes,
      f.unreported, f.unreported_sum, f.without_entry, f.without_entry_sum, f.mismatched,
      f.mismatched_sum);

  const Tally want = Planted(s.rows);
  if (!(f == want)) {
    return absl::InternalError(absl::StrFormat(
        "found != planted: unreported %d/%d, without_entry %d/%d, mismatched %d/%d, "
        "entries %d/%d, reports %d/%d, outcomes %d/%d (found/planted)",
        f.unreported, want.unreported, f.without_entry, want.without_entry, f.mismatched,
        want.mismatched, f.entries, want.entries, f.reports, want.reports, f.outcomes,
        want.outcomes));
  }
  std::cout << "check=ok\n";
  return absl::OkStatus();
}

int Run(const Settings& s) {
  absl::StatusOr<catalogue::ContentRules> rules =
      catalogue::ContentRules::LoadFile(s.content_rules);
  absl::StatusOr<catalogue::Catalogue> catalogue =
      rules.ok() ? catalogue::Catalogue::LoadFile(s.catalogue, *rules)
                 : absl::StatusOr<catalogue::Catalogue>(rules.status());
  if (!catalogue.ok()) {
    std::cerr << catalogue.status() << "\n";
    return 2;
  }
  absl::Status st = s.mode == "generate" ? Generate(s, *catalogue) : Reconcile(s, *catalogue);
  if (!st.ok()) {
    std::cerr << s.mode << ": " << st << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace opsreport::bench

int main(int argc, char** argv) {
  opsreport::bench::Settings s;
  opsreport::config::Schema schema;
  schema.String("mode", &s.mode, "generate | reconcile", true)
      .Int("rows", &s.rows, "proceedings numbers in the plan", 1, 1000000000000)
      .String("dir", &s.dir, "where the files are written / read", true)
      .String("entries_reader", &s.entries_reader,
              "fast (the bench's plain CSV reader) | extract (register_extract::ExtractReader)")
      .String("catalogue", &s.catalogue, "catalogue TSV")
      .String("content_rules", &s.content_rules, "content rules TSV");
  auto raw = opsreport::config::LoadFromArgs(argc, argv);
  absl::Status st = raw.ok() ? schema.Apply(*raw) : raw.status();
  std::string errors = st.ok() ? "" : std::string(st.message());
  if (s.mode != "generate" && s.mode != "reconcile") {
    absl::StrAppend(&errors, errors.empty() ? "" : "; ", "mode: '", s.mode,
                    "' is not generate|reconcile");
  }
  if (s.entries_reader != "fast" && s.entries_reader != "extract") {
    absl::StrAppend(&errors, errors.empty() ? "" : "; ", "entries_reader: '", s.entries_reader,
                    "' is not fast|extract");
  }
  if (!errors.empty()) {
    std::cerr << errors << "\n" << schema.Help();
    return 2;
  }
  return opsreport::bench::Run(s);
}
