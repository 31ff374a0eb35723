#!/usr/bin/env bash
# End-to-end run of the streaming job on a REAL local cluster: a Kafka broker JVM, a JobManager and
# two TaskManager JVMs. While bids stream in:
#   1. the job runs at parallelism 1; it is stopped with a savepoint; more bids arrive meanwhile;
#   2. it is resumed from the savepoint at parallelism 2;
#   3. a TaskManager running its tasks is killed with SIGKILL and a new one is started;
#   4. the job's committed output (read_committed) must equal, with nothing lost or duplicated,
#      - the offline `clear` of the same valid bids (allocations), and
#      - an uninterrupted `replay` of the same records (allocations, clearing reports, rejections).
# The REST API is queried for the job and its own metrics. Every process started here is stopped on
# exit, whatever happens (trap). Prints "E2E PASSED" on success; exit status 0 only then.
#
# Needs: java 17, mvn, curl, jq, the two jars (built if absent): the cluster runs the thin job jar
# (target/p2p-energy-trading-job.jar) on a classpath shaped like a Flink 2.2 lib/, the offline references
# run the CLI jar. ~2-4 min on 2 cores. It binds ports: run it under flock /tmp/p2p-ports.lock.
# Env: P2P_CLUSTER_DIR (default target/e2e-cluster, wiped first), P2P_REST_PORT (18081),
#      P2P_RPC_PORT (16123), P2P_KAFKA_PORT (19092), P2P_E2E_FRAMES (8), P2P_E2E_BIDS (30 per window)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
export P2P_CLUSTER_DIR=${P2P_CLUSTER_DIR:-$REPO/target/e2e-cluster}
export P2P_REST_PORT=${P2P_REST_PORT:-18081} P2P_RPC_PORT=${P2P_RPC_PORT:-16123} P2P_KAFKA_PORT=${P2P_KAFKA_PORT:-19092}
rm -rf "$P2P_CLUSTER_DIR"
# shellcheck source=common.sh
source "$HERE/common.sh"
require_tools java javac mvn curl jq sort diff
CLUSTER=$HERE/cluster.sh
BROKER=$HERE/kafka-broker.sh
JAR=${P2P_JAR:-$REPO/target/p2p-energy-trading-job.jar}
CLI_JAR=$REPO/target/p2p-energy-trading.jar
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
FEEDERS=(f-north f-south f-east)
FRAMES=${P2P_E2E_FRAMES:-8}
BIDS_PER_WINDOW=${P2P_E2E_BIDS:-30}
DATA=$WORK/data
OUT=$WORK/out
STARTED=$SECONDS

