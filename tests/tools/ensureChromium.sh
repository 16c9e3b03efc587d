#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium (never a browser downloaded by Playwright).
# Droid Sans Fallback (1.8 MB) draws Chinese, Japanese and Korean text, as a desktop would.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core fonts-droid-fallback >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chromium. Install it with:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at an existing Chromium or Chrome binary.
MSG
exit 1
