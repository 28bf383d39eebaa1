#!/usr/bin/env bash
# Load benchmark of the events API of `parley serve` (not a test): generates a store of
# EVENTS synthetic merged events (default 1,000,000; once, under bench/out/, which git ignores),
# starts the release server on loopback, and runs the load generator
# (crates/parley-web/examples/loadgen.rs) against a mix of /api/events queries.
#
#   bash bench/web/run.sh
#   EVENTS=200000 CONNS=16 SECS=10 bash bench/web/run.sh
#
# Server and load generator share the machine: the figures are a floor for a dedicated server.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/bench/out"
EVENTS=${EVENTS:-1000000}
CONNS=${CONNS:-32}
SECS=${SECS:-20}
PORT=${PORT:-18731}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
mkdir -p "$OUT"
DB="$OUT/web-$EVENTS.db"

cargo build --release -p parley-cli -p parley-web --examples --bins >&2
BIN="$CARGO_TARGET_DIR/release"

if [ ! -f "$DB" ]; then
    "$BIN/examples/gen_store" "$DB" "$EVENTS"
fi

# A store made by an older parley is migrated here, once (v5 -> v6: 34 s on the 1M store).
"$BIN/parley" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>"$OUT/web-serve.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/api/stats?type=call" >/dev/null 2>&1 && break
    sleep 0.2
done

echo "store: $EVENTS events ($(du -h "$DB" | cut -f1)); $CONNS connections, ${SECS}s per run; $(nproc) cores shared by server and load generator"
run() {
    local name=$1; shift
    printf '%-28s ' "$name"
    "$BIN/examples/loadgen" "127.0.0.1:$PORT" "$CONNS" "$SECS" "$@"
}
# A cursor deep into the store, to time a later page.
CURSOR=$(curl -fs "http://127.0.0.1:$PORT/api/events?since=2019-06-01&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
run "first page (limit=50)" "/api/events?limit=50"
run "deep page (cursor)" "/api/events?limit=50&cursor=$CURSOR"
run "type+since filter" "/api/events?type=call&since=2015-06-01&limit=50"
run "actor filter" "/api/events?actor=Actor%20007&limit=50"
run "pair filter" "/api/events?actor=Actor%20003&with=Actor%20011&limit=50"
run "mix of the above" "/api/events?limit=50" "/api/events?limit=50&cursor=$CURSOR" \
    "/api/events?type=call&since=2015-06-01&limit=50" "/api/events?actor=Actor%20007&limit=50" \
    "/api/events?actor=Actor%20003&with=Actor%20011&limit=50" "/api/events/$(echo "$CURSOR" | cut -d'~' -f2)"
echo "single requests (three in a row, seconds; server CPU per request; bench/web/single.sh):"
SERVER_PID=$SERVER bash "$ROOT/bench/web/single.sh" "127.0.0.1:$PORT"
