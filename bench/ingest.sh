#!/usr/bin/env bash
# parley event-store benchmark: ingest of a generated corpus (bench/gen_corpus.py: realistic
# diplomatic templates plus filler news, >= 100,000 documents at the default 100 MB) into SQLite,
# split into extraction and store time, plus the time of an actor query over the whole store.
# Results (with the exact commands): bench/out/ingest-results.md; the numbers worth keeping are
# copied by hand into bench/results/ingest.md.
#
#   bash bench/ingest.sh                  # 100 MB corpus (~105,000 documents)
#   SIZE_MB=10 bash bench/ingest.sh       # quick run
#   PROFILE=0 bash bench/ingest.sh        # skip perf
#   RSS_GB=1 bash bench/ingest.sh         # also: peak RSS of `parley extract` on a >= 1 GB stream
#
# Steps, each timed with GNU time (wall clock, peak RSS):
#   1. extract only:   parley extract --format jsonl --input CORPUS > EVENTS
#   2. full ingest:    parley ingest --db DB CORPUS           (read + clean + extract + SQLite + merge)
#   3. re-ingest:      the same again (every document unchanged: hashing and lookups only)
#   4. store only:     the events of step 1 as Spark-layout Parquet, ingested into a new DB
#                      (no extraction: SQLite writes + merge only)
#   5. merge alone:    a copy of DB with its merged events deleted and every block marked dirty
#                      (sqlite3 shell), merged by `parley ingest --db COPY <empty file>`: the
#                      serial part after the last batch, on its own
#   6. actor query:    through the command, medians of interleaved runs
#   7. perf record -g of a full ingest of a 10 MB slice, to see where the time goes
# MB = 10^6 bytes of JSONL input.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
SIZE_MB=${SIZE_MB:-100}
PROFILE=${PROFILE:-1}
RSS_GB=${RSS_GB:-0}
ACTOR=${ACTOR:-Putin}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target-store}
mkdir -p "$OUT"
RES="$OUT/ingest-results.md"
: > "$RES"
say() { printf '%s\n' "$*" | tee -a "$RES" >&2; }

echo "== building (release, CARGO_TARGET_DIR=$CARGO_TARGET_DIR)" >&2
cargo build --release -p parley-cli >&2
# The fixture writer is built in the debug profile: a release build of parley-store on its own
# resolves features differently and rebuilds the whole dependency tree.
cargo build -p parley-store --example spark_parquet >&2
BIN="$CARGO_TARGET_DIR/release/parley"
EX="$CARGO_TARGET_DIR/debug/examples"

CORPUS="$OUT/ingest-corpus-${SIZE_MB}mb.jsonl"
if [ ! -s "$CORPUS" ]; then
  echo "== generating $CORPUS" >&2
  python3 "$ROOT/bench/gen_corpus.py" --size-mb "$SIZE_MB" --out "$CORPUS" --stats "$CORPUS.stats.json"
fi
DOCS=$(wc -l < "$CORPUS")
BYTES=$(stat -c %s "$CORPUS")

say "# parley ingest benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
say "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB RAM"
say "- rustc: $(rustc --version); commit $(git -C "$ROOT" rev-parse --short HEAD) (+ working tree)"
say "- corpus: $CORPUS — $DOCS documents, $BYTES bytes of JSONL"
say ""

# timed NAME CMD...: runs CMD under GNU time, prints wall seconds, CPU seconds (user + sys: the
# comparable figure on a shared machine) and peak RSS (MB).
timed() {
  local name=$1; shift
  local log="$OUT/ingest-time-$name.txt"
  /usr/bin/time -v "$@" 2> "$log" || { echo "FAILED: $*" >&2; tail -20 "$log" >&2; exit 1; }
  local wall rss cpu
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.1f", u+s}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
  say "| $name | \`$*\` | ${wall} s | ${cpu} s | $(python3 -c "print(f'{$DOCS/$wall:,.0f}')") docs/s | $(python3 -c "print(f'{$BYTES/1e6/$wall:.1f}')") MB/s | ${rss} MB |"
}

DB="$OUT/ingest.db"
DB2="$OUT/ingest-store-only.db"
EVENTS="$OUT/ingest-events.jsonl"
PQ="$OUT/ingest-parquet"
rm -f "$DB" "$DB"-* "$DB2" "$DB2"-*
rm -rf "$PQ"

