#!/usr/bin/env bash
# parley extraction speed: builds the release binary, generates the benchmark corpus (once, under
# bench/out/, which git ignores), times `parley extract --format jsonl` at 1 and 2 threads, records
# peak RSS, and profiles a 2 MB sample to list where the time goes. Results: bench/out/results.md.
#
#   bash bench/run.sh                 # 60 MB corpus, 3 timed runs per thread count
#   SIZE_MB=10 RUNS=1 bash bench/run.sh
#   PROFILE=0 bash bench/run.sh       # skip the profile
#   TIMING=0 bash bench/run.sh        # skip the timed runs (profile / criterion only)
#   CRITERION=1 bash bench/run.sh     # also run the criterion bench (crates/parley-core/benches)
#   SHARE=0.1 bash bench/run.sh       # a realistic news mix: 10% of documents diplomatic (the
#                                     # default corpus is dense: 42% of documents, 20% of sentences)
#   bash bench/spacy.sh               # the spaCy baseline on a sample of the same generator
#
# Tools: hyperfine if present (apt-get install -y hyperfine), else GNU time; perf if it works here,
# else valgrind --tool=callgrind. MB = 10^6 bytes of article text (the "text" field).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/bench/out"
SIZE_MB=${SIZE_MB:-60}
RUNS=${RUNS:-3}
THREADS=${THREADS:-"1 2"}
PROFILE=${PROFILE:-1}
TIMING=${TIMING:-1}
CRITERION=${CRITERION:-0}
# Share of diplomatic documents (gen_corpus.py --diplomatic-share); empty: the generator's default.
SHARE=${SHARE:-}
SUFFIX=${SHARE:+-share$SHARE}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target-bench}
mkdir -p "$OUT"
RES="$OUT/results.md"

say() { printf '%s\n' "$*" | tee -a "$RES"; }

echo "== building the release binary (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)" >&2
(cd "$ROOT" && cargo build --release -p parley-cli >&2)
BIN="$CARGO_TARGET_DIR/release/parley"

SHARE_ARGS=()
if [[ -n "$SHARE" ]]; then SHARE_ARGS=(--diplomatic-share "$SHARE"); fi
CORPUS="$OUT/corpus-${SIZE_MB}mb$SUFFIX.jsonl"
STATS="$OUT/corpus-${SIZE_MB}mb$SUFFIX.stats.json"
if [[ ! -s "$CORPUS" || ! -s "$STATS" ]]; then
  echo "== generating $CORPUS" >&2
  python3 "$ROOT/bench/gen_corpus.py" --size-mb "$SIZE_MB" "${SHARE_ARGS[@]}" --out "$CORPUS" --stats "$STATS"
fi
SAMPLE="$OUT/sample-2mb$SUFFIX.jsonl"
if [[ ! -s "$SAMPLE" ]]; then
  python3 "$ROOT/bench/gen_corpus.py" --size-mb 2 --seed 99 "${SHARE_ARGS[@]}" --out "$SAMPLE" --stats "$OUT/sample-2mb$SUFFIX.stats.json"
fi

stat_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$STATS" "$1"; }
TEXT_BYTES=$(stat_field text_bytes)
FILE_BYTES=$(stat_field jsonl_bytes)
DOCS=$(stat_field documents)
FILLER=$(stat_field filler_share)
DIPLO=$(stat_field diplomatic_documents)

: > "$RES"
say "# parley extraction benchmark — $(date -u +%Y-%m-%dT%H:%MZ)"
say ""
say "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
say "- rustc: $(rustc --version); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD -- crates 2>/dev/null || echo ' (+ uncommitted changes under crates/)')"
say "- corpus: $CORPUS — $DOCS documents ($DIPLO diplomatic), $TEXT_BYTES bytes of text ($FILE_BYTES bytes of JSONL), filler sentences $FILLER"
say ""

