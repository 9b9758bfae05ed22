# Shared by local/up, local/down, local/status and local/test. Everything the local stack starts
# listens on 127.0.0.1; its files (downloads, data, logs, PIDs) live under .local/ in the project.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${CALLREC_LOCAL_HOME:-$ROOT/.local}
DIST=$STATE/dist
DATA=$STATE/data
LOGS=$STATE/log
PIDS=$STATE/pid
# Recordings, databases and logs of the stack are personal data: files readable by their owner
# only; the data and log folders can be passed through (PostgreSQL's own cluster runs as another
# user) but not listed.
umask 077
mkdir -p "$DIST" "$DATA" "$LOGS" "$PIDS"
chmod 711 "$DATA" "$LOGS"
chmod 700 "$PIDS"

KAFKA_VERSION=4.4.0
S3PROXY_VERSION=4.1.0
KEYCLOAK_VERSION=26.7.3
KAFKA_HOME=$DIST/kafka-$KAFKA_VERSION
S3PROXY_JAR=$DIST/s3proxy-$S3PROXY_VERSION/s3proxy.jar
KEYCLOAK_HOME=$DIST/keycloak-$KEYCLOAK_VERSION
REALM_FILE=$ROOT/config/keycloak/callrec-realm.json

KAFKA_BOOTSTRAP=127.0.0.1:9092
# The broker's own super user, for local/up's topics, users and ACLs (test-only, as in kafka.properties).
KAFKA_ADMIN_PASSWORD=admin-local-test-only
# The CA that signed the broker's TLS certificate (made by local/up); clients trust it.
KAFKA_CA=$DATA/kafka/tls/ca.crt
S3_URL=http://127.0.0.1:9000
S3_IDENTITY=callrec-local
S3_CREDENTIAL=callrec-local-test-only-secret
S3_BUCKET=recordings
KEYCLOAK_URL=http://127.0.0.1:8180
KEYCLOAK_MANAGEMENT_PORT=9180
PG_HOST=127.0.0.1
PG_PORT=5432
PG_SUPERUSER=${CALLREC_PG_SUPERUSER:-postgres}

SERVICES=(ingest-service catalog-service access-service retention-service console)
declare -A SERVICE_PORT=([ingest-service]=8081 [catalog-service]=8082 [access-service]=8083 [retention-service]=8084 [console]=8085)
# CALLREC_INSTANCES=2: a second instance of each service and of the console, named <name>-2, from
# the same jar on its port + 1000, sharing the consumer groups and the databases as two pods do.
for svc in "${SERVICES[@]}"; do SERVICE_PORT[$svc-2]=$(( SERVICE_PORT[$svc] + 1000 )); done
if [ "${CALLREC_INSTANCES:-1}" = 2 ]; then
  for svc in ingest-service catalog-service access-service retention-service console; do SERVICES+=("$svc-2"); done
fi

say() { printf '%s\n' "$*"; }
fail() { printf 'local: %s\n' "$*" >&2; exit 1; }

# The PID of a part when it is running, else nothing.
running_pid() {
  local pidfile=$PIDS/$1.pid pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "$pid"
  else
    rm -f "$pidfile"
    return 1
  fi
}

# Starts a command in its own session (so that down can stop it and all its children) and
# records its PID. Standard input is closed: nothing here may wait for a terminal.
start_detached() {
  local name=$1; shift
  : >"$LOGS/$name.log"
  chmod 600 "$LOGS/$name.log"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
}

# Waits until the probe succeeds; on time-out or when the process died, shows its log and fails.
wait_ready() {
  local name=$1 timeout=$2; shift 2
  local start=$SECONDS
  while ! "$@" >/dev/null 2>&1; do
    if ! running_pid "$name" >/dev/null; then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      fail "$name exited while starting (log: $LOGS/$name.log)"
    fi
    if (( SECONDS - start > timeout )); then
      tail -n 40 "$LOGS/$name.log" >&2 || true
      fail "$name not ready after ${timeout}s (log: $LOGS/$name.log)"
    fi
    sleep 1
  done
  say "$name ready in $(( SECONDS - start ))s"
}

stop_part() {
  local name=$1 pid
  pid=$(running_pid "$name") || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
  say "$name stopped"
}

kafka_java() {
  java -Xms64m -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$KAFKA_HOME/libs/*" "$@"
}

# The newest JDK on the machine: Keycloak starts faster on it. JAVA_HOME_KEYCLOAK overrides.
keycloak_java_home() {
  if [ -n "${JAVA_HOME_KEYCLOAK:-}" ]; then echo "$JAVA_HOME_KEYCLOAK"; return; fi
  local best="" best_version=0 dir version
  for dir in /usr/lib/jvm/*/; do
    [ -x "$dir/bin/java" ] || continue
    version=$("$dir/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    [[ "$version" =~ ^[0-9]+$ ]] || continue
    if (( version > best_version )); then best=${dir%/}; best_version=$version; fi
  done
  if [ -n "$best" ]; then echo "$best"; else dirname "$(dirname "$(readlink -f "$(command -v java)")")"; fi
}

# A signed S3 request; the payload hash header is required by S3Proxy and not sent by curl itself.
s3_request() {
  curl -sS --max-time 5 --aws-sigv4 "aws:amz:us-east-1:s3" --user "$S3_IDENTITY:$S3_CREDENTIAL" \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" "$@"
}

kafka_admin_config() {
  printf '%s\n' "security.protocol=SASL_SSL" "ssl.truststore.type=PEM" "ssl.truststore.location=$KAFKA_CA" \
    "sasl.mechanism=SCRAM-SHA-512" \
    "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$KAFKA_ADMIN_PASSWORD\";"
}

probe_kafka() {
  kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" \
    --command-config "$DATA/kafka/admin.properties" --list
}
probe_s3() { s3_request -f "$S3_URL/"; }
probe_keycloak() { curl -fsS --max-time 5 "$KEYCLOAK_URL/realms/callrec/.well-known/openid-configuration"; }
probe_postgres() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; }
probe_service() { curl -fsS --max-time 5 "http://127.0.0.1:${SERVICE_PORT[$1]}/q/health/ready"; }
