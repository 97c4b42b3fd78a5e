#!/usr/bin/env bash
# A real Apache Kafka broker (KRaft, single combined broker+controller) on 127.0.0.1, without Docker;
# with KAFKA_NODES=3, a cluster of three combined nodes (fetch, start, stop and status act on all).
#
#   deploy/kafka/kafka.sh fetch    resolve the pinned broker from Maven Central into the cache
#   deploy/kafka/kafka.sh start    fetch if needed, format storage once, start, wait until it answers
#   deploy/kafka/kafka.sh stop     controlled shutdown (SIGTERM), waits for the process to exit
#   deploy/kafka/kafka.sh status   exit 0 when the broker answers on KAFKA_PORT
#   deploy/kafka/kafka.sh run      fetch if needed, format storage once, then exec the broker in the
#                                  foreground (its pid is the caller's child: tests signal it directly)
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_HEAP (1g), KAFKA_HEAP_MIN (256m),
#              DONATIONS_CACHE (<repo>/.cache): jars, data and logs live under it (git-ignored).
# One node of a cluster, or a broker of a test's own (every default keeps the single local broker):
#   KAFKA_STATE_DIR      data, logs, config and pid file (<cache>/kafka-state)
#   KAFKA_NODE_ID        node.id (1)
#   KAFKA_QUORUM_VOTERS  controller.quorum.voters (1@127.0.0.1:<KAFKA_CONTROLLER_PORT>)
#   KAFKA_CLUSTER_ID     the cluster id storage is formatted with (a random one); the same on every node
#   KAFKA_EXTRA_CONFIG   server.properties lines appended to the template's (a later key wins)
#   KAFKA_JVM_OPTS       extra JVM flags (word-split), e.g. -XX:+UseSerialGC for small test brokers
# A SASL_SSL listener beside the PLAINTEXT one (which stays on loopback for the controller, the other
# brokers and local tools), as managed clusters expose (single-node mode):
#   KAFKA_SASL_SSL_PORT  its port; unset: no such listener. SCRAM-SHA-256, SCRAM-SHA-512 and PLAIN.
#   KAFKA_SSL_KEYSTORE   a PEM file: the broker's private key (PKCS#8, unencrypted) and its
#                        certificate chain, for the names clients connect to (127.0.0.1, localhost)
#   KAFKA_SSL_TRUSTSTORE a PEM file of CA certificates: a client certificate, when one is presented,
#                        must chain to one of them (ssl.client.auth=requested); unset: none checked
#   KAFKA_SCRAM_USERS    users as name=password[,name=password...] (letters, digits, . _ -), written
#                        into the storage with both SCRAM mechanisms when it is formatted (once, as
#                        KRaft wants), and accepted by PLAIN too
# A cluster (KAFKA_NODES >= 2; 3 is the one the project documents):
#   KAFKA_NODES          number of combined broker+controller nodes (1). Node i (1..n) listens on
#                        KAFKA_PORT + 2(i-1) and KAFKA_CONTROLLER_PORT + 2(i-1): 9092/9093, 9094/9095,
#                        9096/9097; its state is <KAFKA_CLUSTER_DIR>/node-i; heap KAFKA_HEAP (512m here).
#                        default.replication.factor min(n, 3), min.insync.replicas 2 from 3 nodes on.
#   KAFKA_CLUSTER_DIR    the cluster's state (<cache>/kafka-cluster), its id in cluster-id there
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
cache="${DONATIONS_CACHE:-$repo/.cache}"
lib_dir="$cache/kafka-$version/lib"
state_dir="${KAFKA_STATE_DIR:-$cache/kafka-state}"
data_dir="$state_dir/data"
log_dir="$state_dir/logs"
config="$state_dir/server.properties"
pid_file="$state_dir/kafka.pid"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
heap="${KAFKA_HEAP:-1g}"
heap_min="${KAFKA_HEAP_MIN:-256m}"
node_id="${KAFKA_NODE_ID:-1}"
quorum_voters="${KAFKA_QUORUM_VOTERS:-1@127.0.0.1:$controller_port}"
start_timeout="${KAFKA_START_TIMEOUT:-120}"
nodes="${KAFKA_NODES:-1}"
cluster_dir="${KAFKA_CLUSTER_DIR:-$cache/kafka-cluster}"

