#!/usr/bin/env bash
# Tests of `parley serve` (crates/parley-web): the HTTP tests (no browser) and the browser tests
# (Debian's chromium, headless, through chromedriver). CI calls this after the cargo tests.
#
#   bash scripts/test-web.sh              # installs chromium + chromedriver if missing (root/sudo)
#   SETUP=0 bash scripts/test-web.sh      # do not install; the browser test skips (fails under CI=true)
#
# Screenshots: $PARLEY_SCREENSHOTS, default bench/out/web-screenshots/ (git ignores bench/out/).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
export PARLEY_SCREENSHOTS=${PARLEY_SCREENSHOTS:-$ROOT/bench/out/web-screenshots}

if [ "${SETUP:-1}" = "1" ]; then
    bash "$ROOT/scripts/setup-browser.sh"
fi

# The browser test must not silently skip in CI.
if [ "${CI:-}" = "true" ] && ! command -v chromedriver >/dev/null 2>&1; then
    echo "test-web: CI=true but chromedriver is missing (scripts/setup-browser.sh installs it)" >&2
    exit 1
fi

cargo test --release -p parley-web --locked -- --test-threads=2
echo "test-web: screenshots in $PARLEY_SCREENSHOTS:"
ls "$PARLEY_SCREENSHOTS"
