#!/usr/bin/env bash
# Single requests against a running `parley serve` (not a test): each URL three times in a row,
# printing the time of each (curl `time_total`, seconds), so that a cold first request and warm
# repeats show. With OUT set, the body of each URL is saved there (one file per URL) to compare
# the answers of two builds. With SERVER_PID set (the server's process id), also the server's CPU
# time per request (user + system, from /proc, mean of 5 more requests): steadier than wall time
# on a shared machine.
#
#   bash bench/web/single.sh 127.0.0.1:18731
#   OUT=/tmp/answers-v6 bash bench/web/single.sh 127.0.0.1:18731
#   SERVER_PID=$(pgrep -n parley) bash bench/web/single.sh 127.0.0.1:18731
set -euo pipefail
ADDR=${1:-127.0.0.1:18731}
URLS=(
    "/api/stats"
    "/api/stats?since=2000-01-01&until=2025-12-31"
    "/api/stats?since=2020-01-15&until=2021-06-20"
    "/api/stats?type=call&since=2015-06-01"
    "/api/stats?actor=Actor%20007"
    "/api/timeline?since=2000-01-01&until=2025-12-31"
    "/api/timeline?since=2020-01-15&until=2021-06-20&granularity=month"
    "/api/timeline?actor=Actor%20007"
    "/"
    "/network"
    "/network?since=2000-01-01&until=2025-12-31"
    "/network?since=2020-01-01&until=2020-12-31"
    "/network?since=2020-01-15&until=2021-06-20"
    "/api/pairs?since=2000-01-01&until=2025-12-31"
    "/api/pairs?since=2020-01-01&until=2020-12-31"
    "/timeline?actor=Actor%20007"
    "/timeline?actor=Actor%20007&since=2020-01-01&until=2020-12-31"
    "/timeline?actor=Actor%20350"
    "/timeline?actor=Actor%20003&with=Actor%20011"
    "/timeline?since=2000-01-01&until=2025-12-31"
    "/timeline?country=XHA"
    "/api/events?limit=50"
    "/api/events?type=call&since=2015-06-01&limit=50"
    "/api/events?actor=Actor%20007&limit=50"
    "/api/events?actor=Actor%20007&since=2020-01-01&limit=50"
    "/api/events?actor=Actor%20003&with=Actor%20011&limit=50"
    "/api/events?actor=Actor%20007&with=Actor%20350&limit=50"
    "/api/events?actor=Actor%2035&limit=50"
    "/api/events?country=XHA&limit=50"
    "/api/events?topic=energy&limit=50"
    "/search?actor=Actor%20007&type=call"
)
[ -n "${OUT:-}" ] && mkdir -p "$OUT"
for u in "${URLS[@]}"; do
    times=()
    for _ in 1 2 3; do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' "http://$ADDR$u")")
    done
    cpu=""
    if [ -n "${SERVER_PID:-}" ]; then
        ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
        t0=$(ticks)
        for _ in 1 2 3 4 5; do curl -s -o /dev/null "http://$ADDR$u"; done
        t1=$(ticks)
        cpu=" cpu $(( (t1 - t0) * 1000 / $(getconf CLK_TCK) / 5 )) ms"
    fi
    printf '%-66s %s%s\n' "$u" "${times[*]}" "$cpu"
    if [ -n "${OUT:-}" ]; then
        curl -s "http://$ADDR$u" >"$OUT/$(printf '%s' "$u" | tr -c 'A-Za-z0-9' '_')"
    fi
done
