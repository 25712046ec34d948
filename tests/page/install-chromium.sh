#!/usr/bin/env bash
# Installs Debian's chromium for the live page's browser tests (tests/ChatMock.Page.Tests): Playwright's own browser
# download is out of reach, so the tests launch this one by its path. Prints the path. Idempotent.
# Usage: bash tests/page/install-chromium.sh   (as root, or with sudo without a password)
set -euo pipefail

find_chromium() {
  if [ -n "${CHATMOCK_CHROMIUM:-}" ] && [ -x "$CHATMOCK_CHROMIUM" ]; then echo "$CHATMOCK_CHROMIUM"; return 0; fi
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/lib/chromium/chromium; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

if path=$(find_chromium); then
  echo "chromium: $path"
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "chromium: not installed, and installing it needs root (apt-get install -y chromium)" >&2; exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "chromium: installing Debian's chromium..."
$sudo apt-get install -y chromium >/dev/null 2>&1 \
  || { $sudo apt-get update >/dev/null 2>&1 && $sudo apt-get install -y chromium >/dev/null; }

path=$(find_chromium) || { echo "chromium: apt-get installed no chromium executable" >&2; exit 1; }
echo "chromium: $path ($("$path" --version 2>/dev/null | head -n 1))"
