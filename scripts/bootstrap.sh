#!/usr/bin/env bash
# Installs what Archive's local runs and tests need beyond the .NET SDK and Node.js:
# Azurite, pinned in package.json / package-lock.json, Debian's Chromium for the browser tests, and ReplayWeb.page's
# prebuilt client for the replay tests (in tools/, git-ignored).
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

# The replay tests open exported WACZ packages in ReplayWeb.page (Webrecorder's replay client). Its npm package cannot
# be installed with its dependencies here, and needs none: the prebuilt ui.js, sw.js and index.html are the client.
# The tarball is fetched with npm pack, checked against the integrity hash pinned below, and only those files kept.
replay_version=2.5.3
replay_integrity="sha512-nCj2PSON3BxeSJKE8AsYPyULv0XPZKJWfy4l9PyQre9SqwLZ+WKZVs/sfLqPOQ4GrH+0YkjbwOhr8cSTH08gsQ=="
replay_dir=tools/replaywebpage-$replay_version
if [ ! -f "$replay_dir/.integrity" ] || [ "$(cat "$replay_dir/.integrity")" != "$replay_integrity" ]; then
  echo "bootstrap: fetching ReplayWeb.page $replay_version for the replay tests (npm pack)..."
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  npm pack "replaywebpage@$replay_version" --pack-destination "$work" --loglevel=error >/dev/null
  tarball="$work/replaywebpage-$replay_version.tgz"
  got="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tarball")"
  if [ "$got" != "$replay_integrity" ]; then
    echo "bootstrap: replaywebpage-$replay_version.tgz has integrity $got, expected $replay_integrity; not using it" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$work" package/ui.js package/sw.js package/index.html package/LICENSE
  rm -rf "$replay_dir"
  mkdir -p "$replay_dir"
  mv "$work"/package/{ui.js,sw.js,index.html,LICENSE} "$replay_dir"/
  echo "$replay_integrity" > "$replay_dir/.integrity"
fi
