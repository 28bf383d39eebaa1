#!/usr/bin/env bash
# Tests of the Python package (python/) and the Spark jobs (spark/), run by CI after the cargo
# tests. Idempotent: it (re)uses the venv python/.venv, installs what the tests need into it,
# builds the wheel with maturin (release), installs it, checks that `pip install ./python` works
# in a fresh venv (import and a smoke extraction), runs pytest, then runs the Spark job in
# local[2] mode (mapInArrow -> Parquet, and RDD.pipe through the parley binary) on a generated
# corpus and checks that both give exactly what `parley extract --format jsonl` gives.
#
# Environment: PYTHON (the interpreter to make the venv with), PARLEY_BIN (the CLI to compare
# with; default target/release/parley, built when missing or older than the sources),
# PARLEY_PY_TARGET (cargo target dir of the extension; default target, shared with the workspace
# build so that the dependencies already compiled there are reused instead of built a second time).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { echo; echo "== python: $*"; }
t0=$SECONDS

# --- tools: a venv with maturin, pytest, pandas, pyarrow, pyspark; Java for Spark -------------
step "venv python/.venv"
# pip's wheel cache would hold a second copy of pyspark (~300 MB) on CI's disk; nothing reuses it.
export PIP_NO_CACHE_DIR=1
df -h . | tail -1 | awk '{print "disk: " $4 " free of " $2}'
py=${PYTHON:-$(command -v python3 || true)}
[ -n "$py" ] || { echo "test-python: no python3 found (set PYTHON)" >&2; exit 1; }
venv=$root/python/.venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
  rm -rf "$venv"
  "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
fi
vpy=$venv/bin/python
# pandas < 3: PySpark 4.x does not support pandas 3 yet. Already-satisfied requirements do not touch the network, so a second run is quick.
"$vpy" -m pip install -q "maturin>=1.7,<2" "pytest>=7" "pandas>=1.5,<3" "pyarrow>=14" "pyspark>=3.5,<5"
"$vpy" -c 'import maturin, pytest, pandas, pyarrow, pyspark; print("python", __import__("sys").version.split()[0], "pyspark", pyspark.__version__, "pyarrow", pyarrow.__version__, "pandas", pandas.__version__)'

if ! command -v java >/dev/null 2>&1; then
  # PySpark needs a JVM (17 or later); Debian's package is the project's way to get one.
  echo "test-python: no java on PATH: installing openjdk-17-jre-headless" >&2
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless
fi
java -version 2>&1 | head -1

# Sources edited while the CLI and the wheel build (a shared working tree) would make them
# differ; CI's clone does not change, but say so when it happens.
stamp=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$work" "$stamp"' EXIT

# --- the CLI to compare with ---------------------------------------------------------------------
step "parley CLI"
bin=${PARLEY_BIN:-$root/target/release/parley}
if [ -z "${PARLEY_BIN:-}" ]; then
  if [ ! -x "$bin" ] || [ -n "$(find crates data Cargo.toml Cargo.lock -newer "$bin" -type f 2>/dev/null | head -1)" ]; then
    cargo build --release -p parley-cli --locked
  fi
fi
[ -x "$bin" ] || { echo "test-python: $bin is missing" >&2; exit 1; }
export PARLEY_BIN=$bin
echo "comparing with $bin"

# --- the wheel -----------------------------------------------------------------------------------
step "wheel (maturin build --release)"
export CARGO_TARGET_DIR=${PARLEY_PY_TARGET:-$root/target}
wheels=$CARGO_TARGET_DIR/wheels
rm -rf "$wheels"
(cd python && "$venv/bin/maturin" build --release --locked -q -o "$wheels")
wheel=$(ls "$wheels"/parley-*.whl)
"$vpy" -m pip install -q --force-reinstall --no-deps "$wheel"
echo "installed $(basename "$wheel")"
if [ -n "$(find crates data -newer "$stamp" -type f 2>/dev/null | head -1)" ]; then
  echo "test-python: warning: files under crates/ or data/ changed during the builds; the CLI and the wheel may differ: run again" >&2
fi

