#!/usr/bin/env bash
# `npm run test:faults`: the fault suite (docs/reliability.md). Starts a Kafka broker and a PostgreSQL
# cluster of its own (ports 19092 and 15432, data under .data/kafka-faults and .data/pg-faults, both
# wiped first) so that the scenarios may kill and restart them without disturbing the machine's shared
# servers or other test runs; runs the Jest project `faults` (*.fault|fuzz|security.spec.ts) in band;
# prints the summary table from tmp/faults-run/*.json; stops what it started.
#   --docs       rewrite the figures table in docs/reliability.md even when a scenario failed
#   --no-docs    never rewrite it (by default it is rewritten only when every scenario passed)
#   any other argument goes to Jest (e.g. --testPathPatterns crash)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
docs=auto
jest_args=()
for arg in "$@"; do
  case "$arg" in
    --docs) docs=always ;;
    --no-docs) docs=never ;;
    *) jest_args+=("$arg") ;;
  esac
done
log() { printf '\n== %s\n' "$*"; }

export FAULTS_KAFKA_PORT="${FAULTS_KAFKA_PORT:-19092}"
export FAULTS_KAFKA_DATA_DIR="${FAULTS_KAFKA_DATA_DIR:-$repo/.data/kafka-faults}"
export FAULTS_PG_PORT="${FAULTS_PG_PORT:-15432}"
export FAULTS_PG_DATA="${FAULTS_PG_DATA:-$repo/.data/pg-faults}"
# fd 9 holds the run lock (below); the servers must not inherit it, or the lock would outlive the run.
kafka() { KAFKA_PORT="$FAULTS_KAFKA_PORT" KAFKA_DATA_DIR="$FAULTS_KAFKA_DATA_DIR" KAFKA_HEAP="${FAULTS_KAFKA_HEAP:-512m}" bash tools/kafka/kafka.sh "$@" 9>&-; }
pg() { bash tools/faults/pg.sh "$@" 9>&-; }

# One run at a time per checkout: a second run would stop and wipe the first one's servers.
mkdir -p "$repo/.data"
exec 9>"$repo/.data/faults-run.lock"
if ! flock -n 9; then
  log "another fault-suite run holds .data/faults-run.lock; waiting for it to finish"
  flock 9
fi

cleanup() {
  kafka stop >/dev/null 2>&1 || true
  pg stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$SECONDS
log "fault suite: dedicated Kafka on 127.0.0.1:$FAULTS_KAFKA_PORT and PostgreSQL on 127.0.0.1:$FAULTS_PG_PORT"
# Leftovers of an interrupted run of this suite (same data directories) are ours to stop.
kafka stop >/dev/null 2>&1 || true
pg stop >/dev/null 2>&1 || true
# A port still answering belongs to someone else: restarting it would disturb them.
if (exec 3<>"/dev/tcp/127.0.0.1/$FAULTS_KAFKA_PORT") 2>/dev/null; then echo "127.0.0.1:$FAULTS_KAFKA_PORT is in use; set FAULTS_KAFKA_PORT" >&2; exit 1; fi
if (exec 3<>"/dev/tcp/127.0.0.1/$FAULTS_PG_PORT") 2>/dev/null; then echo "127.0.0.1:$FAULTS_PG_PORT is in use; set FAULTS_PG_PORT" >&2; exit 1; fi
rm -rf "$FAULTS_KAFKA_DATA_DIR" "$FAULTS_PG_DATA"
kafka start
pg start

export KAFKA_BROKERS="127.0.0.1:$FAULTS_KAFKA_PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$FAULTS_PG_PORT/postgres"
export FLEETTWIN_FAULT_SUITE=1
# This run's figures (recordFaultResult); specs run by hand meanwhile write to tmp/faults instead.
export FLEETTWIN_FAULT_RESULTS_DIR="$repo/tmp/faults-run"
mkdir -p tmp
rm -rf "$FLEETTWIN_FAULT_RESULTS_DIR" tmp/jest-faults.json

status=0
log "fault scenarios (jest project faults, in band)"
npx jest --selectProjects faults --runInBand --forceExit --json --outputFile=tmp/jest-faults.json ${jest_args[@]+"${jest_args[@]}"} 9>&- || status=1

log "fault suite summary ($((SECONDS - started)) s)"
summary_args=(tmp/jest-faults.json)
# A partial run (Jest arguments given) would drop the other scenarios' rows: only with --docs.
if [ "$docs" = always ] || { [ "$docs" = auto ] && [ "$status" = 0 ] && [ ${#jest_args[@]} = 0 ]; }; then summary_args+=(--write-docs docs/reliability.md); fi
FAULTS_SUITE_SECONDS=$((SECONDS - started)) node -r @swc-node/register tools/faults/src/summary.ts "${summary_args[@]}" || status=1
exit $status
