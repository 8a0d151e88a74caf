#!/usr/bin/env bash
# The browser for the end-to-end tests (tests/test_browser.py): Debian's chromium, driven by
# the playwright Python package. No Playwright browser download (that needs the network and
# its own CDN); the tests skip cleanly when /usr/bin/chromium is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  /usr/bin/chromium --version
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup-browser: run as root, or: sudo apt-get update && sudo apt-get install -y chromium" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
