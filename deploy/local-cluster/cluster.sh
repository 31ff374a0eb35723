#!/usr/bin/env bash
# A real multi-process Flink 2.2 session cluster on this machine, without Docker or a Flink download:
# the JobManager (with the web dashboard) and each TaskManager are separate JVMs on the jars Maven
# resolves from deploy/local-cluster/pom.xml. Work dir, ports: see common.sh.
#
#   cluster.sh start [N]                         JobManager + N TaskManagers (default 2)
#   cluster.sh submit JAR [--parallelism P] [--savepoint PATH] [--conf KEY=VALUE]... [-- PROGRAM ARGS...]
#                                                -> job id; --conf goes into the run request's
#                                                flinkConfiguration (e.g. --conf p2p.frame-minutes=30)
#   cluster.sh list                              jobs with their state
#   cluster.sh wait-running JOB_ID [SECONDS]     until every task of the job runs
#   cluster.sh wait-checkpoint JOB_ID [SECONDS]  until one more checkpoint has completed
#   cluster.sh stop-with-savepoint JOB_ID        -> savepoint path (the job ends FINISHED)
#   cluster.sh resume SAVEPOINT [--parallelism P] [-- PROGRAM ARGS...]
#                                                re-submits the job that wrote SAVEPOINT (same jar and
#                                                --conf, same arguments unless given) from that savepoint
#   cluster.sh cancel JOB_ID
#   cluster.sh metrics JOB_ID [REGEX]            the job's metrics matching REGEX: sum/min/max over subtasks
#   cluster.sh add-taskmanager [NAME]            one more TaskManager JVM
#   cluster.sh kill-taskmanager [NAME]           kill -9 (default: a TaskManager that runs tasks)
#   cluster.sh status                            processes and cluster overview
#   cluster.sh stop                              stops every process started under the work dir
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
require_tools java mvn curl jq
ENTRY_CLASS=${P2P_ENTRY_CLASS:-energy.p2p.cli.Main}

flink_classpath() { classpath flink "$DEPLOY_DIR/pom.xml"; }

write_conf() {
  mkdir -p "$WORK/conf" "$WORK/upload" "$WORK/tmp" "$WORK/checkpoints" "$WORK/savepoints" "$WORK/jobs"
  sed -e "s#\${WORK}#$WORK#g" -e "s#\${REST_PORT}#$REST_PORT#g" -e "s#\${RPC_PORT}#$RPC_PORT#g" \
    "$DEPLOY_DIR/conf/config.yaml" >"$WORK/conf/config.yaml"
  cp "$DEPLOY_DIR/conf/log4j.properties" "$WORK/conf/log4j.properties"
}

# Memory flags exactly as Flink's bin/jobmanager.sh and bin/taskmanager.sh compute them.
# Prints two lines: JVM options, then dynamic -D properties.
resource_params() {
  local out
  out=$(java -cp "$(flink_classpath)" org.apache.flink.runtime.util.bash.BashJavaUtils "$1" \
    --configDir "$WORK/conf" 2>&1) || die "BashJavaUtils $1 failed: $out"
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://'
}

# launch NAME MAIN_CLASS PARAMS_KIND [extra program args...]
launch() {
  local name=$1 main=$2 kind=$3 params jvm dyn
  shift 3
  owned_pid "$name" >/dev/null && die "$name is already running (pid $(cat "$PIDS/$name.pid"))"
  mapfile -t params < <(resource_params "$kind")
  read -r -a jvm <<<"${params[0]}"
  read -r -a dyn <<<"${params[1]}"
  nohup java "${jvm[@]}" "${JAVA_MODULE_OPTS[@]}" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="file:$WORK/conf/log4j.properties" \
    -cp "$(flink_classpath)" "$main" --configDir "$WORK/conf" "${dyn[@]}" "$@" \
    >"$LOGS/$name.out" 2>&1 </dev/null &
  echo $! >"$PIDS/$name.pid"
  log "$name started (pid $!, log $LOGS/$name.log)"
}

registered_taskmanagers() {
  local n
  n=$(curl -sf "$REST/taskmanagers" 2>/dev/null | jq '.taskmanagers | length' 2>/dev/null || true)
  echo "${n:-0}"
}

