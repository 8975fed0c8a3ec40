#!/usr/bin/env bash
# The reconciliation core at scale beside PostgreSQL 15, in the same run
# (issue 5 "Scale"; results in docs/BENCHMARKS.md).
#
#   bench/reconciliation_bench.sh [path/to/reconciliation_bench]
#
# Builds nothing: the binary defaults to build/bench/reconciliation_bench.
# Environment:
#   SIZES="1000000 10000000"  proceedings numbers per run
#   REPEAT=3                  timed runs of each step; the fastest is reported
#   WORK_BASE=${TMPDIR:-/tmp} where the files and the database go (~450 B per row)
#   PG_BIN=/usr/lib/postgresql/15/bin
#   KEEP=1                    keep the work directory at the end
#
# For each size: the benchmark writes a register extract and a report set
# with discrepancies planted at known places; our path reconciles them
# streaming from the files and checks that exactly the planted ones are
# found. PostgreSQL (a private cluster on 127.0.0.1, started here and
# stopped on exit) COPYs the same files into two tables and runs the same
# FULL OUTER JOIN with the same rules, three ways: a hash join with a large
# and with the default work_mem, and a merge join over indexes on the join
# keys. Its counts and checksums are compared with the plan too.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$(realpath "${1:-$REPO/build/bench/reconciliation_bench}")
SIZES=${SIZES:-"1000000 10000000"}
REPEAT=${REPEAT:-3}
WORK_BASE=${WORK_BASE:-${TMPDIR:-/tmp}}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

die() {
  echo "reconciliation_bench.sh: $*" >&2
  exit 1
}
log() { echo "$*" >&2; }

[[ -x $BENCH ]] || die "no benchmark binary at $BENCH (ninja -C build reconciliation_bench)"
if [[ ! -x $PG_BIN/initdb || ! -x $PG_BIN/pg_ctl ]] || ! command -v psql >/dev/null; then
  echo "PostgreSQL 15 is not installed; install it with:" >&2
  echo "  sudo apt-get install postgresql-15 postgresql-client-15" >&2
  exit 1
fi

# Disk: the two CSV files take ~140 B per proceedings, the tables and
# indexes in PostgreSQL about twice that, plus a hash join's spill files.
max_rows=0
for n in $SIZES; do if ((n > max_rows)); then max_rows=$n; fi; done
need_kb=$((max_rows * 450 / 1024 + 1024 * 1024))
avail_kb=$(df -Pk "$WORK_BASE" | awk 'NR == 2 { print $4 }')
((avail_kb > need_kb)) ||
  die "$WORK_BASE has $((avail_kb / 1024)) MiB free, needs ~$((need_kb / 1024)) MiB (set WORK_BASE)"

# PostgreSQL refuses to run as root: then the cluster belongs to the
# package's `postgres` user, which must be able to read the generated files.
if ((EUID == 0)); then
  id postgres >/dev/null 2>&1 || die "running as root and there is no 'postgres' user for the server"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

