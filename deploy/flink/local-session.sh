#!/usr/bin/env bash
# A Flink 1.19 session cluster (one JobManager, one TaskManager) on loopback, for trying the
# session-cluster recipe of docs/deploying.md on one machine. Its classpath holds Flink's own
# jars only (cluster/pom.xml), as a stock Flink distribution would, so everything Beam needs
# reaches the TaskManager through the job server's submission. Not for production: use a Flink
# distribution or the Flink Kubernetes Operator there.
#
#   local-session.sh fetch    resolve Flink's jars into target/cluster-lib (once; needs Maven)
#   local-session.sh up       write the configuration, start both processes, wait for the slots
#   local-session.sh status   say whether the cluster runs and where
#   local-session.sh down     stop both processes (SIGTERM, then SIGKILL after FLINK_STOP_TIMEOUT)
#
# Settings (environment): FLINK_REST_PORT (8081; the JobManager's RPC and blob ports are +1, +2),
# FLINK_DATA_DIR (var/flink-session-<rest port>), FLINK_SLOTS (2), FLINK_NETWORK_MEMORY (256m),
# FLINK_TASK_HEAP (512m), FLINK_START_TIMEOUT (90 s), FLINK_STOP_TIMEOUT (20 s).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
lib="$here/target/cluster-lib"  # beside make flink-jar's output (ignored by git)
host=127.0.0.1
rest_port=${FLINK_REST_PORT:-8081}
rpc_port=$((rest_port + 1))
blob_port=$((rest_port + 2))
data=${FLINK_DATA_DIR:-$repo/var/flink-session-$rest_port}
slots=${FLINK_SLOTS:-2}
network=${FLINK_NETWORK_MEMORY:-256m}
task_heap=${FLINK_TASK_HEAP:-512m}
start_timeout=${FLINK_START_TIMEOUT:-90}
stop_timeout=${FLINK_STOP_TIMEOUT:-20}

# Flink's launch scripts pass these on Java 17 (Kryo and friends reflect into the JDK).
java_opens=()
for package in java.io java.lang java.lang.reflect java.net java.nio java.text java.time java.util \
  java.util.concurrent java.util.concurrent.atomic java.util.concurrent.locks sun.nio.ch; do
  java_opens+=("--add-opens=java.base/$package=ALL-UNNAMED")
done

die() { echo "flink-session: error: $*" >&2; exit 1; }
say() { echo "flink-session: $*"; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH: $2"; }
port_open() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }
to_mb() { local v=${1%m}; echo "$v"; }

alive() {  # true when the process recorded in $data/$1.pid runs
  [ -f "$data/$1.pid" ] && kill -0 "$(cat "$data/$1.pid")" 2>/dev/null
}

fetch() {
  if [ -f "$lib/.complete" ]; then return 0; fi
  need mvn "install Maven (Debian package 'maven') to resolve Flink's jars"
  say "resolving Flink's jars into $lib (once)"
  rm -rf "$lib"
  (cd "$here/cluster" && mvn -q -B dependency:copy-dependencies -DoutputDirectory="$lib" -DincludeScope=runtime) \
    || die "Maven could not resolve Flink's jars (see output above)"
  touch "$lib/.complete"
}

write_config() {
  mkdir -p "$data/tmp" "$data/log"
  cat >"$data/config.yaml" <<YAML
jobmanager:
  rpc: {address: $host, port: $rpc_port}
  bind-host: $host
  memory: {process: {size: 1024m}}
taskmanager:
  host: $host
  bind-host: $host
  numberOfTaskSlots: $slots
  cpu: {cores: $slots}
  memory:
    framework: {heap: {size: 128m}, off-heap: {size: 128m}}
    task: {heap: {size: $task_heap}, off-heap: {size: 0m}}
    managed: {size: 128m}
    network: {min: $network, max: $network}
    jvm-metaspace: {size: 256m}
    jvm-overhead: {min: 192m, max: 192m}
rest: {address: $host, bind-address: $host, port: $rest_port}
blob: {server: {port: $blob_port}}
io: {tmp: {dirs: $data/tmp}}
parallelism: {default: $slots}
YAML
}

start() {  # start <name> <heap options...> -- <main class>
  local name=$1; shift
  local opts=()
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done
  shift
  nohup java "${opts[@]}" "${java_opens[@]}" -cp "$lib/*" "$1" --configDir "$data" \
    >"$data/log/$name.log" 2>&1 &
  echo $! >"$data/$name.pid"
}

up() {
  need java "install Java 17 (Debian package 'openjdk-17-jre-headless')"
  fetch
  if alive jobmanager && alive taskmanager; then say "already running on $host:$rest_port"; return 0; fi
  for port in "$rest_port" "$rpc_port" "$blob_port"; do
    port_open "$port" && die "port $port on $host is already taken; set FLINK_REST_PORT"
  done
  write_config
  say "starting JobManager (REST $host:$rest_port) and TaskManager ($slots slots), logs in $data/log"
  start jobmanager -Xmx512m -- org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  local heap direct
  heap=$(( $(to_mb "$task_heap") + 128 ))
  direct=$(( $(to_mb "$network") + 128 ))
  start taskmanager "-Xmx${heap}m" "-Xms${heap}m" "-XX:MaxDirectMemorySize=${direct}m" \
    -XX:MaxMetaspaceSize=256m -- org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  local waited=0
  until port_open "$rest_port" && grep -q "Successful registration at resource manager" \
      "$data/log/taskmanager.log" 2>/dev/null; do
    for name in jobmanager taskmanager; do
      if ! alive "$name"; then
        tail -20 "$data/log/$name.log" >&2 || true
        down >/dev/null
        die "$name exited during start-up (log above, full log $data/log/$name.log)"
      fi
    done
    if [ "$waited" -ge "$start_timeout" ]; then
      down >/dev/null
      die "cluster not ready after ${start_timeout}s; stopped it (FLINK_START_TIMEOUT to wait longer)"
    fi
    sleep 1; waited=$((waited + 1))
  done
  say "ready on $host:$rest_port after ${waited}s (use --flink_master=$host:$rest_port)"
}

down() {
  local pids=() name
  for name in taskmanager jobmanager; do
    if alive "$name"; then pids+=("$(cat "$data/$name.pid")"); fi
  done
  if [ "${#pids[@]}" -eq 0 ]; then say "not running on $host:$rest_port"; rm -f "$data"/*.pid; return 0; fi
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local waited=0
  while kill -0 "${pids[@]}" 2>/dev/null; do
    if [ "$waited" -ge "$stop_timeout" ]; then
      say "cluster did not stop in ${stop_timeout}s; killing it"
      kill -KILL "${pids[@]}" 2>/dev/null || true
      break
    fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$data"/*.pid
  say "stopped ($host:$rest_port)"
}

status() {
  if alive jobmanager && alive taskmanager; then
    if port_open "$rest_port"; then say "running on $host:$rest_port, data $data"; return 0; fi
    say "processes alive but $host:$rest_port does not accept connections (see $data/log)"; return 1
  fi
  say "not running on $host:$rest_port"; return 3
}

case "${1:-}" in
  fetch) fetch ;;
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 fetch|up|down|status" >&2; exit 2 ;;
esac
