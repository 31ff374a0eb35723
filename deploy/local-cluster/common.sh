# Shared by cluster.sh, kafka-broker.sh and e2e.sh (sourced, not run).
#
# Everything a local cluster writes lives under one work dir (never committed):
#   P2P_CLUSTER_DIR  work dir                      default <repo>/target/local-cluster
#   P2P_REST_PORT    Flink REST API + dashboard     default 8081
#   P2P_RPC_PORT     JobManager RPC port            default 6123
#   P2P_KAFKA_PORT   Kafka broker (controller +1)   default 9092
# Layout: conf/ log/ pids/ checkpoints/ savepoints/ upload/ tmp/ jobs/ kafka/

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$DEPLOY_DIR/../.." && pwd)
WORK=${P2P_CLUSTER_DIR:-$REPO_DIR/target/local-cluster}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
REST_PORT=${P2P_REST_PORT:-8081}
RPC_PORT=${P2P_RPC_PORT:-6123}
KAFKA_PORT=${P2P_KAFKA_PORT:-9092}
REST=http://127.0.0.1:$REST_PORT
PIDS=$WORK/pids
LOGS=$WORK/log
mkdir -p "$PIDS" "$LOGS"

# What Flink's own distribution puts in env.java.default-opts.all for Java 17.
JAVA_MODULE_OPTS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }

require_tools() {
  local t
  for t in "$@"; do command -v "$t" >/dev/null || die "'$t' is needed on the PATH"; done
}

# classpath NAME POM: the jars of POM (resolved by Maven), cached in target/local-NAME.classpath
# until POM changes. Tries the local repository first (-o), then the network.
classpath() {
  local file=$REPO_DIR/target/local-$1.classpath pom=$2
  mkdir -p "$REPO_DIR/target"
  if [ ! -s "$file" ] || [ "$pom" -nt "$file" ]; then
    log "resolving the $1 classpath with Maven ($pom)"
    mvn -q -o -f "$pom" dependency:build-classpath -Dmdep.outputFile="$file" >/dev/null 2>&1 \
      || mvn -q -ntp -f "$pom" dependency:build-classpath -Dmdep.outputFile="$file" >&2 \
      || die "could not resolve the $1 classpath from $pom"
    touch "$file" # the plugin leaves an unchanged file untouched: mark it newer than the pom
  fi
  cat "$file"
}

# A recorded PID is only trusted while its command line still names this work dir:
# a recycled PID belonging to someone else is never signalled.
owned_pid() {
  local f=$PIDS/$1.pid pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$WORK" || return 1
  echo "$pid"
}

# stop_process NAME [SIGNAL]: TERM (or SIGNAL), wait up to 15 s, then KILL. Removes the pid file.
stop_process() {
  local name=$1 sig=${2:-TERM} pid i
  if pid=$(owned_pid "$name"); then
    kill -s "$sig" "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; log "$name (pid $pid) killed -9"
    else log "$name (pid $pid) stopped"; fi
  fi
  rm -f "$PIDS/$name.pid"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