# --- pip install ./python -----------------------------------------------------------------------
step "pip install ./python into a fresh venv (what a user of a checkout runs)"
# pip builds the package through its PEP 517 backend (maturin, fetched by pip into an isolated
# build environment as pyproject.toml's build-system asks) in release mode; CARGO_TARGET_DIR
# (exported above) makes cargo reuse the wheel build's artifacts instead of starting cold.
"$vpy" -m venv "$work/pip-venv"
pvpy=$work/pip-venv/bin/python
"$pvpy" -m pip install -q --upgrade pip
ts=$SECONDS
"$pvpy" -m pip install -q ./python
echo "pip install ./python: $((SECONDS - ts)) s"
# Run from elsewhere so that `import parley` is the installed package, not python/parley.
(cd "$work" && "$pvpy" - <<'PY'
import parley
assert parley.__file__.endswith("site-packages/parley/__init__.py"), parley.__file__
evs = parley.extract("Vladimir Putin called Ilham Aliyev on Monday.", "2024-09-04", "smoke")
assert len(evs) == 1, evs
e = evs[0]
assert e["type"] == "call" and e["date"]["value"] == "2024-09-02", e
assert [p["name"] for p in e["participants"]] == ["Vladimir Putin", "Ilham Aliyev"], e
assert parley.CSV_COLUMNS[:2] == ["doc", "event_id"], parley.CSV_COLUMNS
print(f"parley {parley.__version__} from {parley.__file__}: smoke extraction ok")
PY
)
rm -rf "$work/pip-venv"

# --- pytest --------------------------------------------------------------------------------------
step "pytest python/tests"
# Run from the tests directory so `import parley` is the installed wheel, not python/parley.
(cd python/tests && "$vpy" -m pytest -q -p no:cacheprovider .)

# --- Rust unit tests of the extension's glue ----------------------------------------------------
step "cargo test (python/, the glue over the shared input crate (parley-input))"
# Outside maturin the extension links libpython: point the loader at the venv's base Python.
libdir=$("$vpy" -c 'import sysconfig; print(sysconfig.get_config_var("LIBDIR") or "")')
(cd python && LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" PYO3_PYTHON="$vpy" \
  cargo test --release --locked -q)

# --- Spark ---------------------------------------------------------------------------------------
step "Spark jobs in local[2] on a generated corpus"
"$vpy" spark/make_corpus.py --out "$work/corpus.jsonl"
"$bin" extract --format jsonl --input "$work/corpus.jsonl" > "$work/cli.jsonl"
echo "parley extract --format jsonl: $(wc -l < "$work/cli.jsonl") events"
export PYSPARK_PYTHON=$vpy PYSPARK_DRIVER_PYTHON=$vpy
# Fewer shuffle partitions and no UI: a small local job starts faster.
export PYSPARK_SUBMIT_ARGS="--conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=2 pyspark-shell"
ts=$SECONDS
"$vpy" spark/parley_spark.py --master 'local[2]' --partitions 4 --input "$work/corpus.jsonl" --output "$work/events-parquet" 2> "$work/spark-arrow.log" \
  || { tail -40 "$work/spark-arrow.log" >&2; echo "test-python: the mapInArrow job failed" >&2; exit 1; }
echo "mapInArrow job: $((SECONDS - ts)) s, $(find "$work/events-parquet" -name '*.parquet' | wc -l) Parquet files"
ts=$SECONDS
"$vpy" spark/parley_spark.py --master 'local[2]' --partitions 4 --mode pipe --parley "$bin" --input "$work/corpus.jsonl" --output "$work/events-pipe" 2> "$work/spark-pipe.log" \
  || { tail -40 "$work/spark-pipe.log" >&2; echo "test-python: the RDD.pipe job failed" >&2; exit 1; }
echo "RDD.pipe job: $((SECONDS - ts)) s"
"$vpy" spark/check_output.py --corpus "$work/corpus.jsonl" --cli "$work/cli.jsonl" \
  --parquet "$work/events-parquet" --pipe "$work/events-pipe"

echo
echo "test-python: all checks passed in $((SECONDS - t0)) s"