if [[ "$TIMING" == 1 ]]; then
EVENTS=$("$BIN" extract --format jsonl --input "$CORPUS" --threads 2 | wc -l)
say "- events extracted from the corpus: $EVENTS"
say ""
say "- load average before timing (other work on the machine inflates wall time; CPU time is steadier): $(cut -d' ' -f1-3 /proc/loadavg)"
say ""
say "| threads | wall s (mean ± sd) | CPU s (user+sys) | MB/s text (wall) | MB/s per core (wall / threads) | MB/s per CPU-second | MB/s JSONL (wall) | peak RSS MB |"
say "|---|---|---|---|---|---|---|---|"

for T in $THREADS; do
  CMD="$BIN extract --format jsonl --input $CORPUS --threads $T"
  if command -v hyperfine >/dev/null; then
    hyperfine --runs "$RUNS" --warmup 0 --export-json "$OUT/hyperfine-t$T.json" "$CMD" >&2
    read -r MEAN SD CPU < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["stddev"] or 0, r["user"] + r["system"])' "$OUT/hyperfine-t$T.json")
  else
    MEAN=""; SD=0; CPU=""
  fi
  # Peak RSS (and the wall time when hyperfine is missing) from GNU time.
  /usr/bin/time -v -o "$OUT/time-t$T.txt" $CMD > /dev/null
  RSS_KB=$(awk -F': ' '/Maximum resident set size/{print $2}' "$OUT/time-t$T.txt")
  if [[ -z "$MEAN" ]]; then
    MEAN=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$OUT/time-t$T.txt")
    CPU=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$OUT/time-t$T.txt")
  fi
  python3 - "$T" "$MEAN" "$SD" "$CPU" "$TEXT_BYTES" "$FILE_BYTES" "$RSS_KB" <<'EOF' | tee -a "$RES"
import sys
t, mean, sd, cpu = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
tb, fb, rss = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
mbs = tb / 1e6 / mean
print("| %d | %.2f ± %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f |" % (t, mean, sd, cpu, mbs, mbs / t, tb / 1e6 / cpu, fb / 1e6 / mean, rss / 1024))
EOF
done
say ""
say "Target: 50 MB/s per core of plain text."
fi

# Below, `head` closes pipes early on purpose: no pipefail.
set +o pipefail

if [[ "$PROFILE" == 1 ]]; then
  say ""
  say "## Profile: $SAMPLE, --threads 1"
  PCMD=("$BIN" extract --format jsonl --input "$SAMPLE" --threads 1)
  if command -v perf >/dev/null && perf record -o "$OUT/perf-probe.data" -q true >/dev/null 2>&1; then
    # Self time per function (flat), then inclusive time with DWARF call graphs (release has debug=1).
    perf record -q -F 2000 -o "$OUT/perf-flat.data" "${PCMD[@]}" > /dev/null 2>&1
    say ""
    say "### perf: self time (top 30)"
    say '```'
    perf report -i "$OUT/perf-flat.data" --no-children --sort symbol --stdio 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | head -30 | cut -c1-180 | tee -a "$RES"
    say '```'
    perf record -q -F 1000 --call-graph dwarf,32768 -o "$OUT/perf-graph.data" "${PCMD[@]}" > /dev/null 2>&1
    say ""
    say "### perf: inclusive time (children), parley functions (top 40)"
    say '```'
    perf report -i "$OUT/perf-graph.data" --children --sort symbol --stdio -g none 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | grep -E 'parley_|parley::(input|extract|main)|try_find_fwd |search_half|holders' | head -40 | cut -c1-180 | tee -a "$RES"
    say '```'
  elif command -v valgrind >/dev/null; then
    valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" "${PCMD[@]}" > /dev/null 2>&1
    say ""
    say "### callgrind: inclusive instructions (top 40)"
    say '```'
    callgrind_annotate --inclusive=yes "$OUT/callgrind.out" 2>/dev/null | head -60 | cut -c1-180 | tee -a "$RES"
    say '```'
  else
    say "(no perf or valgrind: profile skipped)"
  fi
fi

if [[ "$CRITERION" == 1 ]]; then
  say ""
  say "## criterion (crates/parley-core/benches/extract.rs)"
  say '```'
  (cd "$ROOT" && cargo bench -p parley-core --bench extract 2>&1) \
    | grep -E '^(extract|stages|lexicon)|time:|thrpt:|bench corpus' | tee -a "$RES"
  say '```'
fi
echo "== results in $RES" >&2
