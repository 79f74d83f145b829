#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft) for development, tests and the demo.
#
#   kafka.sh fetch    resolve the broker jars into lib/ (once; needs Maven)
#   kafka.sh up       format storage if needed, start the broker, wait until it serves requests
#   kafka.sh status   say whether the broker runs and where
#   kafka.sh down     stop the broker cleanly (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT)
#
# Settings (environment): KAFKA_HOST (127.0.0.1), KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT
# (KAFKA_PORT+1), KAFKA_DATA_DIR (deploy/local/data/<port>), KAFKA_START_TIMEOUT (60 s),
# KAFKA_STOP_TIMEOUT (30 s), KAFKA_HEAP (512m).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
lib="$here/lib"
host=${KAFKA_HOST:-127.0.0.1}
port=${KAFKA_PORT:-9092}
controller_port=${KAFKA_CONTROLLER_PORT:-$((port + 1))}
data=${KAFKA_DATA_DIR:-$here/data/$port}
start_timeout=${KAFKA_START_TIMEOUT:-60}
stop_timeout=${KAFKA_STOP_TIMEOUT:-30}
heap=${KAFKA_HEAP:-512m}
pidfile="$data/broker.pid"
logfile="$data/server.log"

die() { echo "kafka: error: $*" >&2; exit 1; }
say() { echo "kafka: $*"; }

need() {
  command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: $2"
}

port_open() {  # true when something accepts TCP connections on $1
  (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null
}

running_pid() {  # prints the broker pid when our broker runs
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

fetch() {
  if [ -f "$lib/.complete" ]; then return 0; fi
  need mvn "install Maven (Debian package 'maven') to resolve the Kafka broker jars"
  need java "install Java 17 (Debian package 'openjdk-17-jre-headless')"
  say "resolving org.apache.kafka:kafka_2.13 into $lib (once)"
  rm -rf "$lib"
  (cd "$here" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime) \
    || die "Maven could not resolve the broker jars (see output above)"
  touch "$lib/.complete"
}

write_config() {
  mkdir -p "$data/logs"
  cat >"$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$host:$controller_port
listeners=PLAINTEXT://$host:$port,CONTROLLER://$host:$controller_port
advertised.listeners=PLAINTEXT://$host:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/logs
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
log.segment.bytes=67108864
PROPS
}

java_cmd() {
  java -Xms128m -Xmx"$heap" -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.log.file="$logfile" \
    -cp "$lib/*" "$@"
}

up() {
  need java "install Java 17 (Debian package 'openjdk-17-jre-headless')"
  fetch
  if pid=$(running_pid); then say "already running (pid $pid) on $host:$port"; return 0; fi
  port_open "$port" && die "port $port on $host is already taken by another process; set KAFKA_PORT"
  port_open "$controller_port" && die "controller port $controller_port is already taken; set KAFKA_CONTROLLER_PORT"
  write_config
  if [ ! -f "$data/logs/meta.properties" ]; then
    say "formatting storage in $data/logs"
    java_cmd kafka.tools.StorageTool format -t "$(java_cmd kafka.tools.StorageTool random-uuid)" \
      -c "$data/server.properties" >"$data/format.log" 2>&1 \
      || { cat "$data/format.log" >&2; die "storage format failed"; }
  fi
  say "starting broker on $host:$port (data $data, log $logfile)"
  nohup bash -c "$(declare -f java_cmd); here='$here' lib='$lib' heap='$heap' logfile='$logfile' \
    java_cmd kafka.Kafka '$data/server.properties'" >"$data/stdout.log" 2>&1 &
  echo $! >"$pidfile"
  local waited=0
  until grep -q "Kafka Server started" "$logfile" 2>/dev/null && port_open "$port"; do
    if ! running_pid >/dev/null; then
      tail -20 "$data/stdout.log" "$logfile" >&2 2>/dev/null || true
      rm -f "$pidfile"
      die "broker exited during start-up (logs above, full log $logfile)"
    fi
    if [ "$waited" -ge "$start_timeout" ]; then
      tail -20 "$logfile" >&2 2>/dev/null || true
      down >/dev/null
      die "broker not ready after ${start_timeout}s; stopped it (KAFKA_START_TIMEOUT to wait longer)"
    fi
    sleep 1; waited=$((waited + 1))
  done
  say "ready on $host:$port after ${waited}s (pid $(cat "$pidfile"))"
}

down() {
  local pid
  if ! pid=$(running_pid); then say "not running on port $port"; rm -f "$pidfile"; return 0; fi
  # The pid is the bash wrapper; signal its java child as well as the wrapper.
  local children
  children=$(pgrep -P "$pid" || true)
  kill -TERM $children "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null || { [ -n "$children" ] && kill -0 $children 2>/dev/null; }; do
    if [ "$waited" -ge "$stop_timeout" ]; then
      say "broker did not stop in ${stop_timeout}s; killing it"
      kill -KILL $children "$pid" 2>/dev/null || true
      break
    fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$pidfile"
  say "stopped (port $port)"
}

status() {
  if pid=$(running_pid); then
    if port_open "$port"; then say "running (pid $pid) on $host:$port, data $data"; return 0; fi
    say "process $pid alive but $host:$port does not accept connections (see $logfile)"; return 1
  fi
  say "not running on $host:$port"; return 3
}

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 fetch|up|down|status" >&2; exit 2 ;;
esac
