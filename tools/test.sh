#!/usr/bin/env bash
# `npm test`: installs what is missing, starts a local Kafka if none is configured, then runs
# typecheck, lint, unit tests and integration tests against real Kafka, PostgreSQL and MQTT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { printf '\n== %s\n' "$*"; }

log "npm dependencies"
bash tools/scripts/install-deps.sh

started_kafka=0
cleanup() { if [ "$started_kafka" = 1 ]; then bash tools/kafka/kafka.sh stop || true; fi; }
trap cleanup EXIT

if [ -z "${KAFKA_BROKERS:-}" ] && ! { [ -z "${DATABASE_URL:-}" ] && docker info >/dev/null 2>&1; }; then
  if ! bash tools/kafka/kafka.sh status; then
    log "starting the local Kafka broker (tools/kafka)"
    bash tools/kafka/kafka.sh start
    started_kafka=1
  fi
  export KAFKA_BROKERS="127.0.0.1:${KAFKA_PORT:-9092}"
fi
if [ -n "${KAFKA_BROKERS:-}" ] && [ -z "${DATABASE_URL:-}" ]; then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "PostgreSQL is not answering on 127.0.0.1:5432. Start it, or set DATABASE_URL." >&2
    exit 1
  fi
  export DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
fi

mkdir -p tmp
# Leftovers of earlier runs (t-* topics, ft_* databases); FLEETTWIN_KEEP_TEST_DATA=1 skips it on a shared machine.
if [ -n "${KAFKA_BROKERS:-}" ] && [ -z "${FLEETTWIN_KEEP_TEST_DATA:-}" ]; then node -r @swc-node/register tools/scripts/clean-test-namespaces.ts; fi

log "typecheck"
npx tsc -p tsconfig.json --noEmit
log "lint (module boundaries included)"
NX_DAEMON=false npx nx show projects >/dev/null
npx eslint . --max-warnings 0
log "secret scan (tracked files, secretlint)"
npm run -s secrets:scan
log "kubernetes manifests (render, schema-validate, cross-check against the apps)"
npm run -s k8s:check

status=0
log "unit tests"
npx jest --selectProjects unit --json --outputFile=tmp/jest-unit.json || status=1
log "integration tests (real Kafka, PostgreSQL, MQTT)"
npx jest --selectProjects integration --runInBand --forceExit --json --outputFile=tmp/jest-integration.json || status=1

log "fault suite (own Kafka and PostgreSQL: crashes, restarts, poison records, fuzzing, hostile callers; docs/reliability.md)"
bash tools/faults/run.sh --no-docs || status=1

node tools/scripts/jest-summary.js tmp/jest-unit.json tmp/jest-integration.json tmp/jest-faults.json
exit $status
