#!/usr/bin/env bash
# Installs what Archive's local runs and tests need beyond the .NET SDK and Node.js:
# Azurite, pinned in package.json / package-lock.json, and Debian's Chromium for the browser tests.
# Idempotent: does nothing when already installed.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "bootstrap: the .NET 10 SDK is required (dotnet not found)" >&2; exit 1; }
command -v node >/dev/null || { echo "bootstrap: Node.js is required (node not found)" >&2; exit 1; }

stamp=node_modules/.archive-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -x node_modules/.bin/azurite ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "bootstrap: installing Azurite (npm ci)..."
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

# The browser tests drive the system Chromium through Playwright (never Playwright's own browser download). If it
# cannot be installed here, say so and go on: the browser tests then fail with the same reason.
if [ ! -x /usr/bin/chromium ]; then
  echo "bootstrap: installing Chromium for the browser tests (apt-get install chromium)..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  if ! { $sudo_cmd apt-get install -y chromium >/dev/null || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y chromium >/dev/null; }; }; then
    echo "bootstrap: could not install Chromium; the browser tests will fail until /usr/bin/chromium exists" >&2
  fi
fi
