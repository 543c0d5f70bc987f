# Shared settings and helpers for scripts/kafka/*. Sourced, not run.
# shellcheck shell=bash

KAFKA_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$KAFKA_SCRIPTS/../.." && pwd)"
CACHE="$ROOT/.cache/kafka"          # jars + compiled helper (git-ignored)
LIB="$CACHE/lib"
CLASSES="$CACHE/classes"
RUN="$ROOT/.kafka-run"              # TLS material, configs, data, logs, pids (git-ignored)
NODES=(1 2 3)

# Ports: node N listens on BASE+N (PLAINTEXT), +100 (SASL_PLAINTEXT), +200 (SSL),
# +300 (SASL_SSL), +400 (CONTROLLER). Default 29090 -> 29091..29493, below the
# kernel's ephemeral range (32768+) so outgoing connections never take them.
PORT_BASE="${SK_KAFKA_PORT_BASE:-29090}"
port() { # port LISTENER N
  local off
  case "$1" in
    plaintext) off=0 ;; sasl_plaintext) off=100 ;; ssl) off=200 ;;
    sasl_ssl) off=300 ;; controller) off=400 ;;
    *) echo "unknown listener $1" >&2; return 1 ;;
  esac
  echo $((PORT_BASE + off + $2))
}
bootstrap() { # bootstrap LISTENER -> 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3
  local out="" n
  for n in "${NODES[@]}"; do out+="${out:+,}127.0.0.1:$(port "$1" "$n")"; done
  echo "$out"
}

# Broker JVM: small and single-threaded GC; the test suite runs on the same 2 cores.
KAFKA_JVM_OPTS="${SK_KAFKA_JVM_OPTS:--Xms128m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxDirectMemorySize=128m -Djava.awt.headless=true}"
# Tools (StorageTool, ClusterTool): short-lived, start fast.
TOOL_JVM_OPTS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"

# Credentials: test-only, fixed so tests and humans can read them from cluster.json.
ADMIN_PASSWORD="admin-secret"
ALICE_PASSWORD="alice-secret"
ALICE_PREFIX="alice-"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; } # seconds since $(now)

die() { echo "kafka: $*" >&2; exit 1; }
log() { echo "kafka: $*"; }

# pid of node N if its pid file names a live kafka.Kafka process we started, else empty.
node_pid() {
  local f="$RUN/node$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  # Guard against pid reuse: the process must be our broker with our config file.
  if tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qF "kafka.Kafka $RUN/node$1/server.properties"; then
    echo "$pid"
  fi
}

classpath() { echo "$CLASSES:$LIB/*"; }

# Compile scripts/kafka/ClusterTool.java once (and again when it changes).
ensure_tool() {
  local src="$KAFKA_SCRIPTS/ClusterTool.java" cls="$CLASSES/ClusterTool.class"
  if [[ ! -f "$cls" || "$src" -nt "$cls" || "$LIB/.complete" -nt "$cls" ]]; then
    mkdir -p "$CLASSES"
    javac -nowarn -d "$CLASSES" -cp "$LIB/*" "$src"
  fi
}

# Run the helper: cluster checks and ACL setup over the PLAINTEXT listener.
cluster_tool() {
  ensure_tool
  # shellcheck disable=SC2086
  java $TOOL_JVM_OPTS -Dlog4j2.configurationFile="$KAFKA_SCRIPTS/log4j2-tool.properties" \
    -cp "$(classpath)" ClusterTool "$@"
}

# Start node N in the background (own session so it outlives the calling shell).
launch_node() {
  local n="$1" dir="$RUN/node$1"
  # shellcheck disable=SC2086
  setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$RUN/node$n.pid" \
    java $KAFKA_JVM_OPTS \
    -Dlog4j2.configurationFile="$KAFKA_SCRIPTS/log4j2-broker.properties" \
    -cp "$LIB/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >>"$dir/server.log" 2>&1 &
}

# Wait until node N's log shows "Kafka Server started" past byte offset $2, or it died.
wait_started() { # wait_started N OFFSET DEADLINE_EPOCH
  local n="$1" off="$2" deadline="$3" log="$RUN/node$1/server.log"
  while :; do
    if tail -c +"$((off + 1))" "$log" 2>/dev/null | grep -q "Kafka Server started"; then return 0; fi
    [[ -n "$(node_pid "$n")" ]] || { sleep 0.5; [[ -n "$(node_pid "$n")" ]] || return 2; }
    (( $(date +%s) < deadline )) || return 1
    sleep 0.5
  done
}

tail_logs() { # tail_logs N... : last lines of each node's log, for failure output
  local n
  for n in "$@"; do
    echo "----- $RUN/node$n/server.log (last 40 lines) -----" >&2
    tail -n 40 "$RUN/node$n/server.log" >&2 2>/dev/null || echo "(no log)" >&2
  done
}