cleanup() {
  local status=$?
  "$CLUSTER" stop >/dev/null 2>&1 || true # stops the broker too: its PID is under the same work dir
  if [ "$status" -ne 0 ]; then
    echo "E2E FAILED (exit $status) after $((SECONDS - STARTED)) s; logs in $LOGS" >&2
    tail -n 30 "$LOGS"/jobmanager.log 2>/dev/null | grep -E 'ERROR|Exception' | tail -5 >&2 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { log "== [$((SECONDS - STARTED)) s] $*"; }
fail() { echo "E2E CHECK FAILED: $*" >&2; exit 1; }
tool() { java -cp "$WORK/tools:$KAFKA_CP" BidStreamTool "$@"; }

step "build inputs: jar, feeders ${FEEDERS[*]}, $FRAMES frames x $BIDS_PER_WINDOW bids per window"
[ -f "$JAR" ] && [ -f "$CLI_JAR" ] || (cd "$REPO" && mvn -q -o package -DskipTests) || die "could not build $JAR"
mkdir -p "$DATA/feeders" "$OUT" "$WORK/tools"
for f in "${FEEDERS[@]}"; do # the IEEE 33-bus sample feeder under three ids
  sed "s/\"ieee33\"/\"$f\"/" "$REPO/sample-data/feeders/ieee33.json" >"$DATA/feeders/$f.json"
  cp "$REPO/sample-data/feeders/ieee33.branches.csv" "$DATA/feeders/$f.branches.csv"
  cp "$REPO/sample-data/feeders/ieee33.loads.csv" "$DATA/feeders/$f.loads.csv"
done
KAFKA_CP=$("$BROKER" classpath)
javac -nowarn -cp "$KAFKA_CP" -d "$WORK/tools" "$HERE/BidStreamTool.java"
tool generate "$DATA" "$(IFS=,; echo "${FEEDERS[*]}")" "$FRAMES" "$BIDS_PER_WINDOW" 20261124
WINDOWS=$((${#FEEDERS[@]} * FRAMES))

step "start the Kafka broker and the Flink cluster (1 JobManager, 2 TaskManagers) as separate JVMs"
"$BROKER" start &
broker_start=$!
"$CLUSTER" start 2
wait "$broker_start" || die "the Kafka broker did not start"
"$BROKER" create-topics 2
"$CLUSTER" status

# The production entry point, as an operator submits it (docs/operations.md): where to read and write
# as arguments, the rest as Flink configuration of the submission (p2p.<option>, what a FlinkDeployment's
# flinkConfiguration carries) - both paths of `run` are exercised on a real cluster.
JOB_ARGS=(run --bootstrap-servers "$BOOTSTRAP" --feeders "$DATA/feeders")
# The generated day is history (frames of 2026-11-24): submittedAt is its clock, as in a backfill.
# The live time model (receipt time + gate clock) has its own tests (LiveMarketKafkaITCase, bench-live.sh).
JOB_CONF=(--conf p2p.checkpoint-interval=2s --conf p2p.require-signatures=false --conf p2p.event-time=submitted-at)

step "submit $(basename "$JAR") at parallelism 1 and stream frames 0-2"
JOB=$("$CLUSTER" submit "$JAR" --parallelism 1 "${JOB_CONF[@]}" -- "${JOB_ARGS[@]}")
"$CLUSTER" wait-running "$JOB"
for f in 0 1 2; do tool produce "$BOOTSTRAP" bids "$DATA/stream.tsv" "$f" $((f + 1)); done
"$CLUSTER" wait-checkpoint "$JOB"

step "stop with a savepoint; frames 3-4 arrive while the job is down"
SAVEPOINT=$("$CLUSTER" stop-with-savepoint "$JOB")
tool produce "$BOOTSTRAP" bids "$DATA/stream.tsv" 3 5

step "resume from $SAVEPOINT at parallelism 2"
JOB=$("$CLUSTER" resume "$SAVEPOINT" --parallelism 2)
"$CLUSTER" wait-running "$JOB"
tool produce "$BOOTSTRAP" bids "$DATA/stream.tsv" 5 6
"$CLUSTER" wait-checkpoint "$JOB"

step "kill -9 a TaskManager that runs the job, start a replacement, keep streaming"
KILLED=$("$CLUSTER" kill-taskmanager)
tool produce "$BOOTSTRAP" bids "$DATA/stream.tsv" 6 7
"$CLUSTER" add-taskmanager >/dev/null
tool produce "$BOOTSTRAP" bids "$DATA/stream.tsv" 7 "$FRAMES"
tool produce-all-partitions "$BOOTSTRAP" bids "$DATA/trailer.jsonl"
restarts() { curl -sf "$REST/jobs/$JOB/metrics?get=numRestarts" | jq -r '.[0].value // "0"'; }
for _ in $(seq 1 120); do [ "$(restarts)" -gt 0 ] && break; sleep 0.5; done
[ "$(restarts)" -gt 0 ] || fail "the job did not restart within 60 s after $KILLED was killed"
"$CLUSTER" wait-running "$JOB" 180
log "the job restarted $(restarts) time(s) after $KILLED was lost"

step "wait for all $WINDOWS clearing reports to be committed, then one more checkpoint"
tool read "$BOOTSTRAP" "$OUT/cluster" 180 clearing-reports="$WINDOWS" >/dev/null
"$CLUSTER" wait-checkpoint "$JOB"
tool read "$BOOTSTRAP" "$OUT/cluster" 60 allocations clearing-reports rejected-bids

step "the REST API shows the job and the project's metrics"
curl -sf "$REST/jobs/overview" | jq -c '.jobs[] | {jid, name, state}'
curl -sf "$REST/jobs/$JOB" | jq -c '{jid, state, vertices: [.vertices[] | {name, parallelism, status}]}'
"$CLUSTER" metrics "$JOB" '\.(bids[A-Z]|windows|trades|matchedKwh|curtailedKwh|socialWelfare|clearingMillis_(p95|max)|feasibilityMillis_max|feeder\.)' |
  tee "$OUT/metrics.txt"
grep -q 'bidsReceived' "$OUT/metrics.txt" || fail "the project's metrics are not in the REST API"

step "stop the cluster and the broker; run the offline references"
"$CLUSTER" stop
java -jar "$CLI_JAR" clear --bids "$DATA/valid.jsonl" --feeders "$DATA/feeders" \
  --out "$OUT/clear-allocations.jsonl" 2>"$OUT/clear.err"
java -jar "$CLI_JAR" replay --bids "$DATA/stream.jsonl" --feeders "$DATA/feeders" --out "$OUT/replay" \
  --parallelism 2 >"$OUT/replay.out" 2>&1

step "compare"
sorted() { sort "$1" >"$1.sorted"; echo "$1.sorted"; }
dups=$(sort "$OUT/cluster/allocations.jsonl" | uniq -d | wc -l)
[ "$dups" -eq 0 ] || fail "$dups allocations were published twice"
[ -s "$OUT/cluster/allocations.jsonl" ] || fail "no allocations at all"
diff -q "$(sorted "$OUT/cluster/allocations.jsonl")" "$(sorted "$OUT/clear-allocations.jsonl")" >/dev/null ||
  fail "cluster allocations differ from the offline clear: diff $OUT/cluster/allocations.jsonl.sorted $OUT/clear-allocations.jsonl.sorted"
# the streamed frames' reports: the trailer (a bid far ahead, there to move event time past the last
# gate) also spans empty frames after them, which report NO_BIDS as far as the cluster's event time got
frames_only() { grep -F -f <(sed 's/.*/"frameStart":"&"/' "$DATA/frames.txt") "$1" >"$1.frames"; }
frames_only "$OUT/cluster/clearing-reports.jsonl"
frames_only "$OUT/replay/clearing-reports.jsonl"
for f in allocations.jsonl clearing-reports.jsonl.frames rejected-bids.jsonl; do
  diff -q "$(sorted "$OUT/cluster/$f")" "$(sorted "$OUT/replay/$f")" >/dev/null ||
    fail "cluster $f differ from the uninterrupted replay: diff $OUT/cluster/$f.sorted $OUT/replay/$f.sorted"
done
reports=$(wc -l <"$OUT/cluster/clearing-reports.jsonl.frames")
[ "$reports" -eq "$WINDOWS" ] || fail "$reports clearing reports for the $WINDOWS streamed windows"
while IFS=$'\t' read -r id reason; do
  n=$(grep -c "\"bidId\":\"$id\",.*\"reason\":\"$reason\"" "$OUT/cluster/rejected-bids.jsonl" || true)
  [ "$n" -eq 1 ] || fail "bid $id: expected one $reason rejection, found $n"
done <"$DATA/rejections.tsv"

echo "E2E allocations=$(wc -l <"$OUT/cluster/allocations.jsonl") clearing-reports=$reports" \
  "rejected-bids=$(wc -l <"$OUT/cluster/rejected-bids.jsonl") duplicates=0 missing=0 killed=$KILLED" \
  "savepoint=$SAVEPOINT"
echo "E2E PASSED in $((SECONDS - STARTED)) s"