wait_taskmanagers() {
  local want=$1 i
  for i in $(seq 1 360); do
    [ "$(registered_taskmanagers)" -ge "$want" ] && return 0
    owned_pid jobmanager >/dev/null || die "the JobManager died; see $LOGS/jobmanager.log"
    sleep 0.5
  done
  die "fewer than $want TaskManagers registered after 180 s; see $LOGS/"
}

next_tm_name() {
  local i=1
  while [ -f "$PIDS/tm-$i.pid" ] || [ -f "$LOGS/tm-$i.log" ]; do i=$((i + 1)); done
  echo "tm-$i"
}

add_taskmanager() {
  local name=${1:-$(next_tm_name)}
  launch "$name" org.apache.flink.runtime.taskexecutor.TaskManagerRunner GET_TM_RESOURCE_PARAMS \
    -D "taskmanager.resource-id=$name"
  echo "$name"
}

wait_taskmanager_named() {
  local i
  for i in $(seq 1 240); do
    curl -sf "$REST/taskmanagers" | jq -e --arg n "$1" '.taskmanagers[] | select(.id == $n)' >/dev/null && {
      log "$1 registered with the JobManager"; return 0; }
    owned_pid "$1" >/dev/null || die "$1 died; see $LOGS/$1.out and $LOGS/$1.log"
    sleep 0.5
  done
  die "$1 did not register within 120 s; see $LOGS/$1.log"
}

cmd_start() {
  local n=${1:-2} i
  port_free "$REST_PORT" || die "port $REST_PORT is in use (set P2P_REST_PORT)"
  port_free "$RPC_PORT" || die "port $RPC_PORT is in use (set P2P_RPC_PORT)"
  write_conf
  flink_classpath >/dev/null
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint GET_JM_RESOURCE_PARAMS
  for i in $(seq 1 "$n"); do add_taskmanager "tm-$i" >/dev/null; done
  wait_taskmanagers "$n"
  log "cluster up: $(curl -sf "$REST/overview" | jq -c '{taskmanagers,"slots-total","slots-available"}')"
  log "dashboard: $REST"
}

# Uploads JAR once per content (cached by checksum) and prints the jar id.
upload_jar() {
  local jar=$1 sum idfile resp
  [ -f "$jar" ] || die "no jar at $jar (build it: mvn -q -o package -DskipTests)"
  sum=$(cksum <"$jar" | cut -d' ' -f1)
  idfile=$WORK/jobs/jar-$sum.id
  if [ -s "$idfile" ] && curl -sf "$REST/jars" | jq -e --arg id "$(cat "$idfile")" '.files[] | select(.id == $id)' >/dev/null; then
    cat "$idfile"; return
  fi
  resp=$(curl -sS -X POST -H 'Expect:' -F "jarfile=@$jar" "$REST/jars/upload") || die "upload of $jar failed"
  jq -e '.status == "success"' >/dev/null <<<"$resp" || die "upload of $jar refused: $resp"
  basename "$(jq -r .filename <<<"$resp")" | tee "$idfile"
}

# run_jar JAR_ID PARALLELISM SAVEPOINT CONF_JSON ARGS... -> job id; records how the job was started.
run_jar() {
  local jar_id=$1 parallelism=$2 savepoint=$3 conf=$4 body resp job
  shift 4
  body=$(jq -n --arg entry "$ENTRY_CLASS" --arg p "$parallelism" --arg sp "$savepoint" --argjson conf "$conf" \
    '{entryClass: $entry, programArgsList: $ARGS.positional}
     + (if $p == "" then {} else {parallelism: ($p | tonumber)} end)
     + (if $sp == "" then {} else {savepointPath: $sp, allowNonRestoredState: false} end)
     + (if $conf == {} then {} else {flinkConfiguration: $conf} end)' --args -- "$@")
  resp=$(curl -sS -X POST -H 'Content-Type: application/json' -d "$body" "$REST/jars/$jar_id/run") \
    || die "POST /jars/$jar_id/run failed"
  job=$(jq -r '.jobid // empty' <<<"$resp")
  [ -n "$job" ] || die "the job was not submitted: $(jq -r '.errors // . | tostring' <<<"$resp" | head -c 3000)"
  jq -n --arg jar "$jar_id" --arg p "$parallelism" --arg sp "$savepoint" --argjson conf "$conf" \
    '{jarId: $jar, parallelism: $p, fromSavepoint: $sp, conf: $conf, args: $ARGS.positional}' --args -- "$@" \
    >"$WORK/jobs/$job.json"
  echo "$job"
}

cmd_submit() {
  local jar=${1:?usage: submit JAR [--parallelism P] [--savepoint PATH] [--conf K=V]... [-- ARGS]} parallelism="" savepoint=""
  local conf='{}'
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --parallelism) parallelism=$2; shift 2 ;;
      --savepoint) savepoint=$2; shift 2 ;;
      --conf) conf=$(jq -c --arg kv "$2" '. + {($kv | split("=")[0]): ($kv | split("=")[1:] | join("="))}' <<<"$conf"); shift 2 ;;
      --) shift; break ;;
      *) die "unknown option $1 (program arguments go after --)" ;;
    esac
  done
  local job
  log "submitting $(basename "$jar")${conf:+ with configuration $conf}"
  job=$(run_jar "$(upload_jar "$jar")" "$parallelism" "$savepoint" "$conf" "$@")
  log "submitted job $job${parallelism:+ at parallelism $parallelism}${savepoint:+ from $savepoint}"
  echo "$job"
}

