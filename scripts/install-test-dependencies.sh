#!/usr/bin/env bash
# Installs what the test suite needs beside the .NET SDK, when missing: PostgreSQL 15, RabbitMQ and Redis server
# binaries, Chromium for the dashboard's browser tests and wrk for the benchmark's HTTP add (Debian packages; the
# tests start their own servers on loopback and never use the system services), the npm packages of the
# cross-language consumer test, of the webhook signature test and of the benchmark's BullMQ peer. Safe to run again.
# Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/sbin/rabbitmq-server ] || [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
command -v chromium >/dev/null || missing+=(chromium)
command -v wrk >/dev/null || missing+=(wrk)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} from Debian's packages"
  # Installing must not start the system services: the tests run their own servers.
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  $sudo rm -f /usr/sbin/policy-rc.d
fi

if [ -f tests/interop/node/package.json ] && [ ! -d tests/interop/node/node_modules ]; then
  (cd tests/interop/node && npm install --no-audit --no-fund --silent)
fi

# npm writes node_modules/.package-lock.json last: without it an install is missing or was cut short.
if [ -f tests/interop/webhooks/package-lock.json ] && [ ! -f tests/interop/webhooks/node_modules/.package-lock.json ]; then
  (cd tests/interop/webhooks && npm ci --no-audit --no-fund --silent)
fi

# npm writes node_modules/.package-lock.json last: without it an install is missing or was cut short.
if [ -f bench/bullmq/package-lock.json ] && [ ! -f bench/bullmq/node_modules/.package-lock.json ]; then
  (cd bench/bullmq && npm ci --no-audit --no-fund --silent)
fi
