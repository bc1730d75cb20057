#!/usr/bin/env bash
# Runs every test: installs what the tests need when missing (PostgreSQL, RabbitMQ and Redis binaries, the npm
# packages of the cross-language consumer test and of the benchmark's BullMQ peer), then the whole suite. Extra
# arguments go to dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-dependencies.sh
exec dotnet test TaskCenter.slnx "$@"