say() { printf '[kafka] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running_pid() {
  [[ -f "$pid_file" ]] || return 1
  local pid
  pid="$(cat "$pid_file")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

fetch() {
  if [[ -f "$lib_dir/.complete" ]]; then return 0; fi
  say "resolving org.apache.kafka:kafka_2.13:$version from Maven Central into $lib_dir"
  rm -rf "$lib_dir" && mkdir -p "$lib_dir"
  mkdir -p "$state_dir"
  if ! mvn -B --no-transfer-progress -Dstyle.color=never -f "$here/pom.xml" dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib_dir" > "$state_dir/maven.log" 2>&1; then
    say "maven failed; see $state_dir/maven.log"
    tail -n 30 "$state_dir/maven.log" >&2
    return 1
  fi
  touch "$lib_dir/.complete"
}

read -r -a jvm_opts <<< "${KAFKA_JVM_OPTS:--XX:+UseG1GC}"
java_cmd=(java "-Xms$heap_min" "-Xmx$heap" "${jvm_opts[@]}" -Djava.awt.headless=true
  "-Dkafka.logs.dir=$log_dir" "-Dlog4j.configuration=file:$here/log4j.properties" -cp "$lib_dir/*")

configure() {
  mkdir -p "$data_dir" "$log_dir"
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA_DIR@|$data_dir|g" \
    -e "s|@NODE_ID@|$node_id|g" -e "s|@QUORUM_VOTERS@|$quorum_voters|g" \
    "$here/server.properties.template" > "$config"
  if [[ -n "${KAFKA_SASL_SSL_PORT:-}" ]]; then sasl_ssl_config >> "$config"; fi
  if [[ -n "${KAFKA_EXTRA_CONFIG:-}" ]]; then
    printf '# KAFKA_EXTRA_CONFIG\n%s\n' "$KAFKA_EXTRA_CONFIG" >> "$config"
  fi
  if [[ ! -f "$data_dir/meta.properties" ]]; then
    local cluster_id="${KAFKA_CLUSTER_ID:-}"
    [[ -n "$cluster_id" ]] ||
      cluster_id="$("${java_cmd[@]}" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    say "formatting KRaft storage (cluster $cluster_id)"
    # --cluster-id=<id>, not -t <id>: an id may begin with '-' (base64url), which the tool's
    # parser would take for an option.
    scram_arguments
    "${java_cmd[@]}" kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$config" \
      "${scram[@]}" >> "$log_dir/format.log" 2>&1
  fi
}

# The users of KAFKA_SCRAM_USERS as StorageTool arguments in `scram` (--add-scram per user and
# mechanism).
scram=()
scram_arguments() {
  local pair name password mechanism
  IFS=',' read -r -a pairs <<< "${KAFKA_SCRAM_USERS:-}"
  for pair in "${pairs[@]}"; do
    name="${pair%%=*}" password="${pair#*=}"
    if [[ ! "$name" =~ ^[A-Za-z0-9._-]+$ || ! "$password" =~ ^[A-Za-z0-9._-]+$ || "$pair" != *=* ]]; then
      say "KAFKA_SCRAM_USERS: expected name=password with letters, digits, . _ - only"
      return 1
    fi
    for mechanism in SCRAM-SHA-256 SCRAM-SHA-512; do
      scram+=(--add-scram "$mechanism=[name=$name,password=$password]")
    done
  done
}

# server.properties lines of the SASL_SSL listener (later keys win over the template's).
sasl_ssl_config() {
  local keystore="${KAFKA_SSL_KEYSTORE:?KAFKA_SSL_KEYSTORE (the broker key and certificate, PEM) is needed for KAFKA_SASL_SSL_PORT}"
  local plain_users="" pair
  IFS=',' read -r -a pairs <<< "${KAFKA_SCRAM_USERS:-}"
  for pair in "${pairs[@]}"; do plain_users+=" user_${pair%%=*}=\"${pair#*=}\""; done
  cat <<PROPERTIES
# KAFKA_SASL_SSL_PORT
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$port,SASL_SSL://127.0.0.1:$KAFKA_SASL_SSL_PORT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-256,SCRAM-SHA-512,PLAIN
listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required$plain_users;
listener.name.sasl_ssl.ssl.keystore.type=PEM
listener.name.sasl_ssl.ssl.keystore.location=$keystore
PROPERTIES
  if [[ -n "${KAFKA_SSL_TRUSTSTORE:-}" ]]; then
    printf '%s\n' listener.name.sasl_ssl.ssl.truststore.type=PEM \
      "listener.name.sasl_ssl.ssl.truststore.location=$KAFKA_SSL_TRUSTSTORE" \
      listener.name.sasl_ssl.ssl.client.auth=requested
  fi
}

# Starts the broker in the background and returns (await_started waits for it).
launch() {
  if port_open "$port"; then
    say "already up on 127.0.0.1:$port"
    return 0
  fi
  fetch
  configure
  say "starting Kafka $version node $node_id on 127.0.0.1:$port (logs: $log_dir/server.log)"
  : > "$log_dir/server.log"
  nohup "${java_cmd[@]}" kafka.Kafka "$config" > "$log_dir/stdout.log" 2>&1 < /dev/null &
  echo $! > "$pid_file"
}

# Waits until the broker launched answers and has started; one that was already up (not launched
# here: no live pid file) passes as soon as it answers.
await_started() {
  local started_at=$SECONDS
  until port_open "$port" &&
    { ! running_pid > /dev/null || grep -q 'Kafka Server started' "$log_dir/server.log" 2>/dev/null; }; do
    if ! running_pid > /dev/null; then
      say "broker exited during start; last lines of $log_dir/stdout.log and server.log:"
      tail -n 20 "$log_dir/stdout.log" "$log_dir/server.log" >&2 || true
      return 1
    fi
    if (( SECONDS - started_at > start_timeout )); then
      say "broker did not answer within ${start_timeout}s"
      return 1
    fi
    sleep 0.5
  done
  say "node $node_id up on 127.0.0.1:$port after $((SECONDS - started_at))s"
}

start() {
  if port_open "$port"; then
    say "already up on 127.0.0.1:$port"
    return 0
  fi
  launch
  await_started
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    say "not running"
    rm -f "$pid_file"
    return 0
  fi
  say "stopping (pid $pid)"
  kill -TERM -- "$pid" 2>/dev/null || true
  pkill -TERM -f "kafka.Kafka $config" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null || pgrep -f "kafka.Kafka $config" > /dev/null; do
    if (( waited > 60 )); then
      say "no clean exit after 30s, killing"
      pkill -KILL -f "kafka.Kafka $config" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.5
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
  say "stopped"
}

run() {
  fetch
  configure
  say "running Kafka $version node $node_id on 127.0.0.1:$port in the foreground (logs: $log_dir)"
  echo $$ > "$pid_file"
  exec "${java_cmd[@]}" kafka.Kafka "$config"
}

status() {
  if port_open "$port"; then
    say "up on 127.0.0.1:$port (Kafka $version, node $node_id)"
  else
    say "down"
    return 1
  fi
}

# --- cluster mode: each node is this script with KAFKA_NODES=1 and the node's settings ---

cluster_id() {
  local file="$cluster_dir/cluster-id"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$cluster_dir"
    # A KRaft cluster id: 16 random bytes, base64url without padding, not beginning with '-'
    # (Kafka's own random ids never do).
    local id="-"
    while [[ "$id" == -* ]]; do
      id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    done
    printf '%s' "$id" > "$file"
  fi
  cat "$file"
}

# on_node <i> <command>: this script's <command> for node i of the cluster.
on_node() {
  local i=$1 voters="" j replication=$((nodes < 3 ? nodes : 3)) min_isr=$((nodes >= 3 ? 2 : 1))
  for ((j = 1; j <= nodes; j++)); do
    voters+="${voters:+,}$j@127.0.0.1:$((controller_port + 2 * (j - 1)))"
  done
  local replicated
  replicated="$(printf '%s\n' "default.replication.factor=$replication" "min.insync.replicas=$min_isr" \
    "offsets.topic.replication.factor=$replication" "transaction.state.log.replication.factor=$replication" \
    "transaction.state.log.min.isr=$min_isr")"
  KAFKA_NODES=1 KAFKA_STATE_DIR="$cluster_dir/node-$i" KAFKA_NODE_ID="$i" \
    KAFKA_PORT=$((port + 2 * (i - 1))) KAFKA_CONTROLLER_PORT=$((controller_port + 2 * (i - 1))) \
    KAFKA_QUORUM_VOTERS="$voters" KAFKA_CLUSTER_ID="$cluster_id" KAFKA_HEAP="${KAFKA_HEAP:-512m}" \
    KAFKA_EXTRA_CONFIG="$replicated${KAFKA_EXTRA_CONFIG:+$'\n'$KAFKA_EXTRA_CONFIG}" \
    bash "${BASH_SOURCE[0]}" "$2"
}

# Runs <command> on every node at once (a node's start waits for a quorum of the others).
on_every_node() {
  local i failed=0 pids=()
  for ((i = 1; i <= nodes; i++)); do
    on_node "$i" "$1" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  return "$failed"
}

if (( nodes > 1 )); then
  # Once, before the nodes start side by side: every node is formatted with this id.
  cluster_id="$(cluster_id)"
  case "${1:-}" in
    fetch) fetch ;;
    start) fetch && on_every_node launch && on_every_node await-started ;;
    stop) on_every_node stop ;;
    status) on_every_node status ;;
    *) echo "usage: KAFKA_NODES=$nodes $0 fetch|start|stop|status" >&2; exit 2 ;;
  esac
  exit
fi

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  run) run ;;
  launch) launch ;;
  await-started) await_started ;;
  *) echo "usage: $0 fetch|start|stop|status|run" >&2; exit 2 ;;
esac
