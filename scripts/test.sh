#!/usr/bin/env bash
# Runs every test of Archive: unit tests, and integration tests against Azurite and local page servers on 127.0.0.1.
# Ends with a plain "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh

echo "test: building (Release)..."
dotnet build Archive.sln -c Release -nologo -v q -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# One test assembly at a time (-m:1): the integration suites each start Azurite, app hosts, page servers and Chromium;
# one at a time they do not compete for a small machine's cores, and the whole run still takes a few minutes.
dotnet test Archive.sln -c Release --no-build --nologo -m:1 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    69, Skipped: ..."
read -r passed failed < <(awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
    END { print p + 0, f + 0 }' "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test: dotnet test exited with $status before reporting failures (see above)" >&2
  failed=1
fi
echo "${passed} passed, ${failed} failed"
exit "$status"
