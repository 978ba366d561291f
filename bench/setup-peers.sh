#!/usr/bin/env bash
# Installs the peer tools the bench compares against (never run in CI): pa11y-ci from npm, using
# the system Chromium instead of the browser Puppeteer would download.
set -euo pipefail
cd "$(dirname "$0")"
PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix peers --no-audit --no-fund --no-save --silent pa11y-ci@4.1.1
echo "pa11y-ci: $(peers/node_modules/.bin/pa11y-ci --version)"