cmd_resume() {
  local savepoint=${1:?usage: resume SAVEPOINT [--parallelism P] [-- ARGS]} parallelism="" from args=()
  shift
  while [ $# -gt 0 ]; do
    case $1 in
      --parallelism) parallelism=$2; shift 2 ;;
      --) shift; args=("$@"); break ;;
      *) die "unknown option $1" ;;
    esac
  done
  from=$(grep -lxF "$savepoint" "$WORK"/jobs/*.savepoint 2>/dev/null | head -1 || true)
  [ -n "$from" ] || die "no job of this work dir wrote savepoint $savepoint"
  from=${from%.savepoint}.json
  [ ${#args[@]} -gt 0 ] || mapfile -t args < <(jq -r '.args[]' "$from")
  [ -n "$parallelism" ] || parallelism=$(jq -r .parallelism "$from")
  local job
  job=$(run_jar "$(jq -r .jarId "$from")" "$parallelism" "$savepoint" "$(jq -c '.conf // {}' "$from")" "${args[@]}")
  log "resumed as job $job from $savepoint${parallelism:+ at parallelism $parallelism}"
  echo "$job"
}

cmd_list() {
  curl -sf "$REST/jobs/overview" | jq -r '.jobs | sort_by(."start-time")[] |
    [.jid, .state, .name, (.tasks.running | tostring) + "/" + (.tasks.total | tostring) + " tasks running",
     (."start-time" / 1000 | todate)] | @tsv' || die "no cluster answers on $REST"
}


cmd_wait_running() {
  local job=${1:?job id} limit=${2:-120} i s=unknown
  for i in $(seq 1 $((limit * 2))); do
    # job state first, then the distinct task states (RESTARTING,CANCELED,... while failing over)
    s=$(curl -sf "$REST/jobs/$job" | jq -r '.state + ":" + ([.vertices[].status] | unique | join(","))' || true)
    [ "$s" = RUNNING:RUNNING ] && { log "job $job: all tasks RUNNING"; return 0; }
    case $s in FAILED:* | CANCELED:* | FINISHED:*) die "job $job ended ($s); see $LOGS/" ;; esac
    sleep 0.5
  done
  die "job $job not running after $limit s (job:tasks $s)"
}

completed_checkpoints() { curl -sf "$REST/jobs/$1/checkpoints" | jq -r '.counts.completed // 0'; }

cmd_wait_checkpoint() {
  local job=${1:?job id} limit=${2:-60} before i
  before=$(completed_checkpoints "$job")
  for i in $(seq 1 $((limit * 4))); do
    [ "$(completed_checkpoints "$job")" -gt "$before" ] && { log "job $job: checkpoint $((before + 1)) completed"; return 0; }
    sleep 0.25
  done
  die "no checkpoint of job $job completed within $limit s"
}

cmd_stop_with_savepoint() {
  local job=${1:?job id} trigger resp status i
  resp=$(curl -sS -X POST -H 'Content-Type: application/json' \
    -d "{\"targetDirectory\":\"file://$WORK/savepoints\",\"drain\":false}" "$REST/jobs/$job/stop")
  trigger=$(jq -r '."request-id" // empty' <<<"$resp")
  [ -n "$trigger" ] || die "stop-with-savepoint of $job refused: $resp"
  for i in $(seq 1 480); do
    resp=$(curl -sf "$REST/jobs/$job/savepoints/$trigger")
    status=$(jq -r .status.id <<<"$resp")
    if [ "$status" = COMPLETED ]; then
      local location failure
      failure=$(jq -r '.operation."failure-cause"."stack-trace" // empty' <<<"$resp")
      [ -z "$failure" ] || die "savepoint of $job failed: $(head -c 2000 <<<"$failure")"
      location=$(jq -r .operation.location <<<"$resp")
      echo "$location" >"$WORK/jobs/$job.savepoint"
      log "job $job stopped with savepoint $location"
      echo "$location"
      return 0
    fi
    sleep 0.25
  done
  die "savepoint of $job not complete after 120 s"
}

cmd_cancel() {
  curl -sf -X PATCH "$REST/jobs/${1:?job id}?mode=cancel" >/dev/null || die "cancel of $1 failed"
  log "job $1 cancelled"
}

cmd_metrics() {
  local job=${1:?job id} pattern=${2:-.} vid vname names batch
  while IFS=$'\t' read -r vid vname; do
    # ids are "<subtask>.<operator>.<metric>": ask for the sum/min/max over the subtasks
    names=$(curl -sf "$REST/jobs/$job/vertices/$vid/metrics" |
      jq -r --arg re "$pattern" '[.[].id | sub("^[0-9]+\\."; "") | select(test($re))] | unique | .[]')
    [ -n "$names" ] || continue
    echo "# vertex $vname ($vid)"
    # a few names per request: the names of connector metrics are long, URLs have a limit
    while read -r batch; do
      curl -sf -G --data-urlencode "get=$batch" --data-urlencode "agg=sum,min,max" \
        "$REST/jobs/$job/vertices/$vid/subtasks/metrics" | jq -r '.[] | "\(.id)  sum=\(.sum) min=\(.min) max=\(.max)"'
    done < <(paste -d, - - - - - - - - - - <<<"$names" | sed 's/,*$//')
  done < <(curl -sf "$REST/jobs/$job" | jq -r '.vertices[] | [.id, .name] | @tsv')
}

# A TaskManager that runs tasks right now (so killing it interrupts the job), else the first alive.
busy_taskmanager() {
  local name
  name=$(curl -sf "$REST/taskmanagers" | jq -r '.taskmanagers[] | select(.freeSlots < .slotsNumber) | .id' | head -1)
  if [ -n "$name" ] && owned_pid "$name" >/dev/null; then echo "$name"; return; fi
  for f in "$PIDS"/tm-*.pid; do name=$(basename "$f" .pid); owned_pid "$name" >/dev/null && { echo "$name"; return; }; done
  die "no TaskManager of this work dir is running"
}

cmd_kill_taskmanager() {
  local name=${1:-$(busy_taskmanager)} pid
  pid=$(owned_pid "$name") || die "$name is not a running process of this work dir"
  kill -9 "$pid"
  rm -f "$PIDS/$name.pid"
  log "$name (pid $pid) killed with SIGKILL"
  echo "$name"
}

cmd_status() {
  local f name
  for f in "$PIDS"/*.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    if owned_pid "$name" >/dev/null; then echo "$name pid $(cat "$f") alive"; else echo "$name pid $(cat "$f") GONE"; fi
  done
  curl -sf "$REST/overview" | jq -c . || echo "no cluster answers on $REST"
}

cmd_stop() {
  local f name
  # TaskManagers first, so the JobManager does not start failovers while they go.
  for f in "$PIDS"/tm-*.pid "$PIDS"/jobmanager.pid "$PIDS"/*.pid; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    stop_process "$name"
  done
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  start) cmd_start "$@" ;;
  submit) cmd_submit "$@" ;;
  resume) cmd_resume "$@" ;;
  list) cmd_list ;;
  wait-running) cmd_wait_running "$@" ;;
  wait-checkpoint) cmd_wait_checkpoint "$@" ;;
  stop-with-savepoint) cmd_stop_with_savepoint "$@" ;;
  cancel) cmd_cancel "$@" ;;
  metrics) cmd_metrics "$@" ;;
  add-taskmanager) name=$(add_taskmanager "$@"); wait_taskmanager_named "$name"; echo "$name" ;;
  kill-taskmanager) cmd_kill_taskmanager "$@" ;;
  status) cmd_status ;;
  stop) cmd_stop ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
