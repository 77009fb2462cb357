#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) for dev, demo and CI: no Docker needed.
#   tools/kafka/kafka.sh jars     fetch the broker jars from Maven Central (once)
#   tools/kafka/kafka.sh start    format (first time) and start on 127.0.0.1:${KAFKA_PORT:-9092}; waits until it answers
#   tools/kafka/kafka.sh stop     stop it (and wait until it is gone)
#   tools/kafka/kafka.sh status   exit 0 when it answers
#   tools/kafka/kafka.sh run CLASS ARGS...  run a Kafka tool class (e.g. org.apache.kafka.tools.ProducerPerformance)
# Data lives under ${KAFKA_DATA_DIR:-<repo>/.data/kafka} (git-ignored). A second start while it runs is a no-op.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data="${KAFKA_DATA_DIR:-$repo/.data/kafka}"
libs="$here/target/libs"
pidfile="$data/kafka.pid"
heap="${KAFKA_HEAP:-768m}"

log() { printf '[kafka] %s\n' "$*" >&2; }

jars() {
  if [ -f "$libs/.complete" ]; then return 0; fi
  log "fetching Kafka jars from Maven Central (tools/kafka/pom.xml)"
  mvn -B -q -f "$here/pom.xml" package
  touch "$libs/.complete"
}

java_run() { java -Xms128m -Xmx"$heap" -cp "$libs/*" -Dlog4j2.configurationFile="$data/log4j2.properties" "$@"; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

write_config() {
  mkdir -p "$data/logs"
  cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${controller_port}
listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller_port}
advertised.listeners=PLAINTEXT://127.0.0.1:${port}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${data}/logs
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=-1
log.segment.bytes=268435456
num.network.threads=2
num.io.threads=4
PROPS
  cat > "$data/log4j2.properties" <<PROPS
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = ${data}/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.kafka.name = kafka
logger.kafka.level = info
logger.controller.name = org.apache.kafka.controller
logger.controller.level = warn
PROPS
}

start() {
  jars
  if running_pid >/dev/null && answers; then log "already running on 127.0.0.1:$port"; return 0; fi
  if answers; then log "something else answers on 127.0.0.1:$port; using it"; return 0; fi
  write_config
  if [ ! -f "$data/logs/meta.properties" ]; then
    local id; id="$(java_run kafka.tools.StorageTool random-uuid)"
    java_run kafka.tools.StorageTool format -t "$id" -c "$data/server.properties" >/dev/null
    log "formatted storage (cluster id $id) in $data"
  fi
  nohup java -Xms256m -Xmx"$heap" -XX:+UseG1GC -cp "$libs/*" \
    -Dlog4j2.configurationFile="$data/log4j2.properties" \
    kafka.Kafka "$data/server.properties" > "$data/stdout.log" 2>&1 &
  echo $! > "$pidfile"
  wait_ready
}

wait_ready() {
  local deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-90}))
  until answers && grep -q "Kafka Server started" "$data/server.log" 2>/dev/null; do
    if ! running_pid >/dev/null; then log "broker exited; see $data/stdout.log and $data/server.log"; tail -n 30 "$data/stdout.log" >&2 || true; return 1; fi
    if [ $SECONDS -ge $deadline ]; then log "broker did not answer in time; see $data/server.log"; return 1; fi
    sleep 0.5
  done
  log "ready on 127.0.0.1:$port (pid $(cat "$pidfile"), data $data)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then log "not running"; return 0; fi
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || { rm -f "$pidfile"; log "stopped"; return 0; }; sleep 0.5; done
  log "broker did not stop in 30 s; killing"; kill -9 "$pid" 2>/dev/null || true; rm -f "$pidfile"
}

case "${1:-}" in
  jars) jars ;;
  start) start ;;
  stop) stop ;;
  status) answers ;;
  run) shift; jars; mkdir -p "$data"; [ -f "$data/log4j2.properties" ] || write_config; java_run "$@" ;;
  *) echo "usage: $0 jars|start|stop|status|run CLASS ARGS..." >&2; exit 2 ;;
esac
