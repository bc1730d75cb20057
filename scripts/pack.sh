#!/usr/bin/env bash
# Packs what TaskCenter ships on NuGet — the SDK (TaskCenter.Client), its RabbitMQ consumer (TaskCenter.Client.RabbitMq),
# its push receiver for ASP.NET Core (TaskCenter.Client.AspNetCore) and the taskcenter tool (TaskCenter.Cli) — in
# Release, each with its symbols (.snupkg), into one folder that serves as a local package source.
# Usage: scripts/pack.sh [FOLDER] [dotnet pack options...]; FOLDER defaults to artifacts/packages (ignored by git),
# e.g. scripts/pack.sh artifacts/packages --version-suffix preview.1
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(realpath -m "${1:-$repo/artifacts/packages}")"
[ $# -gt 0 ] && shift

for project in TaskCenter.Client TaskCenter.Client.RabbitMq TaskCenter.Client.AspNetCore TaskCenter.Cli; do
  dotnet pack "$repo/src/$project" --configuration Release --output "$out" "$@"
done
echo "Packages in $out"
