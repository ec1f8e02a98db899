#!/usr/bin/env bash
# The main job: starts Azurite, a local page server for seeds/ and the Functions app (local runner) on 127.0.0.1,
# archives the seed article through the API, and prints what was archived.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
dotnet build src/Archive.Cli -c Release -nologo -v q -clp:ErrorsOnly
exec dotnet src/Archive.Cli/bin/Release/net10.0/archive.dll demo "$@"
