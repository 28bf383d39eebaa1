#!/usr/bin/env bash
# Installs what the browser tests of `parley serve` need: Debian's chromium and its WebDriver
# (chromium-driver). Idempotent: does nothing when both are already there. Never downloads a
# browser of its own: the tests drive the distribution's chromium through chromedriver.
set -euo pipefail

have() { command -v "$1" >/dev/null 2>&1; }

if have chromedriver && { have chromium || have chromium-browser; }; then
    echo "setup-browser: chromium and chromedriver already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if have sudo; then SUDO="sudo"; else
        echo "setup-browser: need root (or sudo) to install chromium with apt-get" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
echo "setup-browser: installed $(chromium --version 2>/dev/null || echo chromium) and $(chromedriver --version 2>/dev/null | head -1)"