say "| step | command | wall | CPU | docs/s | MB/s | peak RSS |"
say "|---|---|---|---|---|---|---|"
timed "1. extract only" "$BIN" extract --format jsonl --input "$CORPUS" > "$EVENTS"
timed "2. full ingest" "$BIN" ingest --db "$DB" "$CORPUS"
grep -h '^parley:' "$OUT/ingest-time-2. full ingest.txt" | sed 's/^/    /' >> "$RES"
timed "3. re-ingest (unchanged)" "$BIN" ingest --db "$DB" "$CORPUS"
"$EX/spark_parquet" "$CORPUS" "$EVENTS" "$PQ"
timed "4. store only (Parquet, no extraction)" "$BIN" ingest --db "$DB2" "$PQ"
grep -h '^parley:' "$OUT/ingest-time-4. store only (Parquet, no extraction).txt" | sed 's/^/    /' >> "$RES"
if command -v sqlite3 >/dev/null; then
  DB3="$OUT/ingest-merge-only.db"
  rm -f "$DB3" "$DB3"-*
  cp "$DB" "$DB3"
  # Schema v7 keeps each report's event in `mention_events` (cascades from `events` do not
  # reach it), so it is emptied by hand; foreign keys on, so the events' children go too.
  sqlite3 "$DB3" "PRAGMA foreign_keys=ON; DELETE FROM events; DELETE FROM mention_events;
                  INSERT OR IGNORE INTO dirty_blocks SELECT DISTINCT block FROM mentions;
                  PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
  : > "$OUT/empty.jsonl"
  timed "5. merge alone ($(sqlite3 "$DB3" 'SELECT count(*) FROM dirty_blocks') blocks)" "$BIN" ingest --quiet --db "$DB3" "$OUT/empty.jsonl"
fi
say ""
say "- events extracted: $(wc -l < "$EVENTS"); store: $(du -m "$DB" | cut -f1) MB"
say "- $(sqlite3 "$DB" 'SELECT count(*) || " documents, " FROM documents' 2>/dev/null)$(sqlite3 "$DB" 'SELECT count(*) || " mentions, " FROM mentions' 2>/dev/null)$(sqlite3 "$DB" 'SELECT count(*) || " merged events" FROM events' 2>/dev/null)"
say ""
say "## Actor query (--actor $ACTOR over the whole store)"
say ""
say '```'
# The command's own time includes start-up and building the lexicon's automata; a query for an
# actor who is not in the store pays the same start-up and stops after the name lookup, so the
# difference is the query.
# Medians of interleaved runs (hyperfine is not installed on every machine): wall time and CPU
# time (user + sys of the child), the command with the actor and one for an unknown actor.
python3 - "$BIN" "$DB" "$ACTOR" <<'PY' | tee -a "$RES" >&2
import resource, statistics, subprocess, sys, time
binary, db, actor = sys.argv[1:4]
# CPU from getrusage (microseconds) rather than os.times (10 ms clock ticks, too coarse for a
# 50 ms command).
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
def run(who):
    t0, c0 = time.perf_counter(), cpu()
    subprocess.run([binary, "events", "--actor", who, "--format", "jsonl", "--db", db],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, cpu() - c0
runs = {actor: [], "Nobodyatall": []}
for _ in range(21):
    for who in runs:
        runs[who].append(run(who))
for who, r in runs.items():
    print(f"--actor {who}: median {statistics.median(w for w, _ in r) * 1000:.0f} ms wall, "
          f"{statistics.median(c for _, c in r) * 1000:.0f} ms CPU (21 interleaved runs)")
print(f"load average: {open('/proc/loadavg').read().split()[:3]}")
PY
"$BIN" events --actor "$ACTOR" --format jsonl --db "$DB" 2>/dev/null | wc -l | sed "s/^/events returned: /" | tee -a "$RES" >&2
say '```'

if [ "$RSS_GB" != 0 ]; then
  say ""
  say "## parley extract on a >= ${RSS_GB} GB stream (peak RSS)"
  n=$(python3 -c "import math; print(math.ceil($RSS_GB*1e9/$BYTES))")
  say ""
  say "\`for i in \$(seq $n); do cat $CORPUS; done | /usr/bin/time -v parley extract --format jsonl --input - > /dev/null\`"
  ( for i in $(seq "$n"); do cat "$CORPUS"; done ) | /usr/bin/time -v "$BIN" extract --format jsonl --input - 2> "$OUT/ingest-time-rss.txt" > /dev/null
  say ""
  say "- $(python3 -c "print(f'{$n*$BYTES/1e9:.2f}')") GB in: $(awk -F': ' '/Elapsed/{print $2}' "$OUT/ingest-time-rss.txt") wall, peak RSS $(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$OUT/ingest-time-rss.txt") MB"
fi

if [ "$PROFILE" = 1 ] && command -v perf >/dev/null; then
  say ""
  say "## Where ingest time goes (perf record -g, 10 MB slice, --threads 2)"
  SLICE="$OUT/ingest-slice.jsonl"
  head -c 10000000 "$CORPUS" | head -n -1 > "$SLICE"
  rm -f "$OUT/ingest-slice.db"*
  perf record -g -o "$OUT/perf-ingest.data" "$BIN" ingest --quiet --threads 2 --db "$OUT/ingest-slice.db" "$SLICE" 2>/dev/null >/dev/null || true
  say ""
  say '```'
  perf report -i "$OUT/perf-ingest.data" --children --no-children --sort dso 2>/dev/null | grep -v '^#' | grep -v '^$' | head -8 | tee -a "$RES" >&2 || true
  say '```'
  say '```'
  perf report -i "$OUT/perf-ingest.data" --children 2>/dev/null | grep -E '^ +[0-9]' | grep -E 'parley|sqlite3_step|rusqlite|merge|write_batch|Extractor::extract|prepare' | head -30 | cut -c1-150 | tee -a "$RES" >&2 || true
  say '```'
fi
echo "results: $RES" >&2