WORK=$(mktemp -d "$WORK_BASE/reconciliation_bench.XXXXXX")
chmod 755 "$WORK"
PGHOME=$WORK/pg # the server's own directory: data and log
PGDATA=$PGHOME/data
cleanup() {
  if [[ -f $PGDATA/postmaster.pid ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  if [[ ${KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port on loopback: nothing answers a connection to it.
PORT=
for p in $(seq 54329 54429); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    PORT=$p
    break
  fi
done
[[ -n $PORT ]] || die "no free port in 54329-54429"

mkdir "$PGHOME"
if ((EUID == 0)); then chown postgres: "$PGHOME"; fi
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C >"$WORK/initdb.log"
# Tuned for one big query on a throwaway database, to give PostgreSQL its
# best case: no durability (unlogged tables, fsync off), the tables held in
# shared buffers, room for the hash table in work_mem. Parallel query does
# not apply: PostgreSQL 15 runs a FULL JOIN in one process (as we do).
cat >>"$PGDATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
shared_buffers = 4GB
work_mem = 2GB
maintenance_work_mem = 1GB
max_wal_size = 16GB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
autovacuum = off
EOF
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGHOME/postgres.log" -w start >/dev/null

psql_run() {
  PGOPTIONS="-c client_min_messages=warning" \
    psql -X -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
}
PG_VERSION=$(psql_run -c 'SHOW server_version')
CLK_TCK=$(getconf CLK_TCK)

# The backend's own CPU ticks (utime + stime) and peak RSS: PostgreSQL runs
# the whole statement in the backend of its session.
BACKEND_CPU="SELECT 'cpu=' || f[14]::bigint + f[15]::bigint
  FROM (SELECT string_to_array(pg_read_file('/proc/self/stat'), ' ') AS f) s"
BACKEND_HWM="SELECT 'hwm=' || (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]"

# Runs the statements on stdin in one session, timed by psql, after the
# untimed settings in $1 (SET statements), if any. Sets PG_S
# (wall seconds of the statements), PG_CPU_S (the backend's CPU seconds),
# PG_HWM_KB (the backend's peak RSS, VmHWM: it counts the pages of shared
# buffers the backend touched too) and PG_OUT (result rows).
pg_timed() {
  local sql out cpu
  sql=$(cat)
  out=$(psql_run <<EOF
${1:-}
$BACKEND_CPU;
\\timing on
$sql
\\timing off
$BACKEND_CPU;
$BACKEND_HWM;
EOF
)
  PG_S=$(awk '/^Time: / { ms += $2 } END { printf "%.3f", ms / 1000 }' <<<"$out")
  read -r -a cpu <<<"$(sed -n 's/^cpu=//p' <<<"$out" | tr '\n' ' ')"
  PG_CPU_S=$(awk -v a="${cpu[0]}" -v b="${cpu[1]}" -v hz="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / hz }')
  PG_HWM_KB=$(sed -n 's/^hwm=//p' <<<"$out")
  PG_OUT=$(grep -vE '^(Time: |cpu=|hwm=)' <<<"$out" || true)
}

# The join, with the reconciler's rules (libs/rules/reconciliation/README.md):
#  1 UNREPORTED_CRIME: an entry no report names, for a catalogue crime (its
#    item is in the catalogue, or its article is listed by an item),
#    registered more than entry_grace (0) before now;
#  2 REPORT_WITHOUT_ENTRY: a report no entry matches (or with no
#    proceedings number), accepted more than report_grace (48 h) before now;
#  3 QUALIFICATION_MISMATCH: both present and the article or part differs
#    (blanks trimmed), or the entry names an item other than the report's.
# idx is the 12-digit index in the proceedings number (unreported) or report
# id (the others); its sum per kind is the checksum the benchmark plans.
JOIN_SQL=$(cat <<'EOF'
SELECT kind, count(*), sum(idx) FROM (
  SELECT
    CASE
      WHEN r.report_id IS NULL THEN
        CASE WHEN e.registered_at < TIMESTAMPTZ '2026-11-23 12:00:00+00' - INTERVAL '0 hours'
                  AND (e.catalogue_number IN (SELECT number FROM catalogue_items)
                       OR btrim(e.cc_article) IN (SELECT article FROM catalogue_articles))
             THEN 1 END
      WHEN e.proceedings_number IS NULL THEN
        CASE WHEN r.accepted_at < TIMESTAMPTZ '2026-11-23 12:00:00+00' - INTERVAL '48 hours'
             THEN 2 END
      WHEN btrim(e.cc_article) <> btrim(r.cc_article)
           OR btrim(e.article_part) <> btrim(r.article_part)
           OR (e.catalogue_number <> '' AND btrim(e.catalogue_number) <> btrim(r.catalogue_number))
        THEN 3
    END AS kind,
    (CASE WHEN r.report_id IS NULL THEN right(e.proceedings_number, 12)
          ELSE substr(r.report_id, 2, 12) END)::bigint AS idx
  FROM entries e FULL OUTER JOIN reports r ON r.proceedings_number = e.proceedings_number
) j
WHERE kind IS NOT NULL
GROUP BY kind ORDER BY kind
EOF
)

# Compares PostgreSQL's "kind|count|sum" lines with the plan.
check_pg() {
  local want
  want=$(printf '1|%s|%s\n2|%s|%s\n3|%s|%s' "$exp_unreported" "$exp_unreported_sum" \
    "$exp_without_entry" "$exp_without_entry_sum" "$exp_mismatched" "$exp_mismatched_sum")
  [[ $1 == "$want" ]] || die "PostgreSQL found (kind|count|checksum)
$1
but the plan is
$want"
}

# Best of REPEAT runs of the join under `settings` (SET statements); sets
# JOIN_S, JOIN_CPU_S, JOIN_HWM_KB and keeps the plan in $dir/plan_$1.txt.
pg_join() {
  local name=$1 settings=$2
  JOIN_S='' JOIN_CPU_S='' JOIN_HWM_KB=0
  for ((k = 0; k < REPEAT; k++)); do
    pg_timed "$settings" <<<"$JOIN_SQL;"
    check_pg "$PG_OUT"
    if [[ -z $JOIN_S ]] || awk -v a="$PG_S" -v b="$JOIN_S" 'BEGIN { exit !(a < b) }'; then
      JOIN_S=$PG_S JOIN_CPU_S=$PG_CPU_S
    fi
    if ((PG_HWM_KB > JOIN_HWM_KB)); then JOIN_HWM_KB=$PG_HWM_KB; fi
  done
  psql_run <<<"$settings
EXPLAIN $JOIN_SQL;" >"$dir/plan_$name.txt"
}

# Best of REPEAT runs of our path; sets OURS_S, OURS_CPU_S, OURS_RSS_KB.
ours() {
  local reader=$1 out=$dir/ours_$1.out s cpu rss
  OURS_S='' OURS_CPU_S='' OURS_RSS_KB=0
  for ((k = 0; k < REPEAT; k++)); do
    # A fresh process per run, so its peak RSS is the join's alone.
    "$BENCH" --mode=reconcile --rows="$n" --dir="$dir" --entries_reader="$reader" \
      --catalogue="$REPO/data/catalogue.tsv" --content_rules="$REPO/data/content_rules.tsv" \
      >"$out" || die "our reconciliation ($reader reader) failed: $(cat "$out")"
    grep -qx 'check=ok' "$out" || die "our reconciliation ($reader reader) did not check"
    s=$(sed -n 's/^ours_seconds=//p' "$out")
    cpu=$(sed -n 's/^ours_cpu_seconds=//p' "$out")
    rss=$(sed -n 's/^ours_peak_rss_kb=//p' "$out")
    if [[ -z $OURS_S ]] || awk -v a="$s" -v b="$OURS_S" 'BEGIN { exit !(a < b) }'; then
      OURS_S=$s OURS_CPU_S=$cpu
    fi
    if ((rss > OURS_RSS_KB)); then OURS_RSS_KB=$rss; fi
  done
}

mib() { echo "$(num "$(awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }')") MiB"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (a < b ? a : b) }'; }
num() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

log "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), kernel $(uname -r); PostgreSQL $PG_VERSION on 127.0.0.1:$PORT; best of $REPEAT; work dir $WORK"

SUMMARY="| proceedings | entries / reports | planted U / W / M | **ours** | PG join only (fastest of the three plans) | PG load + join (fastest) | **PG join ÷ ours** | **PG load + join ÷ ours** | ours peak RSS | PG backend peak (VmHWM) |
|---|---|---|---|---|---|---|---|---|---|"
DETAIL=""

for n in $SIZES; do
  dir=$WORK/n$n
  mkdir "$dir"
  chmod 755 "$dir"
  log "== $(num "$n") proceedings: generating"
  "$BENCH" --mode=generate --rows="$n" --dir="$dir" --catalogue="$REPO/data/catalogue.tsv" \
    --content_rules="$REPO/data/content_rules.tsv"
  chmod 644 "$dir"/*
  expected() { sed -n "s/^$1=//p" "$dir/expected.env"; }
  exp_entries=$(expected entries) exp_reports=$(expected reports)
  exp_unreported=$(expected unreported) exp_unreported_sum=$(expected unreported_sum)
  exp_without_entry=$(expected without_entry) exp_without_entry_sum=$(expected without_entry_sum)
  exp_mismatched=$(expected mismatched) exp_mismatched_sum=$(expected mismatched_sum)
  log "   $(du -sh "$dir" | cut -f1) of CSV: $(num "$exp_entries") entries, $(num "$exp_reports") reports"

  log "   ours"
  ours fast
  ours_s=$OURS_S ours_cpu=$OURS_CPU_S ours_rss=$OURS_RSS_KB
  ours extract
  ext_s=$OURS_S ext_cpu=$OURS_CPU_S ext_rss=$OURS_RSS_KB

  log "   PostgreSQL: COPY + ANALYZE"
  psql_run <<EOF
DROP TABLE IF EXISTS entries, reports, catalogue_items, catalogue_articles;
CREATE TABLE catalogue_items (number text PRIMARY KEY);
CREATE TABLE catalogue_articles (article text PRIMARY KEY);
COPY catalogue_items FROM '$dir/catalogue_items.csv' (FORMAT csv);
COPY catalogue_articles FROM '$dir/catalogue_articles.csv' (FORMAT csv);
ANALYZE catalogue_items;
ANALYZE catalogue_articles;
CREATE UNLOGGED TABLE entries (proceedings_number text, registered_at timestamptz,
  unit_code text, cc_article text, article_part text, catalogue_number text);
CREATE UNLOGGED TABLE reports (report_id text, unit_code text, outgoing_number text,
  accepted_at timestamptz, proceedings_number text, cc_article text, article_part text,
  catalogue_number text);
CHECKPOINT;
EOF
  # Loaded once (a second load would need fresh tables; COPY's variance is
  # small next to the join's). NULL '\N': an empty cell is the empty string,
  # as in the messages.
  pg_timed <<EOF
COPY entries FROM '$dir/entries.csv' (FORMAT csv, HEADER true, NULL '\N');
COPY reports FROM '$dir/reports.csv' (FORMAT csv, HEADER true, NULL '\N');
ANALYZE entries;
ANALYZE reports;
EOF
  load_s=$PG_S load_cpu=$PG_CPU_S load_hwm=$PG_HWM_KB
  counts=$(psql_run -c "SELECT (SELECT count(*) FROM entries) || ' ' || (SELECT count(*) FROM reports)")
  [[ $counts == "$exp_entries $exp_reports" ]] ||
    die "PostgreSQL loaded $counts rows, expected $exp_entries $exp_reports"
  sizes=$(psql_run -c "SELECT pg_size_pretty(pg_table_size('entries')) || ' + ' || pg_size_pretty(pg_table_size('reports'))")

  log "   PostgreSQL: hash full join"
  # One untimed pass first: COPY writes through a small ring of buffers, so
  # the first scan reads the tables into shared buffers.
  pg_timed <<<"$JOIN_SQL;"
  pg_join hash_2GB "SET work_mem = '2GB';"
  hash_s=$JOIN_S hash_cpu=$JOIN_CPU_S hash_hwm=$JOIN_HWM_KB
  pg_join hash_4MB "SET work_mem = '4MB';"
  hash4_s=$JOIN_S hash4_cpu=$JOIN_CPU_S hash4_hwm=$JOIN_HWM_KB

  log "   PostgreSQL: indexes on the join keys, merge full join"
  # The inputs are sorted, which our merge-join relies on; PostgreSQL can
  # only use that order through an index.
  pg_timed <<EOF
CREATE INDEX entries_key ON entries (proceedings_number);
CREATE INDEX reports_key ON reports (proceedings_number, report_id);
EOF
  index_s=$PG_S index_cpu=$PG_CPU_S index_hwm=$PG_HWM_KB
  pg_join merge "SET enable_hashjoin = off; SET work_mem = '4MB';"
  merge_s=$JOIN_S merge_cpu=$JOIN_CPU_S merge_hwm=$JOIN_HWM_KB
  grep -q 'Merge Full Join' "$dir/plan_merge.txt" || log "   (PostgreSQL did not pick a merge join: see $dir/plan_merge.txt)"

  best_join=$(min "$(min "$hash_s" "$hash4_s")" "$merge_s")
  best_total=$(min "$(add "$load_s" "$(min "$hash_s" "$hash4_s")")" "$(add "$(add "$load_s" "$index_s")" "$merge_s")")
  pg_peak=$(printf '%s\n' "$load_hwm" "$hash_hwm" "$hash4_hwm" "$index_hwm" "$merge_hwm" | sort -n | tail -1)

  SUMMARY+=$'\n'"| $(num "$n") | $(num "$exp_entries") / $(num "$exp_reports") | $(num "$exp_unreported") / $(num "$exp_without_entry") / $(num "$exp_mismatched"): all found, nothing else | **${ours_s} s** | ${best_join} s | ${best_total} s | **$(ratio "$best_join" "$ours_s")** | **$(ratio "$best_total" "$ours_s")** | $(mib "$ours_rss") | $(mib "$pg_peak") |"
  DETAIL+="
$(num "$n") proceedings ($(du -sh "$dir" | cut -f1) of CSV; PostgreSQL tables $sizes):

| step | wall s | CPU s | peak memory | wall ÷ ours |
|---|---|---|---|---|
| **ours**: read both files, join, check (bench CSV reader) | **$ours_s** | $ours_cpu | $(mib "$ours_rss") RSS | 1.00x |
| ours, entries through \`register_extract::ExtractReader\` | $ext_s | $ext_cpu | $(mib "$ext_rss") RSS | $(ratio "$ext_s" "$ours_s") |
| PG: COPY both files + ANALYZE | $load_s | $load_cpu | $(mib "$load_hwm") | $(ratio "$load_s" "$ours_s") |
| PG: hash full join, work_mem 2GB | $hash_s | $hash_cpu | $(mib "$hash_hwm") | $(ratio "$hash_s" "$ours_s") |
| PG: hash full join, work_mem 4MB | $hash4_s | $hash4_cpu | $(mib "$hash4_hwm") | $(ratio "$hash4_s" "$ours_s") |
| PG: CREATE INDEX on both join keys | $index_s | $index_cpu | $(mib "$index_hwm") | $(ratio "$index_s" "$ours_s") |
| PG: merge full join over the indexes | $merge_s | $merge_cpu | $(mib "$merge_hwm") | $(ratio "$merge_s" "$ours_s") |
"
  log "   ours ${ours_s} s; PG join ${best_join} s, load + join ${best_total} s"
  # The next size needs the room.
  psql_run -c "DROP TABLE entries, reports"
  if [[ ${KEEP:-0} != 1 ]]; then rm -f "$dir"/entries.csv "$dir"/reports.csv; fi
done

echo "$SUMMARY"
echo "$DETAIL"
