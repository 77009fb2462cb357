#!/usr/bin/env bash
# `npm run demo`: the whole system on this machine. Installs what is missing, starts Kafka,
# the five services and a simulated fleet streaming over MQTT, prints where to look, and
# stops everything it started on Ctrl-C.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ENGINES="${DEMO_ENGINES:-24}"
RATE="${DEMO_RATE:-0.5}"
demo_dir=".data/demo"
mkdir -p "$demo_dir"
say() { printf '[demo] %s\n' "$*"; }

bash tools/scripts/install-deps.sh
say "building the operations console (apps/console -> dist/console, served by the gateway)"
npx vite build --config apps/console/vite.config.mts --logLevel warn
pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432; start it first." >&2; exit 1; }
(exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null || { echo "No MQTT broker on 127.0.0.1:1883; start Mosquitto first (mosquitto -d)." >&2; exit 1; }

started_kafka=0
if ! bash tools/kafka/kafka.sh status; then bash tools/kafka/kafka.sh start; started_kafka=1; fi

export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
# Each service owns its database: fleettwin_ingest, fleettwin_twin_state, … (created on start).
DB_BASE="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/fleettwin}"
export MQTT_URL="${MQTT_URL:-mqtt://127.0.0.1:1883}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
# The gateway verifies JWTs; in the demo with a secret made for this run (production uses AUTH_JWKS_URL).
export AUTH_DEV_SECRET="${AUTH_DEV_SECRET:-$(openssl rand -hex 32)}"

pids=()
stop_all() {
  say "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$started_kafka" = 1 ]; then bash tools/kafka/kafka.sh stop; fi
}
trap stop_all EXIT
trap "exit 130" INT TERM

declare -A ports=([gateway]=3000 [ingest]=3001 [twin-state]=3002 [predictor]=3003 [maintenance]=3004)
for app in ingest twin-state predictor maintenance gateway; do
  PORT="${ports[$app]}" DATABASE_URL="${DB_BASE}_${app//-/_}" node -r @swc-node/register "apps/$app/src/main.ts" > "$demo_dir/$app.log" 2>&1 &
  pids+=($!)
done
for app in ingest twin-state predictor maintenance gateway; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:${ports[$app]}/health" >/dev/null && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:${ports[$app]}/health" >/dev/null || { echo "$app did not become healthy; see $demo_dir/$app.log" >&2; exit 1; }
  say "$app healthy on http://127.0.0.1:${ports[$app]}"
done

node -r @swc-node/register tools/fleet-sim/src/main.ts stream --engines "$ENGINES" --tenants 2 --rate "$RATE" \
  --transport mqtt --mqtt-url "$MQTT_URL" --topic-root fleet --duration 0 --seed 7 \
  --registry "$demo_dir/registry.json" --ground-truth "$demo_dir/ground-truth.json" > "$demo_dir/fleet-sim.log" 2>&1 &
pids+=($!)

first=""
for _ in $(seq 1 60); do
  first="$(curl -fs "http://127.0.0.1:3002/v1/twins/ESN-100000" >/dev/null && echo ESN-100000 || true)"
  [ -n "$first" ] && break
  first="$(psql -qtA "${DB_BASE}_twin_state" -c 'SELECT asset_id FROM twins ORDER BY asset_id LIMIT 1' 2>/dev/null || true)"
  [ -n "$first" ] && break
  sleep 1
done
cat <<MSG

fleettwin demo is running: $ENGINES simulated engines stream readings over MQTT every $(awk "BEGIN{print 1/$RATE}") s.

  One twin (run it twice and watch values, frames and lastSeq change):
    curl -s http://127.0.0.1:3002/v1/twins/${first:-<assetId>}
  Send a reading yourself:
    curl -s -XPOST http://127.0.0.1:3001/v1/telemetry -H 'content-type: application/json' \\
      -d '{"tenant":"demo","assetId":"MY-ENGINE-1","ts":"$(date -u +%Y-%m-%dT%H:%M:%SZ)","seq":1,"readings":{"egt":640}}'
  Operations console:        http://127.0.0.1:3000/  (development sign-in: tenant airline-a, any role; docs/console.md)
  Through the gateway (JWT, tenant-isolated):
    TOKEN=\$(AUTH_DEV_SECRET=$AUTH_DEV_SECRET node -r @swc-node/register apps/gateway/src/cli/mint-token.ts --tenant airline-a --role planner)
    curl -s -H "authorization: Bearer \$TOKEN" http://127.0.0.1:3000/v1/fleet
  Fleet risk ranking:        curl -s 'http://127.0.0.1:3003/v1/fleet/health?tenant=airline-a'
  Health of every service:  curl -s http://127.0.0.1:3000/health  (ports 3000-3004; gRPC for ERP on 50051)
  Logs (JSON lines):         $demo_dir/*.log

Ctrl-C stops everything the demo started.
MSG
wait "${pids[@]}"
