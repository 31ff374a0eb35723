#!/usr/bin/env bash
# A single-node KRaft Kafka 4.2 broker (+ controller) in its own JVM on 127.0.0.1, from the Maven
# jars of deploy/local-cluster/kafka/pom.xml. Data, log and PID under $P2P_CLUSTER_DIR/kafka.
#
#   kafka-broker.sh start                      start (port P2P_KAFKA_PORT); formats the storage the
#                                              first time, a restart keeps topics and data
#   kafka-broker.sh create-topics [PARTITIONS] the job's topics (bids, allocations, clearing-reports,
#                                              rejected-bids, ledger, settlements, meter-readings),
#                                              default 2 partitions each
#   kafka-broker.sh topics                     list topics with their partitions
#   kafka-broker.sh console-consumer TOPIC     print TOPIC from the beginning, read_committed
#   kafka-broker.sh stop                       stop the broker by its recorded PID
#   kafka-broker.sh classpath                  print the broker/tools classpath (for e2e tools)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
require_tools java mvn
KDIR=$WORK/kafka
BOOTSTRAP=127.0.0.1:$KAFKA_PORT
TOPICS=(bids allocations clearing-reports rejected-bids ledger settlements meter-readings)

kafka_classpath() { classpath kafka "$DEPLOY_DIR/kafka/pom.xml"; }
# Kafka's command-line tools: warnings only, on stderr.
kafka_java() { java -Xmx256m -Dlog4j2.configurationFile="file:$KDIR/tools-log4j2.properties" -cp "$(kafka_classpath)" "$@"; }

write_config() {
  mkdir -p "$KDIR"
  cat >"$KDIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((KAFKA_PORT + 1))
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$((KAFKA_PORT + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KDIR/data
num.partitions=2
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
# the job's exactly-once producers use transaction.timeout.ms below this broker maximum (15 min)
transaction.max.timeout.ms=900000
group.initial.rebalance.delay.ms=0
# keep every record: bids and outputs carry historical event-time timestamps, which time-based
# retention would delete at once
log.retention.ms=-1
PROPS
  cat >"$KDIR/log4j2.properties" <<L4J
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = BrokerFile
appender.file.name = BrokerFile
appender.file.type = File
appender.file.fileName = $LOGS/kafka.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d %p %c{1} - %m%n
L4J
  cat >"$KDIR/tools-log4j2.properties" <<'L4J'
rootLogger.level = WARN
rootLogger.appenderRef.err.ref = Err
appender.err.name = Err
appender.err.type = Console
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %c{1} - %m%n
L4J
}

cmd_start() {
  port_free "$KAFKA_PORT" || die "port $KAFKA_PORT is in use (set P2P_KAFKA_PORT)"
  port_free $((KAFKA_PORT + 1)) || die "port $((KAFKA_PORT + 1)) is in use (set P2P_KAFKA_PORT)"
  owned_pid kafka >/dev/null && die "the broker is already running (pid $(cat "$PIDS/kafka.pid"))"
  write_config
  if [ ! -f "$KDIR/data/meta.properties" ]; then # a restart keeps the topics and their data
    kafka_java kafka.tools.StorageTool format -t "$(kafka_java kafka.tools.StorageTool random-uuid)" \
      -c "$KDIR/server.properties" >"$LOGS/kafka-format.out" 2>&1 || die "storage format failed: $(cat "$LOGS/kafka-format.out")"
  fi
  # the readiness check below reads this log: keep a previous run's apart
  [ ! -f "$LOGS/kafka.log" ] || mv "$LOGS/kafka.log" "$LOGS/kafka.log.$(date +%s)"
  # the classpath first: resolved inside the background command, it would leave a window in which
  # the PID is still a shell's, not the broker's, and the liveness check below would misjudge it
  local cp pid i
  cp=$(kafka_classpath)
  # -Dp2p.work names the work dir on the command line, so stop/cleanup can recognise the PID
  nohup java -Xmx512m -Dp2p.work="$WORK" -Dlog4j2.configurationFile="file:$KDIR/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$KDIR/server.properties" >"$LOGS/kafka.out" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PIDS/kafka.pid"
  for i in $(seq 1 240); do
    grep -q 'Kafka Server started' "$LOGS/kafka.log" 2>/dev/null && { log "Kafka broker up on $BOOTSTRAP (pid $pid)"; return 0; }
    kill -0 "$pid" 2>/dev/null || die "the broker died: $(tail -20 "$LOGS/kafka.out" 2>/dev/null)"
    sleep 0.25
  done
  die "the broker did not start within 60 s; see $LOGS/kafka.log"
}

cmd_create_topics() {
  local partitions=${1:-2} t pids=() timestamps
  for t in "${TOPICS[@]}"; do # one JVM per topic, in parallel
    # the broker stamps records itself: on bids, that receipt time is what judges gate closure in the
    # live market (run --event-time receipt); on outputs, the job's own timestamps are event times,
    # which Kafka refuses when they lie more than an hour ahead of its clock. Meter readings keep
    # the meters' own timestamps.
    timestamps=LogAppendTime
    [ "$t" != meter-readings ] || timestamps=CreateTime
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
      --topic "$t" --partitions "$partitions" --replication-factor 1 \
      --config "message.timestamp.type=$timestamps" >&2 &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || die "topic creation failed"; done
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
  start) cmd_start ;;
  create-topics) write_config; cmd_create_topics "$@" ;;
  topics) write_config; kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --describe ;;
  console-consumer)
    write_config
    kafka_java org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$BOOTSTRAP" \
      --topic "${1:?topic}" --from-beginning --isolation-level read_committed --timeout-ms "${2:-5000}" ;;
  stop) stop_process kafka ;;
  classpath) kafka_classpath ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
