# Shared by the deploy/local scripts: paths, settings and the "make it available" helpers.
# shellcheck shell=bash
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PATH="$repo/node_modules/.bin:$PATH"

PGHOST_ADDR="${PGHOST_ADDR:-127.0.0.1}"
PGPORT_NUM="${PGPORT_NUM:-5432}"
PGUSER_NAME="${PGUSER_NAME:-postgres}"
DATABASE_NAME="${DATABASE_NAME:-donations}"
REDIS_PORT="${REDIS_PORT:-6379}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
# KAFKA_NODES=3 (`stack up --cluster`): three KRaft nodes on KAFKA_PORT, +2, +4 (deploy/kafka/kafka.sh),
# the project's topics with replication factor 3 and min.insync.replicas 2.
KAFKA_NODES="${KAFKA_NODES:-1}"
export KAFKA_PORT KAFKA_NODES

kafka_brokers_of_nodes() {
  local i list=""
  for ((i = 0; i < KAFKA_NODES; i++)); do list+="${list:+,}127.0.0.1:$((KAFKA_PORT + 2 * i))"; done
  echo "$list"
}
: "${KAFKA_BROKERS:=$(kafka_brokers_of_nodes)}"
: "${KAFKA_REPLICATION_FACTOR:=$((KAFKA_NODES < 3 ? KAFKA_NODES : 3))}"
export KAFKA_REPLICATION_FACTOR
: "${DATABASE_URL:=postgres://$PGUSER_NAME@$PGHOST_ADDR:$PGPORT_NUM/$DATABASE_NAME}"
: "${REDIS_URL:=redis://127.0.0.1:$REDIS_PORT}"
export KAFKA_BROKERS DATABASE_URL REDIS_URL

log() { printf '[stack] %s\n' "$*" >&2; }

wait_until() { # seconds, description, command...
  local limit=$1 what=$2
  shift 2
  local start=$SECONDS
  until "$@" > /dev/null 2>&1; do
    if (( SECONDS - start > limit )); then
      log "$what did not come up within ${limit}s"
      return 1
    fi
    sleep 0.5
  done
}

ensure_node_modules() {
  if [[ ! -x "$repo/node_modules/.bin/node" || "$repo/package-lock.json" -nt "$repo/node_modules/.package-lock.json" ]]; then
    log "installing dependencies (npm ci)"
    (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

ensure_build() {
  log "building (tsc, incremental)"
  (cd "$repo" && npm run --silent build >&2)
}

# Debian's Chromium for the dashboard's browser test (browsers cannot be downloaded here;
# playwright-core drives this one). Needs root or sudo the first time.
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export CHROMIUM_PATH
ensure_chromium() {
  local packages=()
  [[ -x "$CHROMIUM_PATH" ]] || packages+=(chromium)
  # A CJK font, so the page's Chinese labels render in the screenshot (not as boxes).
  [[ -n "$(fc-list :lang=zh 2> /dev/null)" ]] || packages+=(fonts-wqy-zenhei)
  if ((${#packages[@]} == 0)); then return 0; fi
  local sudo=()
  if ((EUID != 0)); then sudo=(sudo -n); fi
  log "installing Debian's ${packages[*]} (for the dashboard's browser test)"
  if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" > /dev/null; then
    "${sudo[@]}" apt-get update -q > /dev/null
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" > /dev/null
  fi
}

# kubectl, whose `kubectl kustomize` renders deploy/k8s for its test: Debian's kubernetes-client
# where none is on the PATH. Needs root or sudo the first time.
ensure_kubectl() {
  if command -v kubectl > /dev/null; then return 0; fi
  local sudo=()
  if ((EUID != 0)); then sudo=(sudo -n); fi
  log "installing Debian's kubernetes-client (kubectl kustomize, for deploy/k8s's test)"
  "${sudo[@]}" apt-get update -q > /dev/null
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q kubernetes-client > /dev/null
}

postgres_up() { pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM"; }
redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2> /dev/null)" == PONG ]]; }

ensure_postgres() {
  if postgres_up; then return 0; fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main start >&2
  wait_until 60 PostgreSQL postgres_up
}

ensure_redis() {
  if redis_up; then return 0; fi
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no >&2
  wait_until 30 Redis redis_up
}

ensure_database() {
  local exists
  exists="$(psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DATABASE_NAME'")"
  if [[ "$exists" != 1 ]]; then
    log "creating database $DATABASE_NAME"
    createdb -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" "$DATABASE_NAME"
  fi
}

kafka_cluster_id() {
  (cd "$repo" && node -e '
    const { Kafka, logLevel } = require("kafkajs");
    const admin = new Kafka({ brokers: process.argv[1].split(","), logLevel: logLevel.NOTHING }).admin();
    admin.connect().then(() => admin.describeCluster())
      .then((c) => { console.log(c.clusterId); return admin.disconnect(); })
      .catch((e) => { console.error(e.message); process.exit(1); });
  ' "$KAFKA_BROKERS")
}

# The local database and the statistics in Redis are projections of one Kafka log, and keep their
# offsets in it. Against another log (the broker's data removed, another checkout's broker) those
# offsets point past its end and nothing would be counted: the projections are then reset (the
# local database dropped and created again, the local run's `stats:*` keys deleted) and rebuilt
# from the new log. The cluster they belong to is recorded in the database.
ensure_projections_of_this_kafka() {
  local cluster recorded
  cluster="$(kafka_cluster_id)"
  local sql=(psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -v ON_ERROR_STOP=1 -q -tA)
  "${sql[@]}" -d "$DATABASE_NAME" -c "SET client_min_messages TO warning; CREATE SCHEMA IF NOT EXISTS local_stack;
    CREATE TABLE IF NOT EXISTS local_stack.kafka_cluster (id text PRIMARY KEY)"
  recorded="$("${sql[@]}" -d "$DATABASE_NAME" -c "SELECT id FROM local_stack.kafka_cluster")"
  if [[ -n "$recorded" && "$recorded" != "$cluster" ]]; then
    log "database $DATABASE_NAME holds projections of Kafka cluster $recorded, the broker is $cluster:"
    log "resetting them (database dropped and created, Redis stats:* keys deleted); they rebuild from the log"
    dropdb -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" --force "$DATABASE_NAME"
    createdb -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" "$DATABASE_NAME"
    redis-cli -p "$REDIS_PORT" --scan --pattern 'stats:*' | xargs -r -n 500 redis-cli -p "$REDIS_PORT" del > /dev/null
    "${sql[@]}" -d "$DATABASE_NAME" -c "CREATE SCHEMA local_stack;
      CREATE TABLE local_stack.kafka_cluster (id text PRIMARY KEY)"
    recorded=""
  fi
  if [[ -z "$recorded" ]]; then
    "${sql[@]}" -d "$DATABASE_NAME" -c "INSERT INTO local_stack.kafka_cluster VALUES ('$cluster')"
  fi
}

# kafkajs 2.2.4 schedules a negative timeout on Node 24 (harmless); keep the logs readable.
export NODE_OPTIONS="${NODE_OPTIONS:-} --disable-warning=TimeoutNegativeWarning"

ops() { node "$repo/dist/services/ops/src/main.js" "$@"; }

print_settings() {
  printf 'export KAFKA_BROKERS=%s\n' "$KAFKA_BROKERS"
  printf 'export DATABASE_URL=%s\n' "$DATABASE_URL"
  printf 'export REDIS_URL=%s\n' "$REDIS_URL"
}
