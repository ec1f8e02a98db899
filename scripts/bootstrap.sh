#!/usr/bin/env bash
# Installs what Archive's local runs and tests need beyond the .NET SDK and Node.js:
# Azurite, pinned in package.json / package-lock.json. Idempotent: does nothing when already installed.
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
