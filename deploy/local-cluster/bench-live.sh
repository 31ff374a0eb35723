#!/usr/bin/env bash
# Latency of the live market, end to end, on this machine: a real Kafka broker (its own JVM), the
# job, and bench-live streaming a utility's bids (100 feeders x 200 prosumers, one bid each per
# frame) for the next FRAMES 1-minute frames, then nothing; it prints p50 / p99 / max of (report
# and allocations visible to a read_committed consumer) - (gate closure) over every window.
#
#   bench-live.sh embedded [FRAMES]   the job under java -jar (embedded MiniCluster, parallelism 2)
#   bench-live.sh cluster [FRAMES]    the job jar on the local multi-process cluster (1 JM + 2 TMs), parallelism 2
#
# Env: P2P_BENCH_CHECKPOINT (1s), P2P_BENCH_GRACE (200ms), P2P_BENCH_PARTITIONS (4), and the ports
# of common.sh (defaults 28081 / 26123 / 29092 here, so it never meets a developer's own cluster).
# Binds ports: run it under flock /tmp/p2p-ports.lock. Takes FRAMES + 3 minutes (one warm-up frame
# first: streamed, shown per gate closure, left out of the percentiles).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
MODE=${1:?embedded or cluster}
FRAMES=${2:-8}
export P2P_CLUSTER_DIR=${P2P_CLUSTER_DIR:-$REPO/target/bench-live}
export P2P_REST_PORT=${P2P_REST_PORT:-28081} P2P_RPC_PORT=${P2P_RPC_PORT:-26123} P2P_KAFKA_PORT=${P2P_KAFKA_PORT:-29092}
rm -rf "$P2P_CLUSTER_DIR"
source "$HERE/common.sh"
require_tools java mvn curl jq
CHECKPOINT=${P2P_BENCH_CHECKPOINT:-1s}
GRACE=${P2P_BENCH_GRACE:-200ms}
PARTITIONS=${P2P_BENCH_PARTITIONS:-4}
CLI_JAR=$REPO/target/p2p-energy-trading.jar
JOB_JAR=$REPO/target/p2p-energy-trading-job.jar
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
DATA=$WORK/data
EMBEDDED_PID=

cleanup() {
  [ -z "$EMBEDDED_PID" ] || kill "$EMBEDDED_PID" 2>/dev/null || true
  "$HERE/cluster.sh" stop >/dev/null 2>&1 || true # stops the broker too (same work dir)
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -f "$CLI_JAR" ] && [ -f "$JOB_JAR" ] || (cd "$REPO" && mvn -q package -DskipTests)
mkdir -p "$DATA"
log "bench-live: 100 feeders x 200 prosumers, noon bids as the template (utility-day preset)"
java -jar "$CLI_JAR" generate-day --preset utility-day --first-frame 48 --frames 1 \
  --feeders-out "$DATA/feeders" --bids-out "$DATA/template.jsonl" 2>&1 | tail -1

"$HERE/kafka-broker.sh" start
"$HERE/kafka-broker.sh" create-topics "$PARTITIONS"

JOB_ARGS=(run --bootstrap-servers "$BOOTSTRAP" --feeders "$DATA/feeders" --frame-minutes 1 --gate-lead-minutes 1
  --checkpoint-interval "$CHECKPOINT" --gate-grace "$GRACE" --no-require-signatures --parallelism 2)
case "$MODE" in
  embedded)
    # checkpoint lines and GC pauses kept in $LOGS: the evidence for a slow frame
    java -Dlog4j2.configurationFile="$HERE/conf/bench-live-log4j2.properties" -Xlog:gc:file="$LOGS/embedded-gc.log" \
      -jar "$CLI_JAR" "${JOB_ARGS[@]}" --checkpoint-dir "$WORK/checkpoints" >"$LOGS/embedded-job.log" 2>&1 &
    EMBEDDED_PID=$!
    sleep 15 # the MiniCluster and the job start; the gate clock's start tick
    kill -0 "$EMBEDDED_PID" || { tail -20 "$LOGS/embedded-job.log" >&2; die "the job did not start"; } ;;
  cluster)
    "$HERE/cluster.sh" start 2
    JOB=$("$HERE/cluster.sh" submit "$JOB_JAR" --parallelism 2 -- "${JOB_ARGS[@]}")
    "$HERE/cluster.sh" wait-running "$JOB"
    sleep 5 ;;
  *) die "mode must be embedded or cluster, got $MODE" ;;
esac

log "bench-live: load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$CLI_JAR" bench-live --bootstrap-servers "$BOOTSTRAP" --template-bids "$DATA/template.jsonl" --feeders "$DATA/feeders" \
  --frames "$FRAMES" --frame-minutes 1 --gate-lead-minutes 1 | tee "$WORK/result.json"
log "bench-live: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$MODE" = cluster ]; then # where the time goes, from the job's own metrics
  "$HERE/cluster.sh" metrics "$JOB" '(gateClosureLatencyMillis|clearingMillis|feasibilityMillis)_(p50|p99|max)$' || true
  curl -sf "$REST/jobs/$JOB/checkpoints" | jq -c '.summary | {end_to_end_duration, state_size}' || true
fi
